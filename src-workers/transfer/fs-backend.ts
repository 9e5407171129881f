/**
 * The system calls a transfer makes, relative to directory descriptors. Two backends implement them: the
 * native addon (native/*_napi.c) and Node's fs through /proc/self/fd (the fallback).
 */

/** A file name as the filesystem has it: a string, or a Buffer when the bytes are not UTF-8. */
export type FsName = string | Buffer;

/** What an entry is. `Error` means its stat failed; its errno is then in the mode field. */
export const EntryKind = { Error: 0, File: 1, Dir: 2, Symlink: 3, Other: 4 } as const;
export type EntryKind = (typeof EntryKind)[keyof typeof EntryKind];

/** Fields of one stat in a Float64Array, in this order (see fill_stat in native/stat_napi.c). */
export const Stat = {
  kind: 0,
  mode: 1,
  size: 2,
  blocks: 3,
  mtimeS: 4,
  mtimeNs: 5,
  atimeS: 6,
  atimeNs: 7,
  dev: 8,
  ino: 9,
  uid: 10,
  nlink: 11,
} as const;
export const STAT_FIELDS = 12;

/** A folder's entries: names, and their stats row by row (STAT_FIELDS numbers each). */
export interface Listing {
  names: FsName[];
  stats: Float64Array;
}

/** Flags of a file copy (copy_task.h). */
export const CopyFlag = {
  Verify: 1,
  Replace: 2,
  Tmpfile: 4,
  NoReflink: 8,
  HashOnly: 16,
  Move: 32,
  /** The copy gets the mode and times of the source as it was opened, not those passed. */
  OwnAttrs: 64,
  /** Hash the source as it is read (for a history or a checksum file) without reading the copy back. */
  Hash: 128,
  /** With Verify: stop once written (CopyResult.Copied); the next step flushes nothing and reads back. */
  DeferVerify: 512,
} as const;

/** Results of copy calls (copy_task.h); errors are negative, see `decodeError`. */
export const CopyResult = {
  More: 0,
  Done: 1,
  Exists: 2,
  Changed: 3,
  Mismatch: 4,
  SourceKept: 5,
  /** DeferVerify: the data is written; step again to read it back. */
  Copied: 6,
} as const;

/** Where in a file's copy an error happened (copy_task.h). */
export const Stage = {
  1: 'open the source',
  2: 'create the copy',
  3: 'copy the data',
  4: 'read the copy back',
  5: 'set its mode and times',
  6: 'give the copy its name',
  7: 'remove the source',
} as const;

/** The stage and errno number of a negative copy result. */
export function decodeError(result: number): { stage: number; errno: number } {
  const code = -result;
  return { stage: code >> 16, errno: code & 0xffff };
}

/** An open file copy (native: an external; Node: an object). */
export type CopyTask = object;

/** Seconds and nanoseconds of the two times a copy gets. */
export interface Times {
  atimeS: number;
  atimeNs: number;
  mtimeS: number;
  mtimeNs: number;
}

/**
 * The backend. Calls that return a descriptor give it, or -errno; calls that act give 0 or errno; copy calls
 * give a CopyResult or a negative error.
 */
