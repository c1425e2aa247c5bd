import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

/**
 * `npm run test:vscode`: the API-level suite in a real VS Code 1.100.3 downloaded by
 * @vscode/test-electron. Needs access to VS Code's download servers, which CI here does not have;
 * CI runs the same behaviours through code-server instead (test/e2e/).
 */
async function main(): Promise<void> {
  const repo = path.join(__dirname, '../../..');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'layerguard-vscode-'));
  fs.cpSync(path.join(repo, 'examples/nest-shop'), workspace, { recursive: true });
  try {
    await runTests({
      version: '1.100.3',
      extensionDevelopmentPath: repo,
      extensionTestsPath: path.join(__dirname, 'suite/index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
