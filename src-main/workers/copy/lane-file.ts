/** How a copy thread handles one file: small ones in one native call, big ones in paced chunks. */
import type { ControlBlock } from './control-block';
import { CopyFlag, CopyResult, type FsBackend } from './fs-backend';
import { LANE_CANCELLED, type LaneItem, type LaneItemResult } from './lane-protocol';

/** Files from this size on are copied in chunks, so pause, cancel and the bandwidth limit act inside them. */
export const BIG_FILE_BYTES = 4 * 1024 * 1024;
/** Longest a chunk may take before the thread checks its controls again. */
const CHUNK_MS = 100;
const CHUNK_MAX_BYTES = 8 * 1024 * 1024;

const out = new Float64Array(4);

function outcome(
  result: number,
  advanced: number,
  written: number,
  hashes: [string, string],
): LaneItemResult {
  return { result, advanced, written, removeErrno: 0, sourceHash: hashes[0], copyHash: hashes[1] };
}

/** Copy (or compare) one item from `srcDir` to `dstDir`. */
export function runItem(
  backend: FsBackend,
  control: ControlBlock,
  srcDir: number,
  dstDir: number,
  item: LaneItem,
): LaneItemResult {
  if (item.compareWith !== undefined) return compare(backend, control, srcDir, dstDir, item);
  if (item.size < BIG_FILE_BYTES) {
    if (!control.take(item.size)) return outcome(LANE_CANCELLED, 0, 0, ['', '']);
    const result = backend.copyFile(
      srcDir,
      item.name,
      dstDir,
      item.target,
      item.flags,
      item.mode,
      item.times,
      out,
    );
    const [advanced, written, removeErrno] = [out[0] ?? 0, out[1] ?? 0, out[2] ?? 0];
    control.count(advanced, written);
    return { ...outcome(result, advanced, written, backend.lastHashes()), removeErrno };
  }
  const task = backend.taskOpen(srcDir, item.name, dstDir, item.flags & ~CopyFlag.Move);
  if (typeof task === 'number') return outcome(task, 0, 0, ['', '']);
  let advanced = 0;
  let written = 0;
  try {
    let result: number = CopyResult.More;
    while (result === CopyResult.More) {
      const chunk = control.chunkBytes(CHUNK_MAX_BYTES);
      if (!control.take(chunk)) return outcome(LANE_CANCELLED, advanced, written, ['', '']);
      result = backend.taskStep(task, chunk, CHUNK_MS, out);
      const [stepAdvanced, stepWritten] = [out[0] ?? 0, out[1] ?? 0];
      advanced += stepAdvanced;
      written += stepWritten;
      control.count(stepAdvanced, stepWritten);
    }
    const hashes = backend.lastHashes();
    if (result === CopyResult.Done) result = backend.taskFinish(task, item.target, item.mode, item.times);
    const done = outcome(result, advanced, written, hashes);
    if (result === CopyResult.Done && item.flags & CopyFlag.Move) {
      done.removeErrno = backend.taskRemoveSource(task, srcDir, item.name);
      if (done.removeErrno !== 0) done.result = CopyResult.SourceKept;
    }
    return done;
  } finally {
    backend.taskClose(task);
  }
}

/** Hash one file to the end in chunks (no bandwidth budget: nothing is written). */
function hashFile(
  backend: FsBackend,
  control: ControlBlock,
  dir: number,
  name: LaneItem['name'],
): string | number {
  const task = backend.taskOpen(dir, name, -1, CopyFlag.HashOnly);
  if (typeof task === 'number') return task;
  try {
    let result: number = CopyResult.More;
    while (result === CopyResult.More) {
      if (!control.waitWhilePaused()) return LANE_CANCELLED;
      result = backend.taskStep(task, CHUNK_MAX_BYTES, CHUNK_MS, out);
    }
    return result === CopyResult.Done ? backend.lastHashes()[0] : result;
  } finally {
    backend.taskClose(task);
  }
}

/**
 * An existing destination file that looks identical (size and time): hash both. Done when they match (and,
 * for a move, the source is removed); Mismatch when they differ.
 */
function compare(
  backend: FsBackend,
  control: ControlBlock,
  srcDir: number,
  dstDir: number,
  item: LaneItem,
): LaneItemResult {
  const source = hashFile(backend, control, srcDir, item.name);
  if (typeof source === 'number') return outcome(source, 0, 0, ['', '']);
  const copy = hashFile(backend, control, dstDir, item.compareWith ?? item.name);
  if (typeof copy === 'number') return outcome(copy, 0, 0, [source, '']);
  control.count(item.size, 0);
  return outcome(source === copy ? CopyResult.Done : CopyResult.Mismatch, item.size, 0, [source, copy]);
}
