// The whole suite in one run of node's test runner (its summary ends the output), after the linter
// and the formatter's check: unit and integration tests, then the editor tests (Neovim, and VS
// Code in code-server + Chromium), whose tools scripts/e2e/setup.sh installs first. LAYERGUARD_SKIP_E2E=1 leaves the editor tests out
// for a quick local run; CI never sets it.
import { spawnSync } from 'node:child_process';

const skipE2e = process.env.LAYERGUARD_SKIP_E2E === '1';
const explicit = process.argv.slice(2);

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

const suites = explicit.length > 0 ? explicit : ['out/test/unit/', 'out/test/integration/', ...(skipE2e ? [] : ['out/test/e2e/'])];
// The whole suite starts with the linter and the formatter's check (npm run lint).
if (explicit.length === 0) run('npm', ['run', 'lint', '--silent']);
if (suites.some((s) => s.includes('e2e'))) {
  run('bash', ['scripts/e2e/setup.sh']);
  run('node_modules/.bin/vsce', ['package', '--no-dependencies', '--allow-missing-repository', '--readme-path', 'docs/marketplace/README.md', '-o', 'layerguard.vsix']);
}
if (skipE2e) console.log('LAYERGUARD_SKIP_E2E=1: the Neovim and VS Code tests are not run.');
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=2', ...suites], { stdio: 'inherit' });
process.exit(result.status ?? 1);
