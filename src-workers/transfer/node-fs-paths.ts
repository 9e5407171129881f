/** Node's fs relative to open folders: paths through /proc/self/fd, errno numbers, stats as the addon lays them out. */
import type * as fs from 'node:fs';
import { Errno } from '../../src-node/errno';
import { EntryKind, Stat, type FsName } from './fs-backend';

/** A path reaching `name` inside the folder open as `fd`. */
export function at(fd: number, name: FsName): FsName {
  const base = `/proc/self/fd/${fd}/`;
  return typeof name === 'string' ? base + name : Buffer.concat([Buffer.from(base), name]);
}

/** errno (positive) of a Node fs error. */
export function errnoOf(error: unknown): number {
  const errno = (error as NodeJS.ErrnoException).errno;
  return typeof errno === 'number' ? Math.abs(errno) : Errno.EIO;
}

/** Run a call that acts; 0, or the errno it failed with. */
export function act(call: () => void): number {
  try {
    call();
    return 0;
  } catch (error) {
    return errnoOf(error);
  }
}

/** A copy error as copy_task.h encodes it: -(stage << 16 | errno). */
export function taskError(stage: number, errno: number): number {
  return -((stage << 16) | errno);
}

/** Put a stat into `out` at `offset`, in the native addon's field order. */
export function fillStat(out: Float64Array, offset: number, st: fs.BigIntStats): void {
  out[offset + Stat.kind] = st.isFile()
    ? EntryKind.File
    : st.isDirectory()
      ? EntryKind.Dir
      : st.isSymbolicLink()
        ? EntryKind.Symlink
        : EntryKind.Other;
  out[offset + Stat.mode] = Number(st.mode & 0o7777n);
  out[offset + Stat.size] = Number(st.size);
  out[offset + Stat.blocks] = Number(st.blocks);
  out[offset + Stat.mtimeS] = Number(st.mtimeNs / 1_000_000_000n);
  out[offset + Stat.mtimeNs] = Number(st.mtimeNs % 1_000_000_000n);
  out[offset + Stat.atimeS] = Number(st.atimeNs / 1_000_000_000n);
  out[offset + Stat.atimeNs] = Number(st.atimeNs % 1_000_000_000n);
  out[offset + Stat.dev] = Number(st.dev);
  out[offset + Stat.ino] = Number(st.ino);
  out[offset + Stat.uid] = Number(st.uid);
  out[offset + Stat.nlink] = Number(st.nlink);
}

/** Seconds and nanoseconds as the double Node's fs takes. */
export function seconds(s: number, ns: number): number {
  return s + ns / 1e9;
}

/** A name as a string when its bytes are UTF-8, else the bytes. */
export function fsName(raw: Buffer): FsName {
  const text = raw.toString('utf8');
  return Buffer.from(text).equals(raw) ? text : raw;
}
