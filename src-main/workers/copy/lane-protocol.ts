/** Messages between a transfer's coordinator and its copy threads ("lanes"). */
import type { FsName, Times } from './fs-backend';

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

/** One file for a lane to copy (or to compare with an existing copy). */
export interface LaneItem {
  name: FsName;
  /** The name to publish the copy under (differs under policy rename). */
  target: FsName;
  size: number;
  mode: number;
  times: Times;
  /** CopyFlag bits: verify, replace, tmpfile, move, … */
  flags: number;
  /** Compare instead of copy: hash the source and this existing destination file. */
  compareWith?: FsName;
}

/** The files of one folder, copied one after another by one lane. */
export interface LaneBatch {
  type: 'batch';
  id: number;
  srcDir: number;
  dstDir: number;
  items: LaneItem[];
}

/** What happened to one item. `result` is a CopyResult, LANE_CANCELLED, or a negative error (decodeError). */
export interface LaneItemResult {
  result: number;
  /** Bytes of the file moved through (holes included) and data bytes written. */
  advanced: number;
  written: number;
  /** errno when a move's copy was published but its source could not be removed. */
  removeErrno: number;
  sourceHash: string;
  copyHash: string;
}

/** The item was not finished because the job was cancelled (its partial copy was discarded). */
export const LANE_CANCELLED = 100;

export type LaneMessage =
  | { type: 'ready' }
  | { type: 'done'; id: number; results: LaneItemResult[] }
  | { type: 'error'; message: string };

/** Names cross postMessage as Uint8Array; make Buffers of them again. */
export function revive(name: FsName | Uint8Array): FsName {
  if (typeof name === 'string' || Buffer.isBuffer(name)) return name;
  return Buffer.from(name.buffer, name.byteOffset, name.byteLength);
}
