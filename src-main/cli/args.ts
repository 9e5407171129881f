/** Parses the wrangle command line. Pure: no I/O, so every bad input has a test. */

/** A parsed `wrangle scan` invocation. */
export interface ScanArgs {
  command: 'scan';
  dir: string;
  json: boolean;
  printProgressEndpoint: boolean;
}

export type CliArgs = ScanArgs | { command: 'help' } | { command: 'version' };

/** A command line that cannot run; the message says what to type instead. */
export class UsageError extends Error {}

export const USAGE = `Usage:
  wrangle scan <dir> [--json] [--print-progress-endpoint]

Scans <dir> in a worker process: counts files, folders, symlinks and bytes,
and finds the largest folders and files. Progress is drawn on stderr.

Options:
  --json                     print the result as one JSON object on stdout
  --print-progress-endpoint  print the WebSocket progress URL and batch id on stderr
  -h, --help                 show this help
  --version                  print the version

Exit codes: 0 completed, 1 failed, 2 bad arguments, 130 interrupted.`;

/** Parse argv (without node and the script). Throws UsageError. */
export function parseArgs(argv: readonly string[]): CliArgs {
  if (argv.length === 0) throw new UsageError('No command given.');
  if (argv.includes('-h') || argv.includes('--help')) return { command: 'help' };
  if (argv[0] === '--version') return { command: 'version' };
  const [command, ...rest] = argv;
  if (command !== 'scan') throw new UsageError(`Unknown command ${JSON.stringify(command)}.`);
  let json = false;
  let printProgressEndpoint = false;
  const positional: string[] = [];
  let optionsEnded = false;
  for (const arg of rest) {
    if (!optionsEnded && arg === '--') optionsEnded = true;
    else if (!optionsEnded && arg === '--json') json = true;
    else if (!optionsEnded && arg === '--print-progress-endpoint') printProgressEndpoint = true;
    else if (!optionsEnded && arg.startsWith('-') && arg !== '-')
      throw new UsageError(`Unknown option ${arg}.`);
    else positional.push(arg);
  }
  if (positional.length === 0) throw new UsageError('wrangle scan needs a folder to scan.');
  if (positional.length > 1) throw new UsageError(`wrangle scan takes one folder; got ${positional.length}.`);
  const dir = positional[0] ?? '';
  if (dir === '') throw new UsageError('The folder to scan is an empty string.');
  return { command: 'scan', dir, json, printProgressEndpoint };
}
