/** What a transfer did, as it happens: tallies, failures grouped by cause, files left in place. */
import {
  MAX_FAILURE_GROUPS,
  MAX_REPORTED_PATHS,
  type ErrorCode,
  type FailureGroup,
  type TransferFailure,
} from '../../src-shared/jobs';

/** Paths kept as examples of one failure group. */
const EXAMPLES = 5;

/** One failure as the engine reports it: the cause without the path, so equal causes group. */
export interface FailureInput {
  path: string;
  code: ErrorCode;
  errno: string;
  /** What went wrong, without the path ("Permission denied reading the source"): failures group by it. */
  cause: string;
  /** This one failure's particulars (two checksums, say), added to its message but not to its group. */
  detail?: string;
}

/** Counts of what was done. */
export interface Tally {
  filesCopied: number;
  bytesCopied: number;
  filesSkipped: number;
  bytesSkipped: number;
  filesRenamed: number;
  symlinks: number;
  verified: number;
  sourcesRemoved: number;
  dirsCreated: number;
  entriesRenamedInPlace: number;
  filesRenamedInPlace: number;
  bytesRenamedInPlace: number;
}

/** Keeps the outcome of every entry; the result and the report are built from it. */
export class OutcomeLedger {
  readonly tally: Tally = {
    filesCopied: 0,
    bytesCopied: 0,
    filesSkipped: 0,
    bytesSkipped: 0,
    filesRenamed: 0,
    symlinks: 0,
    verified: 0,
    sourcesRemoved: 0,
    dirsCreated: 0,
    entriesRenamedInPlace: 0,
    filesRenamedInPlace: 0,
    bytesRenamedInPlace: 0,
  };
  /** Entries not transferred (a blocked folder counts each file it held). */
  failedCount = 0;
  /** Failures as reported, the first MAX_REPORTED_PATHS (the report file has every one). */
  readonly failures: TransferFailure[] = [];
  readonly leftInPlace: TransferFailure[] = [];
  leftInPlaceCount = 0;
  readonly tempRemoved: string[] = [];
  tempRemovedCount = 0;
  private readonly groups = new Map<string, FailureGroup>();

  constructor(private readonly onFailure: (failure: TransferFailure) => void = () => undefined) {}

  /** One entry failed. `count` entries are behind it (a folder that could not be created holds many). */
  fail(input: FailureInput, options: { folder?: boolean; count?: number } = {}): void {
    const count = options.count ?? 1;
    const failure: TransferFailure = {
      path: input.path,
      code: input.code,
      errno: input.errno,
      message:
        options.folder && count > 1
          ? `${input.cause} (${count} files not transferred)`
          : input.detail
            ? `${input.cause} (${input.detail})`
            : input.cause,
    };
    this.failedCount += count;
    if (this.failures.length < MAX_REPORTED_PATHS) this.failures.push(failure);
    this.onFailure(failure);
    const folder = options.folder ? input.path : null;
    const key = `${input.code}|${input.errno}|${input.cause}|${folder ?? ''}`;
    let group = this.groups.get(key);
    if (!group) {
      group = { code: input.code, errno: input.errno, cause: input.cause, folder, count: 0, examples: [] };
      this.groups.set(key, group);
    }
    group.count += count;
    if (group.examples.length < EXAMPLES) group.examples.push(input.path);
  }

  /** A move kept this source file where it was. */
  leave(input: FailureInput): void {
    this.leftInPlaceCount++;
    if (this.leftInPlace.length < MAX_REPORTED_PATHS) {
      this.leftInPlace.push({ path: input.path, code: input.code, errno: input.errno, message: input.cause });
    }
  }

  /** A dead job's temporary file was removed from a destination folder. */
  removedTemp(path: string): void {
    this.tempRemovedCount++;
    if (this.tempRemoved.length < MAX_REPORTED_PATHS) this.tempRemoved.push(path);
  }

  /** The failure groups, biggest first. */
  failureGroups(): FailureGroup[] {
    return [...this.groups.values()].sort((a, b) => b.count - a.count).slice(0, MAX_FAILURE_GROUPS);
  }
}
