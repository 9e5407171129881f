/** Messages between the scan coordinator and its walker threads (same process, structured clone). */
import type { FileType } from '../../src-shared/file-types';
import type { ScanErrorEntry } from '../../src-shared/jobs';

/** A directory still to be read. Non-UTF-8 paths travel as bytes so they can still be opened. */
export interface WorkItem {
  path: string | Uint8Array;
  /** Display name (lossy for non-UTF-8 bytes). */
  name: string;
  /** Key of the parent directory record; -1 for the root. */
  parent: number;
  depth: number;
  /** Share of the whole tree this subtree stands for, for the tree-fraction estimate. */
  weight: number;
}

/** Directory keys are `local * MAX_WALKER_THREADS + threadIndex`, unique across threads. */
export const MAX_WALKER_THREADS = 64;

/** What a walker thread starts with (threads can start before the scan's settings are known). */
export interface WalkerData {
  threadIndex: number;
  /** Int32Array[1]: 1 while some thread is idle and the coordinator has no work to give it. */
  hungry: SharedArrayBuffer;
}

/** The scan's settings, sent before any work. */
export interface WalkerConfig {
  type: 'config';
  /** How often a busy thread sends what it has found. */
  flushMs: number;
  largestLimit: number;
  maxErrors: number;
  /** Which directory lister to use; see dir-lister.ts. */
  lister: ListerChoice;
  /** This thread's share of the scan's directory-rate limit; 0 means as fast as the storage allows. */
  maxDirsPerSecond: number;
  /** Find each folder's image sequences (the lister does it, in C when the native lister is loaded). */
  sequences: boolean;
  /** The files that may form sequences, by extension (see src-shared/sequence-extensions.ts). */
  sequenceExtensions: readonly string[];
  /** Paths of empty files each thread keeps at most: the first by path (see problem-paths.ts). */
  maxZeroFiles: number;
}

/** 'auto' uses the native lister when it loads, else Node's fs. */
export type ListerChoice = 'auto' | 'native' | 'node';

/** A file big enough to be a candidate for the largest-files list. */
export interface FileCandidate {
  path: string;
  size: number;
}

/** Directories finished since the last batch, as columns (one entry per directory). */
export interface DirBatch {
  type: 'batch';
  keys: number[];
  parents: number[];
  depths: number[];
  names: string[];
  ownFiles: number[];
  ownSize: number[];
  symlinks: number[];
  others: number[];
  errored: (0 | 1)[];
  /** Sums over the columns, so the coordinator can update progress without looping. */
  files: number;
  bytes: number;
  symlinkCount: number;
  otherCount: number;
  weight: number;
  /** Errors found since the last batch; only the first maxErrors per thread carry entries. */
  errorCount: number;
  errors: ScanErrorEntry[];
  currentFile: string | null;
  /** Empty files found since the last batch, except frames of a sequence (their paths come with `idle`). */
  zeroFileCount: number;
  /** Sequences found, as lines (see sequence-lines.ts); the coordinator adds `dir` once the tree is built … */
  sequences: string[];
  /** … from the key of the directory each was found in. */
  sequenceKeys: number[];
  /** Per directory: its line of the file-list file (see folder-files.ts), '' when it holds no files. */
  fileLists: string[];
  /** Files and bytes by type in this batch's directories. */
  fileTypes: FileType[];
}

/** Thread to coordinator. */
export type WalkerMessage =
  | DirBatch
  /** Part of the thread's stack, handed over because another thread was hungry. */
  | { type: 'share'; items: WorkItem[] }
  /** The thread has its settings and says which lister it uses. */
  | { type: 'ready'; lister: 'native' | 'node' }
  /**
   * Everything found so far is flushed and the thread has nothing left to do; with the largest files and the
   * first empty files by path the thread has met in the whole scan.
   */
  | { type: 'idle'; largest: FileCandidate[]; zeroFiles: string[] };

/** Coordinator to thread. */
export type CoordinatorMessage = WalkerConfig | { type: 'work'; items: WorkItem[] };
