/** Parses the wrangle command line. Pure: no I/O, so every bad input has a test. */
import { DEFAULT_HASHES, parseHashList, type HashFormat } from '../../src-shared/hash-formats';
import { ConflictPolicySchema, type ConflictPolicy } from '../../src-shared/jobs';
import { parseSequenceExtensions } from '../../src-shared/sequence-extensions';
import { PROGRESS_INTERVAL_FLAG, progressIntervalArg } from './interval-arg';
import { UsageError } from './usage-error';
import { parseVerifyArgs, VERIFY_USAGE, type VerifyArgs } from './verify-args';

/** Flags every job command takes. */
interface CommonArgs {
  json: boolean;
  printProgressEndpoint: boolean;
  /** `--progress-interval` in milliseconds (0: none); unset: WRANGLE_PROGRESS_INTERVAL or 5 s. */
  progressIntervalMs?: number;
}

/** A parsed `wrangle scan` invocation. */
export interface ScanArgs extends CommonArgs {
  command: 'scan';
  dir: string;
  /** `--sequence-ext`: the extensions whose numbered files form sequences, instead of the configured ones. */
  sequenceExtensions?: string[];
}

/** A parsed `wrangle watch` invocation: keep a folder's sequences live until Ctrl-C. */
export interface WatchArgs extends CommonArgs {
  command: 'watch';
  dir: string;
}

/** A parsed `wrangle copy` or `wrangle move` invocation. */
export interface TransferArgs extends CommonArgs {
  command: 'copy' | 'move';
  sources: string[];
  destination: string;
  policy: ConflictPolicy;
  verify: boolean;
  checksumFile: boolean;
  /** Create the destination's missing parent folders too. */
  parents: boolean;
  /** More destinations that get the same copies from one read (`--also`). */
  also: string[];
  /** Hash formats computed from that read (`--hash`). */
  hashes: HashFormat[];
  /** Write an ASC MHL history into each copied folder at every destination (`--mhl`). */
  mhl: boolean;
}

/** A parsed `wrangle retry` invocation: run an ended job's failed entries again. */
export interface RetryArgs extends CommonArgs {
  command: 'retry';
  batchId: string;
}

export type CliArgs =
  | ScanArgs
  | WatchArgs
  | TransferArgs
  | RetryArgs
  | VerifyArgs
  | { command: 'help'; usage?: string }
  | { command: 'version' };

export { UsageError };

