/**
 * How a copy thread handles one file: a small one in one native call, a big one as a paced task
 * (lane-task.ts), an existing look-alike by hashing both. Verified small files go through the batch's
 * deferred path instead (copy-lane.ts): written now, flushed together, read back after.
 */
import type { ControlBlock } from './control-block';
import { CopyFlag, CopyResult, type FsBackend, type FsName } from './fs-backend';
import { COMPARE_FLAG, LANE_CANCELLED } from './lane-protocol';
import {
  CHUNK_MAX_BYTES,
  dirsOf,
  driveCopy,
  openCopy,
  record,
  recordStatuses,
  settleCopy,
  type LaneFile,
} from './lane-task';

export type { LaneFile } from './lane-task';

/** Files from this size on are copied in chunks, so pause, cancel and the bandwidth limit act inside them. */
export const BIG_FILE_BYTES = 4 * 1024 * 1024;
/** copyFile is passed these, unused: copies take the source's own (OwnAttrs). */
const UNUSED_TIMES = { atimeS: 0, atimeNs: 0, mtimeS: 0, mtimeNs: 0 };
const HASHING = CopyFlag.Verify | CopyFlag.Hash;

const out = new Float64Array(5);

/** Copy (or compare) one file. */
export function runFile(backend: FsBackend, control: ControlBlock, file: LaneFile): void {
  if (file.flags & COMPARE_FLAG) return compare(backend, control, file);
  if (file.size >= BIG_FILE_BYTES) {
    const open = openCopy(backend, file, false);
    if (typeof open === 'number') return record(file, open, 0, 0);
    return settleCopy(backend, open, driveCopy(backend, control, open, true));
  }
  if (!control.take(file.size)) return record(file, LANE_CANCELLED, 0, 0);
  const flags = file.flags | CopyFlag.OwnAttrs;
  out.fill(0);
  let result: number;
  if (file.outMask) {
    const dirs = dirsOf(file);
    const statuses = new Int32Array(dirs.length * 2);
    const targets = Array.from(dirs, () => file.target);
    result = backend.copyFileMany(file.srcDir, file.name, dirs, targets, flags, out, statuses);
    recordStatuses(file, statuses, dirs.length, result);
  } else {
    result = backend.copyFile(file.srcDir, file.name, file.dstDir, file.target, flags, 0, UNUSED_TIMES, out);
    recordStatuses(file, Int32Array.of(result, out[3] ?? 0), 1, result);
  }
  const [advanced, written, checked] = [out[0] ?? 0, out[1] ?? 0, out[4] ?? 0];
  control.count(advanced, written, checked);
  file.into.removeErrnos[file.index] = out[2] ?? 0;
  const hashes = flags & CopyFlag.Verify ? backend.lastHashes() : undefined;
  record(file, result, advanced, written, hashes, checked);
  if (flags & HASHING) file.into.sourceHashSets[file.index] = backend.lastSourceHashes();
}

/** Hash one file to the end in chunks (no bandwidth budget: nothing is written). */
function hashFile(backend: FsBackend, control: ControlBlock, dir: number, name: FsName): string | number {
  const task = backend.taskOpen(dir, name, -1, CopyFlag.HashOnly);
  if (typeof task === 'number') return task;
  try {
    let result: number = CopyResult.More;
    while (result === CopyResult.More) {
      if (!control.waitWhilePaused()) return LANE_CANCELLED;
      result = backend.taskStep(task, CHUNK_MAX_BYTES, 100, out);
    }
    return result === CopyResult.Done ? backend.lastHashes()[0] : result;
  } finally {
    backend.taskClose(task);
  }
}

/**
 * An existing destination file that looks identical (size and time): hash both. Done when they match;
 * Mismatch when they differ.
 */
function compare(backend: FsBackend, control: ControlBlock, file: LaneFile): void {
  const source = hashFile(backend, control, file.srcDir, file.name);
  if (typeof source === 'number') return record(file, source, 0, 0);
  file.into.sourceHashSets[file.index] = backend.lastSourceHashes();
  const copy = hashFile(backend, control, file.dstDir, file.target);
  if (typeof copy === 'number') return record(file, copy, 0, 0, [source, '']);
  control.count(file.size, 0);
  record(file, source === copy ? CopyResult.Done : CopyResult.Mismatch, file.size, 0, [source, copy]);
}
