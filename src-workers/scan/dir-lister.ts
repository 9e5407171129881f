/** One directory's contents as the walker needs them, from the native lister or plain Node. */
import type { FrameRules } from '../../src-shared/frame-rules';

/** A name or path: a string, or raw bytes when it is not valid UTF-8. */
export type FsName = string | Uint8Array;

/** What one directory holds (its own entries only). */
export interface DirListing {
  files: number;
  bytes: number;
  symlinks: number;
  others: number;
  /** Names of subdirectories. */
  dirs: FsName[];
  /** Names and sizes of regular files of at least the asked-for size (largest-files candidates). */
  big: FsName[];
  bigSizes: ArrayLike<number>;
  /** Entries that could not be stat'ed, with the errno code of each (EACCES, EIO, …). */
  failed: FsName[];
  failedCodes: string[];
  /** The last regular file read, for the progress display. */
  last: FsName | null;
  /** Empty regular files, except frames of a sequence found here (their sequence reports them). */
  zero: FsName[];
  /** When asked for: the image sequences among the files, as lines (see sequence-lines.ts); null when none. */
  sequences: string[] | null;
}

/** The directory itself could not be read. */
export interface ListError {
  error: { code: string; message: string };
}

/**
 * Lists directories; `minSize` asks only for files at least that big by name; `sequences`, when not null, for
 * the image sequences those rules allow.
 */
export interface DirLister {
  readonly kind: 'native' | 'node';
  list(path: FsName, minSize: number, sequences: FrameRules | null): DirListing | ListError;
}

const SLASH = 0x2f;

/** Join a directory path and an entry name, staying in bytes when either side is bytes. */
export function joinName(dir: FsName, name: FsName): string | Buffer {
  if (typeof dir === 'string' && typeof name === 'string')
    return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
  const head =
    typeof dir === 'string' ? Buffer.from(dir) : Buffer.from(dir.buffer, dir.byteOffset, dir.byteLength);
  const tail =
    typeof name === 'string' ? Buffer.from(name) : Buffer.from(name.buffer, name.byteOffset, name.byteLength);
  return head[head.length - 1] === SLASH
    ? Buffer.concat([head, tail])
    : Buffer.concat([head, Buffer.of(SLASH), tail]);
}

/** A name for display and reports (lossy for non-UTF-8 bytes). */
export function displayName(name: FsName): string {
  return typeof name === 'string'
    ? name
    : Buffer.from(name.buffer, name.byteOffset, name.byteLength).toString();
}