export const USAGE = `Usage:
  wrangle scan <dir> [--sequence-ext exr,dpx,…] [--json] [--print-progress-endpoint] [--progress-interval 5s]
  wrangle copy <src…> <dest> [--also <dest2>]… [--hash xxh64,md5,…] [--mhl] [--verify] [--checksum-file]
               [--parents] [--on-conflict=skip|overwrite|rename|newer] [--json] [--progress-interval 5s]
  wrangle move <src…> <dest> [--parents] [--on-conflict=skip|overwrite|rename|newer] [--json]
               [--progress-interval 5s]
  wrangle retry <job id> [--json] [--progress-interval 5s]
  wrangle verify <folder> [--record] [--json] [--progress-interval 5s]
  wrangle watch <dir> [--json]

scan   counts files, folders, symlinks and bytes of <dir>, and finds the largest folders and files.
copy   copies each <src> (folder or file) into the folder <dest>, under its own name. A file appears
       under its name only once it is complete (and verified, with --verify).
move   moves each <src> into <dest>: a rename on the same filesystem; across filesystems a verified
       copy, then each source file is deleted only once its copy is verified.
retry  runs the entries an ended copy or move could not transfer again, as a new job (its id is in
       the --json output and in the summary).
verify checks every file of <folder> against its ASC MHL history, or its checksum files (xxhsum,
       md5sum); --record appends a verification generation. See wrangle verify --help.
watch  keeps the image sequences of <dir> live as frames land, until Ctrl-C: frames, count, missing,
       zero-byte and the time since the last frame landed. With --json, one JSON object a line: "ready"
       (root, files, sequences, what is watched), then "sequence" for each sequence as it is and each time
       it changes (the fields of scan --json's sequences), and "sequence_removed" when one goes away.
       It only reads: nothing under <dir> is written.
Each runs in a worker process; progress is drawn on stderr. When stderr is not a terminal (a log file,
a farm or cron job), a plain progress line is written there every 5 s instead, with no control characters.

Options:
  --json                     print the result as one JSON object on stdout
  --print-progress-endpoint  print the WebSocket progress URL and batch id on stderr
  --sequence-ext <list>      scan: the extensions whose numbered files form image sequences (default: image
                             and frame formats such as exr, dpx, tif, png, jpg, ari, dng; "*" for any)
  --progress-interval TIME   when stderr is not a terminal, write a progress line this often (5s, 500ms,
                             1m; 0 or off for none); default 5s, or WRANGLE_PROGRESS_INTERVAL
  --on-conflict=POLICY       when a file exists at the destination:
                               skip       leave it if size and mtime match (default)
                               overwrite  replace it
                               rename     keep both: write "name (1).ext"
                               newer      replace it only if the source is newer
  --verify                   read every copy back from storage and compare it with the source's hash
                             (always on for a move across filesystems)
  --checksum-file            also write the checksums as an xxhsum file in each destination (implies --verify)
  --also <dest>              one more destination (repeat for more, up to 7): each source file is read
                             once and its bytes go to every destination; one failing does not stop the others
  --hash <list>              hash formats computed from that one read: xxh64 (default), xxh128, xxh3,
                             md5, sha1, c4
  --mhl                      write an ASC MHL history (ascmhl/) into each copied folder at every destination
  --parents                  create the destination's missing parent folders too (else a missing
                             parent is refused, so a typo or an unmounted share never fills a disk)
  -h, --help                 show this help
  --version                  print the version

Exit codes: 0 completed, 3 completed with failures (some entries were not transferred: see the
summary), 1 failed (stopped by an error, e.g. a full disk), 2 bad arguments or configuration (a bad
WRANGLE_* variable, the progress port in use, a data folder that cannot be written) or refused before
anything was written, 130 interrupted (Ctrl-C cancels cleanly).
wrangle verify: 0 every listed file verified (new files are reported, not failed), 1 a file changed,
missing or unreadable, or its ASC MHL history does not hold together (the file and why are named), 2 bad
arguments (no such folder, a file, or neither a history nor checksum files), 130 interrupted.
wrangle watch: runs until Ctrl-C, then exits 130 as an interrupted command; 2 for a folder that is
missing or a file.`;

