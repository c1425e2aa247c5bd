import { runCli } from './main';

// The only place the CLI touches the process: everything else is testable with a fake Io.
const code = runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  isTty: process.stdout.isTTY === true,
});
process.exitCode = code;
