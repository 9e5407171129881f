/**
 * Messages between a transfer's coordinator and its copy threads ("lanes"). A batch and its results travel
 * as columns (a list of names, typed arrays of numbers), not one object per file: cloning them between
 * threads then costs little, whatever the batch holds.
 */
import type { FsName } from './fs-backend';

/** Sent once when a lane starts. */
export interface LaneInit {
  control: SharedArrayBuffer;
  engine: 'native' | 'node';
  addonPath: string;
  /** The owner part of temporary names (temp-names.ts). */
  tempTag: string;
  /** This lane's number (its slot in the control block). */
  lane: number;
}

/** A lane-only flag beside the CopyFlag bits: hash the source and the existing file named by `targets`. */
export const COMPARE_FLAG = 1 << 8;

/** The files of one folder, copied one after another by one lane. */
export interface LaneBatch {
  type: 'batch';
  id: number;
  srcDir: number;
  dstDir: number;
  /** The devices of the two folders. */
  srcDev: number;
  dstDev: number;
  names: FsName[];
  /** The name to publish each copy under, or null for its own name (policy rename gives another). */
  targets: (FsName | null)[];
  sizes: Float64Array;
  /** CopyFlag bits (verify, replace, tmpfile, move, own attributes) and COMPARE_FLAG. */
  flags: Int32Array;
  /** The hash formats (src-shared/hash-formats.ts mask) the files are hashed in. */
  hashMask: number;
  /** Several destinations: this folder's descriptor at each (-1 where it could not be used). */
  dstDirs?: Int32Array;
  /** Per file, with several destinations: the destinations it goes to (bit d), all from one read. */
  outMasks?: Int32Array;
}

/** Status slots per file with several destinations: a result, then a cache-dropped flag, per destination. */
export const OUT_SLOTS = 16;

/** What happened to a batch's files, column by column. */
export interface LaneResults {
  /** A CopyResult, LANE_CANCELLED, or a negative error (decodeError). */
  results: Int32Array;
  /** Bytes of each file moved through (holes included), and data bytes written. */
  advanced: Float64Array;
  written: Float64Array;
  /** Bytes of its copies read back (verification). */
  checked: Float64Array;
  /** errno when a move's copy was published but its source could not be removed. */
  removeErrnos: Int32Array;
  /** xxh64 of each source, and of its copy read back ('' when not hashed). */
  sourceHashes: string[];
  copyHashes: string[];
  /** Every chosen format of each source, in HASH_FORMATS order (empty when not hashed). */
  sourceHashSets: string[][];
  /** With several destinations: OUT_SLOTS per file (each destination's result, then its cache flag). */
  outStatuses: Int32Array;
}

/** The item was not finished because the job was cancelled (its partial copy was discarded). */
export const LANE_CANCELLED = 100;

export type LaneMessage =
  { type: 'ready' } | { type: 'done'; id: number; results: LaneResults } | { type: 'error'; message: string };

/** Empty result columns for `count` files. */
export function laneResults(count: number): LaneResults {
  return {
    results: new Int32Array(count),
    advanced: new Float64Array(count),
    written: new Float64Array(count),
    checked: new Float64Array(count),
    removeErrnos: new Int32Array(count),
    sourceHashes: new Array<string>(count).fill(''),
    copyHashes: new Array<string>(count).fill(''),
    sourceHashSets: Array.from({ length: count }, () => []),
    outStatuses: new Int32Array(count * OUT_SLOTS),
  };
}

/** Names cross postMessage as Uint8Array; make Buffers of them again. */
export function revive(name: FsName | Uint8Array): FsName {
  if (typeof name === 'string' || Buffer.isBuffer(name)) return name;
  return Buffer.from(name.buffer, name.byteOffset, name.byteLength);
}

/** One file's outcome, taken out of a batch's columns. */
export interface LaneItemResult {
  result: number;
  advanced: number;
  written: number;
  checked: number;
  removeErrno: number;
  sourceHash: string;
  copyHash: string;
  sourceHashSet: string[];
  /** Each destination's result and cache flag (OUT_SLOTS), with several destinations. */
  outStatuses: Int32Array;
}

/** The outcome of file `index` of a batch. */
export function itemResult(columns: LaneResults, index: number): LaneItemResult {
  return {
    result: columns.results[index] ?? LANE_CANCELLED,
    advanced: columns.advanced[index] ?? 0,
    written: columns.written[index] ?? 0,
    checked: columns.checked[index] ?? 0,
    removeErrno: columns.removeErrnos[index] ?? 0,
    sourceHash: columns.sourceHashes[index] ?? '',
    copyHash: columns.copyHashes[index] ?? '',
    sourceHashSet: columns.sourceHashSets[index] ?? [],
    outStatuses: columns.outStatuses.subarray(index * OUT_SLOTS, (index + 1) * OUT_SLOTS),
  };
}