/** Parse argv (without node and the script). Throws UsageError. */
export function parseArgs(argv: readonly string[]): CliArgs {
  if (argv.length === 0) throw new UsageError('No command given.');
  if (argv[0] === 'verify') {
    const verify = parseVerifyArgs(argv.slice(1));
    return verify === 'help' ? { command: 'help', usage: VERIFY_USAGE } : verify;
  }
  if (argv.includes('-h') || argv.includes('--help')) return { command: 'help' };
  if (argv[0] === '--version') return { command: 'version' };
  const [command, ...rest] = argv;
  if (
    command !== 'scan' &&
    command !== 'watch' &&
    command !== 'copy' &&
    command !== 'move' &&
    command !== 'retry'
  ) {
    throw new UsageError(`Unknown command ${JSON.stringify(command)}.`);
  }
  const common: CommonArgs = { json: false, printProgressEndpoint: false };
  let policy: ConflictPolicy = 'skip';
  let verify = false;
  let checksumFile = false;
  let parents = false;
  let mhl = false;
  let hashes: HashFormat[] = [...DEFAULT_HASHES];
  const also: string[] = [];
  let sequenceExtensions: string[] | undefined;
  const positional: string[] = [];
  let optionsEnded = false;
  for (let index = 0; index < rest.length; index++) {
    const arg = rest[index] as string;
    const transferOption = command === 'copy' || command === 'move';
    // `--name value` or `--name=value`.
    const valueOf = (name: string): string | null => {
      if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
      if (arg !== name) return null;
      const value = rest[++index];
      if (value === undefined || value === '') throw new UsageError(`${name} needs a value.`);
      return value;
    };
    const intervalValue = optionsEnded ? null : valueOf(PROGRESS_INTERVAL_FLAG);
    if (intervalValue !== null) {
      common.progressIntervalMs = progressIntervalArg(intervalValue);
      continue;
    }
    const alsoValue = !optionsEnded && transferOption ? valueOf('--also') : null;
    const hashValue = !optionsEnded && transferOption && alsoValue === null ? valueOf('--hash') : null;
    const extValue = !optionsEnded && command === 'scan' ? valueOf('--sequence-ext') : null;
    if (extValue !== null) {
      const parsed = parseSequenceExtensions(extValue.split(','));
      if ('error' in parsed) throw new UsageError(`--sequence-ext: ${parsed.error}.`);
      sequenceExtensions = parsed.extensions;
      continue;
    }
    if (alsoValue !== null) {
      also.push(alsoValue);
      continue;
    }
    if (hashValue !== null) {
      const parsedHashes = parseHashList(hashValue);
      if ('error' in parsedHashes) throw new UsageError(`--hash: ${parsedHashes.error}`);
      hashes = parsedHashes.formats;
      continue;
    }
    if (!optionsEnded && arg === '--') optionsEnded = true;
    else if (!optionsEnded && arg === '--json') common.json = true;
    else if (!optionsEnded && arg === '--print-progress-endpoint') common.printProgressEndpoint = true;
    else if (!optionsEnded && transferOption && arg.startsWith('--on-conflict=')) {
      const value = arg.slice('--on-conflict='.length);
      const parsed = ConflictPolicySchema.safeParse(value);
      if (!parsed.success) {
        throw new UsageError(
          `--on-conflict must be skip, overwrite, rename or newer; got ${JSON.stringify(value)}.`,
        );
      }
      policy = parsed.data;
    } else if (!optionsEnded && transferOption && arg === '--verify') verify = true;
    else if (!optionsEnded && transferOption && arg === '--parents') parents = true;
    else if (!optionsEnded && transferOption && arg === '--mhl') mhl = true;
    else if (!optionsEnded && command === 'copy' && arg === '--checksum-file') {
      checksumFile = true;
      verify = true;
    } else if (!optionsEnded && arg.startsWith('-') && arg !== '-')
      throw new UsageError(`Unknown option ${arg}.`);
    else positional.push(arg);
  }
  if (positional.some((path) => path === '')) throw new UsageError('A path is an empty string.');
  if (command === 'scan' || command === 'watch') {
    if (positional.length === 0) throw new UsageError(`wrangle ${command} needs a folder to ${command}.`);
    if (positional.length > 1)
      throw new UsageError(`wrangle ${command} takes one folder; got ${positional.length}.`);
    if (command === 'watch') return { command, dir: positional[0] as string, ...common };
    const scan: ScanArgs = { command, dir: positional[0] as string, ...common };
    if (sequenceExtensions !== undefined) scan.sequenceExtensions = sequenceExtensions;
    return scan;
  }
  if (command === 'retry') {
    if (positional.length !== 1)
      throw new UsageError('wrangle retry takes the id of one ended copy or move.');
    return { command, batchId: positional[0] as string, ...common };
  }
  if (positional.length < 2) {
    throw new UsageError(`wrangle ${command} needs at least one source and a destination folder.`);
  }
  const destination = positional.pop() as string;
  return {
    command,
    sources: positional,
    destination,
    policy,
    verify,
    checksumFile,
    parents,
    also,
    hashes,
    mhl,
    ...common,
  };
}
