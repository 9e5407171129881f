/** One file copy of the Node fallback engine: its state, and the writes that keep a sparse file's holes. */
import * as fs from 'node:fs';
import type { XXHashAPI } from 'xxhash-wasm';
import type { FsName } from './fs-backend';
import { act, at } from './node-fs-paths';

const BLOCK = 4096;

/** A copy under way (the native engine keeps the same in C, see copy_task.h). */
export interface NodeTask {
  src: number;
  dst: number;
  dstDir: number;
  temp: FsName | null;
  flags: number;
  size: number;
  mtimeNs: bigint;
  atimeNs: bigint;
  mode: number;
  dev: bigint;
  ino: bigint;
  sparse: boolean;
  pos: number;
  phase: 0 | 1 | 2;
  verifyPos: number;
  published: boolean;
  srcHash: ReturnType<XXHashAPI['create64']> | null;
  dstHash: ReturnType<XXHashAPI['create64']> | null;
}

function allZero(data: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (data[i] !== 0) return false;
  return true;
}

/** Write `length` bytes of `buffer` at `position`; for a sparse source, whole blocks of zeros stay holes. */
export function writeKeepingHoles(
  fd: number,
  buffer: Buffer,
  length: number,
  position: number,
  sparse: boolean,
): void {
  if (!sparse) {
    fs.writeSync(fd, buffer, 0, length, position);
    return;
  }
  for (let start = 0; start < length; start += BLOCK) {
    const end = Math.min(length, start + BLOCK);
    if (!allZero(buffer, start, end)) fs.writeSync(fd, buffer, start, end - start, position + start);
  }
}

/** Close a copy; one that never got its name loses its temporary file. */
export function closeTask(task: NodeTask): void {
  for (const fd of [task.src, task.dst]) if (fd >= 0) act(() => fs.closeSync(fd));
  if (!task.published && task.temp !== null) {
    const temp = task.temp;
    act(() => fs.unlinkSync(at(task.dstDir, temp)));
  }
  task.src = task.dst = -1;
  task.temp = null;
}
