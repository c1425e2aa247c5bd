// Runs the compiled unit and integration tests with node's test runner; its summary ends the output.
import { spawnSync } from 'node:child_process';

const args = ['--test', '--test-reporter=spec', '--test-concurrency=2', ...process.argv.slice(2)];
if (process.argv.length <= 2) args.push('out/test/unit/', 'out/test/integration/');
const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(result.status ?? 1);
