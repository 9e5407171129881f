/**
 * A file copied as a task the copy thread drives step by step: big files in paced chunks (so pause, cancel
 * and the bandwidth limit act inside them), and verified small files in two halves (written now, read back
 * after the whole batch was flushed at once). To one destination or, from the same read, to several.
 */
import type { ControlBlock } from './control-block';
import { CopyFlag, CopyResult, type CopyTask, type FsBackend, type FsName } from './fs-backend';
import { LANE_CANCELLED, OUT_SLOTS, type LaneResults } from './lane-protocol';

/** Longest a chunk may take before the thread checks its controls again. */
const CHUNK_MS = 100;
export const CHUNK_MAX_BYTES = 8 * 1024 * 1024;
/** taskFinish is passed these, unused: copies take the source's own mode and times (OwnAttrs). */
const UNUSED_TIMES = { atimeS: 0, atimeNs: 0, mtimeS: 0, mtimeNs: 0 };

const out = new Float64Array(5);

/** One file of a batch: where it comes from and goes to, and where its outcome is written. */
export interface LaneFile {
  srcDir: number;
  dstDir: number;
  name: FsName;
  target: FsName;
  size: number;
  flags: number;
  into: LaneResults;
  index: number;
  /** The copy thread's number (its slot in the control block). */
  lane: number;
  /** Several destinations: each one's folder descriptor, and the ones this file goes to (bit d). */
  dstDirs?: Int32Array;
  outMask?: number;
}

/** A task on its way, with what it has moved so far. */
export interface OpenCopy {
  file: LaneFile;
  task: CopyTask;
  /** Several destinations: the folders it writes to, in task order. Null: the one destination. */
  dirs: Int32Array | null;
  flags: number;
  advanced: number;
  written: number;
  checked: number;
}

/** Write a file's outcome into its batch's columns. */
export function record(
  file: LaneFile,
  result: number,
  advanced: number,
  written: number,
  hashes?: [string, string],
  checked = 0,
): void {
  const { into, index } = file;
  into.results[index] = result;
  into.advanced[index] = advanced;
  into.written[index] = written;
  into.checked[index] = checked;
  if (hashes) {
    into.sourceHashes[index] = hashes[0];
    into.copyHashes[index] = hashes[1];
  }
}

/** The folders a file goes to, from its destination bits. */
export function dirsOf(file: LaneFile): Int32Array {
  const dirs: number[] = [];
  for (let d = 0; d < (file.dstDirs?.length ?? 0); d++)
    if ((file.outMask ?? 0) & (1 << d)) dirs.push(file.dstDirs?.[d] ?? -1);
  return Int32Array.from(dirs);
}

/** Per-destination statuses (results, then cache flags, in task order) into the file's slots by destination. */
export function recordStatuses(file: LaneFile, statuses: Int32Array, count: number, fallback: number): void {
  const slots = file.into.outStatuses.subarray(file.index * OUT_SLOTS, (file.index + 1) * OUT_SLOTS);
  if (!file.outMask) {
    slots[OUT_SLOTS / 2] = statuses[1] ?? 0;
    return;
  }
  let position = 0;
  for (let d = 0; d < (file.dstDirs?.length ?? 0); d++) {
    if (!(file.outMask & (1 << d))) continue;
    // 0 (still going) is no outcome: the file's own result stands for that copy (a source that changed, say).
    slots[d] = statuses[position] || fallback;
    slots[OUT_SLOTS / 2 + d] = statuses[count + position] ?? 0;
    position++;
  }
}

/** Open the task: the copy (or copies) created, nothing written yet. A negative error when it cannot start. */
export function openCopy(backend: FsBackend, file: LaneFile, defer: boolean): OpenCopy | number {
  const flags = file.flags | CopyFlag.OwnAttrs | (defer ? CopyFlag.DeferVerify : 0);
  const dirs = file.outMask ? dirsOf(file) : null;
  const task = dirs
    ? backend.taskOpenMany(file.srcDir, file.name, dirs, flags & ~CopyFlag.Move)
    : backend.taskOpen(file.srcDir, file.name, file.dstDir, flags & ~CopyFlag.Move);
  if (typeof task === 'number') {
    if (dirs)
      recordStatuses(file, new Int32Array(dirs.length * 2).fill(task, 0, dirs.length), dirs.length, task);
    return task;
  }
  return { file, task, dirs, flags, advanced: 0, written: 0, checked: 0 };
}

/**
 * Step the task until it is done, failed, or (deferred) written. Paced: chunk by chunk against the
 * bandwidth budget (LANE_CANCELLED once cancelled); else in one go, its bytes already taken.
 */
export function driveCopy(backend: FsBackend, control: ControlBlock, open: OpenCopy, paced: boolean): number {
  let result: number = CopyResult.More;
  while (result === CopyResult.More) {
    const chunk = paced ? control.chunkBytes(CHUNK_MAX_BYTES) : Number.MAX_SAFE_INTEGER;
    if (paced && !control.take(chunk)) return LANE_CANCELLED;
    out[2] = 0;
    out[3] = 0;
    result = backend.taskStep(open.task, chunk, paced ? CHUNK_MS : Number.MAX_SAFE_INTEGER, out);
    const [advanced, written, checked] = [out[0] ?? 0, out[1] ?? 0, out[2] ?? 0];
    open.advanced += advanced;
    open.written += written;
    open.checked += checked;
    control.count(advanced, written, checked);
    // Reading the copies back now: the job says "verifying" while every thread does.
    control.readingBack(open.file.lane, out[3] === 1);
  }
  control.readingBack(open.file.lane, false);
  return result;
}

/**
 * The task ended with `result`: publish every copy that got through, (a move to one destination) remove
 * the source, record everything, and close the task (a copy that never got its name is discarded).
 */
export function settleCopy(backend: FsBackend, open: OpenCopy, result: number): void {
  const { file, task, dirs, flags } = open;
  try {
    if (result === LANE_CANCELLED)
      return record(file, LANE_CANCELLED, open.advanced, open.written, undefined, open.checked);
    const hashes = flags & CopyFlag.Verify ? backend.lastHashes() : undefined;
    if (flags & (CopyFlag.Verify | CopyFlag.Hash))
      file.into.sourceHashSets[file.index] = backend.lastSourceHashes();
    if (dirs) {
      if (result === CopyResult.Done)
        for (let index = 0; index < dirs.length; index++) backend.taskFinishOut(task, index, file.target);
      const statuses = new Int32Array(dirs.length * 2);
      backend.taskStatuses(task, statuses);
      recordStatuses(file, statuses, dirs.length, result);
      return record(file, result, open.advanced, open.written, hashes, open.checked);
    }
    if (result === CopyResult.Done && flags & CopyFlag.Verify && backend.kind === 'native') {
      const statuses = new Int32Array(2);
      backend.taskStatuses(task, statuses);
      recordStatuses(file, statuses, 1, result);
    }
    if (result === CopyResult.Done) result = backend.taskFinish(task, file.target, 0, UNUSED_TIMES);
    if (result === CopyResult.Done && flags & CopyFlag.Move) {
      const removeErrno = backend.taskRemoveSource(task, file.srcDir, file.name);
      file.into.removeErrnos[file.index] = removeErrno;
      if (removeErrno !== 0) result = CopyResult.SourceKept;
    }
    record(file, result, open.advanced, open.written, hashes, open.checked);
  } finally {
    backend.taskClose(task);
  }
}
