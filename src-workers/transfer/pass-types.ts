/** What the copying pass's parts share: their inputs, and the entries on their way. */
import type { HashValues } from '../../src-shared/hash-formats';
import type { ErrorCode } from '../../src-shared/jobs';
import { Errno, isPermissionErrno } from '../../src-node/errno';
import type { TransferJobSpec } from '../../src-shared/worker-protocol';
import type { EntryFacts } from './conflict-decision';
import type { ControlBlock } from './control-block';
import type { DestinationTally } from './destination-tally';
import type { DestFolder, DestIndex } from './dest-index';
import { Stat, type FsBackend, type FsName } from './fs-backend';
import type { LanePool } from './lane-pool';
import type { OutcomeLedger } from './outcome-ledger';
import type { ReportWriter } from './report-writer';
import type { RetryFilter } from './retry-filter';
import type { FolderList, PlannedSource } from './source-plan';
import type { TransferCounters } from './transfer-meter';

/** Everything the pass works with. */
export interface CopyPassDeps {
  spec: TransferJobSpec;
  backend: FsBackend;
  dest: DestIndex;
  ledger: OutcomeLedger;
  report: ReportWriter;
  pool: LanePool;
  lanes: number;
  control: ControlBlock;
  folders: FolderList;
  sources: PlannedSource[];
  counters: TransferCounters;
  move: boolean;
  verify: boolean;
  /** Per source: a move on the destination's filesystem (renames, never copies). */
  sameFs: boolean[];
  windowNs: number;
  tmpfile: boolean;
  filter: RetryFilter | null;
  /** Between folders: lets the event loop run, honours pause, throws when cancelled. */
  checkpoint(): Promise<void>;
  /** A whole folder moved by one rename: where from and to. */
  renamedWhole(source: string, destination: string): void;
  /** Every destination, the first being `dest`; more than one: each file is read once for all of them. */
  dests: DestIndex[];
  /** One per destination. */
  tallies: DestinationTally[];
  /** The hash formats computed from the read (src-shared/hash-formats.ts mask). */
  hashMask: number;
  /** Source hashes are wanted even without a read-back (a history, a checksum file). */
  hashing: boolean;
  /** Told of every file that landed (or was found identical) at a destination, for histories and checksums. */
  recorder: FileRecorder | null;
  /** Every destination folder is written by one source only (the sources' names differ): once done, done. */
  visitedOnce: boolean;
}

/** A file now at destination `dest`, with every chosen hash of its source (HASH_FORMATS order). */
export interface FileRecorder {
  file(
    dest: number,
    destRel: string,
    size: number,
    mtime: { s: number; ns: number },
    hashes: HashValues,
    action: 'copied' | 'identical',
  ): void;
}

/** One entry on its way, for settling its result. */
export interface Pending {
  name: FsName;
  target: FsName;
  rel: string;
  path: string;
  size: number;
  facts: EntryFacts;
  compare: boolean;
  /** What the copy thread is asked to do with it (CopyFlag bits, COMPARE_FLAG). */
  flags: number;
  /** Several destinations: the ones this lane item writes (bit d), and the file it belongs to. */
  outMask?: number;
  file?: MultiFile;
  /** Every chosen hash of the source by format, once read. */
  hashValues?: HashValues;
  /** Several destinations: the source folder's descriptor (the move removes the source through it). */
  srcFd?: number;
}

/** One file going to several destinations: what each got, settled once every part is back. */
export interface MultiFile {
  /** Per destination: 'pending', or its outcome. */
  outcomes: DestOutcome[];
  /** Lane items still out. */
  remaining: number;
  hashes: string[];
  /** Destinations holding a look-alike (same size and time) to hash with the source. */
  compare: number[];
  /** Its bytes are in the progress already (a second read of it must not count them again). */
  counted?: boolean;
}

/** What one destination got of one file. */
export type DestOutcome =
  | { status: 'none' }
  | { status: 'pending' }
  | { status: 'copied'; dropped: boolean | null }
  | { status: 'identical' }
  | { status: 'skipped'; cause: string }
  | { status: 'failed'; code: ErrorCode; errno: string; cause: string; detail?: string }
  | { status: 'cancelled' };

/** The files of one folder being copied: its descriptors stay open until they are all settled. */
export interface FolderWork {
  srcFd: number;
  dstFd: number;
  /** Several destinations: this folder's descriptor (-1: it could not be used) and entry at each. */
  dstFds?: number[];
  folders?: (DestFolder | null)[];
  srcDev: number;
  folder: DestFolder;
  published: number;
  batches: Promise<void>[];
}

/** The facts of the entry at `base` in a listing's stats. */
export function factsOf(stats: Float64Array, base: number): EntryFacts {
  return {
    kind: (stats[base + Stat.kind] ?? 0) as EntryFacts['kind'],
    size: stats[base + Stat.size] ?? 0,
    mtimeS: stats[base + Stat.mtimeS] ?? 0,
    mtimeNs: stats[base + Stat.mtimeNs] ?? 0,
    dev: stats[base + Stat.dev] ?? 0,
    ino: stats[base + Stat.ino] ?? 0,
  };
}

/** The code of a per-file OS error. */
export function codeFor(stage: number, errno: number): ErrorCode {
  if (stage === 1 && errno === Errno.ENOENT) return 'SOURCE_VANISHED';
  if (stage === 1 && errno === Errno.ELOOP) return 'SOURCE_CHANGED';
  if (isPermissionErrno(errno)) return 'COPY_PERMISSION_ERROR';
  return 'COPY_IO_ERROR';
}
