/** Parses `wrangle verify FOLDER [--json] [--record]`. Pure: no I/O, so every bad input has a test. */
import { PROGRESS_INTERVAL_FLAG, progressIntervalArg } from './interval-arg';
import { UsageError } from './usage-error';

/** A parsed `wrangle verify` invocation. */
export interface VerifyArgs {
  command: 'verify';
  dir: string;
  record: boolean;
  json: boolean;
  printProgressEndpoint: boolean;
  /** `--progress-interval` in milliseconds (0: none); unset: WRANGLE_PROGRESS_INTERVAL or 5 s. */
  progressIntervalMs?: number;
}

export const VERIFY_USAGE = `Usage:
  wrangle verify <folder> [--record] [--json] [--print-progress-endpoint] [--progress-interval 5s]

Checks every file in <folder> against the newest trustworthy hash in its ASC MHL history (the ascmhl
folder: its chain and manifests, nested histories included). A folder with no history is checked
against the checksum files at its top: *.xxh64 and *.xxhsum (xxhsum, GNU or BSD style) and *.md5 and
*.md5sum (md5sum). Each file is read once, from the storage (not the page cache, where the system
allows), in every format it was recorded with; directory hashes are recomputed and compared.
It reports files that are changed, missing, new (listed nowhere) and unreadable.

Options:
  --record                   append a verification generation to the folder's ASC MHL history (or start
                             one); it states each file as verified, failed or original (new)
  --json                     print the result as one JSON object on stdout
  --print-progress-endpoint  print the WebSocket progress URL and batch id on stderr
  --progress-interval TIME   when stderr is not a terminal, write a progress line this often (5s, 500ms,
                             1m; 0 or off for none); default 5s, or WRANGLE_PROGRESS_INTERVAL
  -h, --help                 show this help

Exit codes:
  0    every listed file is there and verified (new files are reported but do not fail the check,
       as with ASC MHL tools)
  1    a file changed, is missing or could not be read; or the ASC MHL history does not hold together
       (its chain does not match a manifest, a manifest is missing or malformed: the message names the
       file and why, and nothing is checked or written); or the verification was stopped
  2    bad arguments: no folder, a file instead of a folder, a folder that does not exist, or a folder
       with neither an ascmhl history nor checksum files; or bad configuration (a bad WRANGLE_* variable,
       the progress port in use, a data folder that cannot be written)
  130  interrupted (Ctrl-C cancels cleanly; with --record, no generation is written)`;

/** Parse the arguments after `verify`. Returns 'help' for -h/--help. Throws UsageError. */
export function parseVerifyArgs(argv: readonly string[]): VerifyArgs | 'help' {
  if (argv.includes('-h') || argv.includes('--help')) return 'help';
  const args: VerifyArgs = {
    command: 'verify',
    dir: '',
    record: false,
    json: false,
    printProgressEndpoint: false,
  };
  const positional: string[] = [];
  let optionsEnded = false;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (!optionsEnded && (arg === PROGRESS_INTERVAL_FLAG || arg.startsWith(`${PROGRESS_INTERVAL_FLAG}=`))) {
      const value =
        arg === PROGRESS_INTERVAL_FLAG ? argv[++index] : arg.slice(PROGRESS_INTERVAL_FLAG.length + 1);
      if (value === undefined || value === '')
        throw new UsageError(`${PROGRESS_INTERVAL_FLAG} needs a value.`, VERIFY_USAGE);
      args.progressIntervalMs = progressIntervalArg(value, VERIFY_USAGE);
    } else if (!optionsEnded && arg === '--') optionsEnded = true;
    else if (!optionsEnded && arg === '--json') args.json = true;
    else if (!optionsEnded && arg === '--record') args.record = true;
    else if (!optionsEnded && arg === '--print-progress-endpoint') args.printProgressEndpoint = true;
    else if (!optionsEnded && arg.startsWith('-') && arg !== '-')
      throw new UsageError(`Unknown option ${arg} for wrangle verify.`, VERIFY_USAGE);
    else positional.push(arg);
  }
  if (positional.length === 0)
    throw new UsageError(
      'wrangle verify needs the folder to verify (the one that holds ascmhl/ or the checksum files).',
      VERIFY_USAGE,
    );
  if (positional.length > 1)
    throw new UsageError(
      `wrangle verify takes one folder; got ${positional.length}: ${positional.map((path) => JSON.stringify(path)).join(', ')}.`,
      VERIFY_USAGE,
    );
  const dir = positional[0] as string;
  if (dir === '') throw new UsageError('The folder is an empty string.', VERIFY_USAGE);
  return { ...args, dir };
}
