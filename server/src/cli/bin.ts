import { parseCommand, UsageError } from './args';
import { tryCache, type CacheOutcome, type Io } from './cached-run';

// The only place the CLI touches the process: everything else is testable with a fake Io.
const io: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  colorByDefault: process.stdout.isTTY === true && !process.env['NO_COLOR'],
};
const argv = process.argv.slice(2);

/** A check whose inputs did not change is answered before the analysis (and TypeScript) is loaded. */
function lookUp(): CacheOutcome | undefined {
  try {
    const command = parseCommand(argv, io.colorByDefault);
    return command.name === 'check' ? tryCache(command, io) : undefined;
  } catch (error) {
    if (error instanceof UsageError) return undefined; // runCli reports it with the usage text
    throw error;
  }
}

function run(): number {
  const outcome = lookUp();
  if (outcome && 'served' in outcome) return outcome.served;
  // Loaded only now, with require: import() of the 15 MB CommonJS engine bundle made Node scan it
  // for exports first (~0.5 s per cold run, measured by the benchmark).
  const { runCli } = require('./main.js') as typeof import('./main.js');
  return runCli(argv, io, outcome);
}

process.exitCode = run();
