/** How a copy thread handles one file: small ones in one native call, big ones in paced chunks. */
import type { ControlBlock } from './control-block';
import { CopyFlag, CopyResult, type FsBackend, type FsName } from './fs-backend';
import { COMPARE_FLAG, LANE_CANCELLED, type LaneResults } from './lane-protocol';

/** Files from this size on are copied in chunks, so pause, cancel and the bandwidth limit act inside them. */
export const BIG_FILE_BYTES = 4 * 1024 * 1024;
/** Longest a chunk may take before the thread checks its controls again. */
const CHUNK_MS = 100;
const CHUNK_MAX_BYTES = 8 * 1024 * 1024;
/** copyFile and taskFinish are passed these, unused: copies take the source's own (TASK_OWN_ATTRS). */
const UNUSED_TIMES = { atimeS: 0, atimeNs: 0, mtimeS: 0, mtimeNs: 0 };

const out = new Float64Array(4);

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
}

function record(
  file: LaneFile,
  result: number,
  advanced: number,
  written: number,
  hashes?: [string, string],
): void {
  const { into, index } = file;
  into.results[index] = result;
  into.advanced[index] = advanced;
  into.written[index] = written;
  if (hashes) {
    into.sourceHashes[index] = hashes[0];
    into.copyHashes[index] = hashes[1];
  }
}

/** Copy (or compare) one file. */
export function runFile(backend: FsBackend, control: ControlBlock, file: LaneFile): void {
  if (file.flags & COMPARE_FLAG) return compare(backend, control, file);
  const flags = file.flags | CopyFlag.OwnAttrs;
  if (file.size < BIG_FILE_BYTES) {
    if (!control.take(file.size)) return record(file, LANE_CANCELLED, 0, 0);
    const result = backend.copyFile(
      file.srcDir,
      file.name,
      file.dstDir,
      file.target,
      flags,
      0,
      UNUSED_TIMES,
      out,
    );
    const [advanced, written] = [out[0] ?? 0, out[1] ?? 0];
    control.count(advanced, written);
    file.into.removeErrnos[file.index] = out[2] ?? 0;
    return record(
      file,
      result,
      advanced,
      written,
      flags & CopyFlag.Verify ? backend.lastHashes() : undefined,
    );
  }
  const task = backend.taskOpen(file.srcDir, file.name, file.dstDir, flags & ~CopyFlag.Move);
  if (typeof task === 'number') return record(file, task, 0, 0);
  let advanced = 0;
  let written = 0;
  try {
    let result: number = CopyResult.More;
    while (result === CopyResult.More) {
      const chunk = control.chunkBytes(CHUNK_MAX_BYTES);
      if (!control.take(chunk)) return record(file, LANE_CANCELLED, advanced, written);
      result = backend.taskStep(task, chunk, CHUNK_MS, out);
      const [stepAdvanced, stepWritten] = [out[0] ?? 0, out[1] ?? 0];
      advanced += stepAdvanced;
      written += stepWritten;
      control.count(stepAdvanced, stepWritten);
    }
    const hashes = flags & CopyFlag.Verify ? backend.lastHashes() : undefined;
    if (result === CopyResult.Done) result = backend.taskFinish(task, file.target, 0, UNUSED_TIMES);
    if (result === CopyResult.Done && flags & CopyFlag.Move) {
      const removeErrno = backend.taskRemoveSource(task, file.srcDir, file.name);
      file.into.removeErrnos[file.index] = removeErrno;
      if (removeErrno !== 0) result = CopyResult.SourceKept;
    }
    record(file, result, advanced, written, hashes);
  } finally {
    backend.taskClose(task);
  }
}

/** Hash one file to the end in chunks (no bandwidth budget: nothing is written). */
function hashFile(backend: FsBackend, control: ControlBlock, dir: number, name: FsName): string | number {
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
 * An existing destination file that looks identical (size and time): hash both. Done when they match;
 * Mismatch when they differ.
 */
function compare(backend: FsBackend, control: ControlBlock, file: LaneFile): void {
  const source = hashFile(backend, control, file.srcDir, file.name);
  if (typeof source === 'number') return record(file, source, 0, 0);
  const copy = hashFile(backend, control, file.dstDir, file.target);
  if (typeof copy === 'number') return record(file, copy, 0, 0, [source, '']);
  control.count(file.size, 0);
  record(file, source === copy ? CopyResult.Done : CopyResult.Mismatch, file.size, 0, [source, copy]);
}