export interface FsBackend {
  readonly kind: 'native' | 'node';
  /** Tell the backend how temporary names are tagged (see temp-names.ts). */
  setTempTag(tag: string): void;
  /** Open a folder by the path the user gave (following symlinks in it: that is the user's choice). */
  openPath(path: string): number;
  /** Open the folder `rel` below `root` with no symlink followed anywhere on the way (ELOOP otherwise). */
  openBeneath(root: number, rel: FsName): number;
  mkdirAt(dir: number, name: FsName, mode: number): number;
  close(fd: number): void;
  fstat(fd: number, out: Float64Array): number;
  /** lstat relative to `dir` (never follows a symlink). */
  statAt(dir: number, name: FsName, out: Float64Array): number;
  listAt(dir: number): Listing | number;
  unlinkAt(dir: number, name: FsName, isDir: boolean): number;
  renameAt(fromDir: number, from: FsName, toDir: number, to: FsName, noReplace: boolean): number;
  readlinkAt(dir: number, name: FsName): FsName | number;
  /** Never replaces: EEXIST when the name is taken. */
  symlinkAt(target: FsName, dir: number, name: FsName): number;
  setTimesAt(dir: number, name: FsName, times: Times): number;
  /** A folder's final mode and times, on its descriptor. */
  setFdAttrs(fd: number, mode: number, times: Times): number;
  /** [type, block size, blocks, available blocks, inodes, free inodes] into `out`. */
  statfs(fd: number, out: Float64Array): number;
  /** The finest step of modified times the folder's filesystem keeps, in ns; negative: -errno. */
  probeTimes(dir: number): number;
  /** Whether unnamed O_TMPFILE files can be made and linked in this folder. */
  tmpfileSupported(dir: number): boolean;
  /** A whole (small) file in one call; out[0] advanced, out[1] written, out[2] errno of a failed source removal. */
  copyFile(
    srcDir: number,
    name: FsName,
    dstDir: number,
    target: FsName,
    flags: number,
    mode: number,
    times: Times,
    out: Float64Array,
  ): number;
  /** The filesystems the next copies on this thread go between (one folder's batch): spares an fstat per file. */
  hintDevices(srcDev: number, dstDev: number): void;
  /** The xxh64 of the source and of the copy read back, after the last copy on this thread ('' when off). */
  lastHashes(): [string, string];
  taskOpen(srcDir: number, name: FsName, dstDir: number, flags: number): CopyTask | number;
  /** Move the task on by at most `maxBytes` written or `maxMs`; out[0] advanced, out[1] written. */
  taskStep(task: CopyTask, maxBytes: number, maxMs: number, out: Float64Array): number;
  taskFinish(task: CopyTask, target: FsName, mode: number, times: Times): number;
  taskRemoveSource(task: CopyTask, srcDir: number, name: FsName): number;
  taskClose(task: CopyTask): void;
  /** The hash formats (src-shared/hash-formats.ts mask) this thread's next copies compute when they hash. */
  setHashMask(mask: number): void;
  /** Every chosen format of the last source hashed on this thread, in HASH_FORMATS order ('' when not). */
  lastSourceHashes(): string[];
  /**
   * One small file to several folders from one read, with the source's own mode and times. statuses gets
   * each copy's result, then whether its read-back came from storage (1) or maybe from memory (0). A move
   * removes the source only when every copy was published.
   */
  copyFileMany(
    srcDir: number,
    name: FsName,
    dstDirs: Int32Array,
    targets: FsName[],
    flags: number,
    out: Float64Array,
    statuses: Int32Array,
  ): number;
  /** A big file to several folders, in steps (taskStep); each copy published with taskFinishOut. */
  taskOpenMany(srcDir: number, name: FsName, dstDirs: Int32Array, flags: number): CopyTask | number;
  taskFinishOut(task: CopyTask, index: number, target: FsName): number;
  /** Each copy's outcome so far, as copyFileMany's statuses. */
  taskStatuses(task: CopyTask, statuses: Int32Array): void;
  /** Write back everything of the filesystem `fd` is on, and wait: 0 or errno. */
  syncFs(fd: number): number;
}

/** Join relative path parts with '/', as a Buffer when any part is one. */
export function joinNames(parts: readonly FsName[]): FsName {
  if (parts.every((part) => typeof part === 'string')) return (parts as string[]).join('/');
  const pieces: Buffer[] = [];
  parts.forEach((part, index) => {
    if (index > 0) pieces.push(Buffer.from('/'));
    pieces.push(typeof part === 'string' ? Buffer.from(part) : part);
  });
  return Buffer.concat(pieces);
}

/** A name as text for reports and messages (bytes that are not UTF-8 show as U+FFFD). */
export function nameText(name: FsName): string {
  return typeof name === 'string' ? name : name.toString('utf8');
}

/** A key that tells every name apart, Buffers included (for maps and sets). */
export function nameKey(name: FsName): string {
  return typeof name === 'string' ? name : `\0${name.toString('hex')}`;
}
