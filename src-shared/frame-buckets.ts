/**
 * The first step of sequence detection: one folder's frame files, grouped by prefix and suffix.
 * The native lister builds the same buckets in C (native/frame_buckets.c) without making a string per file.
 */
import { scanFrame, scanned } from './frame-name';
import { DEFAULT_FRAME_RULES, frameAllowed, type FrameRules } from './frame-rules';

/** Numbers per row of FrameBuckets.rows. */
export const ROW_FIELDS = 3;

/** Frame files that share a prefix and suffix: rows first … first + count - 1 of FrameBuckets.rows. */
export interface FrameBucket {
  prefix: string;
  suffix: string;
  first: number;
  count: number;
}

/** A folder's frame files, bucketed: one row per file, each bucket's rows together. */
export interface FrameBuckets {
  /** Buckets of at least two files (a lone numbered file is never a sequence); any order. */
  buckets: FrameBucket[];
  /**
   * ROW_FIELDS numbers per row: the frame number; the file size; the frame's width as written (minus sign
   * included) × 2, plus 1 when it is zero-filled (`0042` fits only its own width).
   */
  rows: Float64Array;
  /** Row → index of its name in bucketFrames' input; absent when rows come from elsewhere (the native lister). */
  origin?: Int32Array;
}

/** A bucket being filled: the first member's name and frame end, to compare the next names against. */
interface OpenBucket {
  prefix: string;
  suffix: string;
  ref: string;
  refEnd: number;
  members: number[];
}

/**
 * Working arrays and hash table reused across calls: allocating typed arrays per folder costs more than the
 * grouping. Arrays grown for a huge folder are dropped afterwards (KEEP) so they do not stay in memory.
 */
const KEEP = 1 << 16;
let values = new Float64Array(256);
let shapes = new Float64Array(256);
let table = new Int32Array(1024); // bucket index + 1; 0 = empty
let prints = new Int32Array(1024);

/** A cheap hash of the prefix and suffix lengths and the characters next to the frame and at the ends. */
function fingerprint(name: string, start: number, end: number): number {
  const last = name.length - 1;
  let h = start * 0x3f + (last - end);
  if (start > 0) {
    h = Math.imul(h, 31) + name.charCodeAt(0);
    h = Math.imul(h, 31) + name.charCodeAt(start - 1);
    if (start > 1) h = Math.imul(h, 31) + name.charCodeAt(start - 2);
    if (start > 2) h = Math.imul(h, 31) + name.charCodeAt(start - 3);
    if (start > 3) h = Math.imul(h, 31) + name.charCodeAt(start - 4);
  }
  if (end <= last) {
    h = Math.imul(h, 31) + name.charCodeAt(end);
    h = Math.imul(h, 31) + name.charCodeAt(last);
    if (last - 1 > end) h = Math.imul(h, 31) + name.charCodeAt(last - 1);
  }
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return (h ^ (h >>> 12)) | 0;
}

/** Whether `name`, whose frame spans [start, end), has the bucket's prefix and suffix. */
function sameParts(bucket: OpenBucket, name: string, start: number, end: number): boolean {
  const { ref, refEnd, prefix } = bucket;
  if (prefix.length !== start || ref.length - refEnd !== name.length - end) return false;
  const shift = refEnd - end;
  for (let k = name.length - 1; k >= end; k--)
    if (name.charCodeAt(k) !== ref.charCodeAt(k + shift)) return false;
  // lastIndexOf from 0 compares only at 0, natively and without a slice: the fastest check of the prefix.
  return start === 0 || name.lastIndexOf(prefix, 0) === 0;
}

/** Bucket a folder's file names by the prefix and suffix around their frame numbers, as `rules` allow. */
export function bucketFrames(
  names: readonly string[],
  sizes: ArrayLike<number>,
  rules: FrameRules = DEFAULT_FRAME_RULES,
): FrameBuckets {
  const n = names.length;
  if (values.length < n) {
    values = new Float64Array(Math.max(n, values.length * 2));
    shapes = new Float64Array(values.length);
  }
  // Buckets found through an open-addressing table keyed by a fingerprint of a few characters around the
  // frame, then checked exactly: the prefix with a native compare, the (short) suffix character by character.
  // Hashing whole names, or a Map per folder, costs more.
  let mask = 15;
  while (mask < 2 * n) mask = mask * 2 + 1;
  if (table.length <= mask) {
    table = new Int32Array(mask + 1);
    prints = new Int32Array(mask + 1);
  }
  table.fill(0, 0, mask + 1);
  const open: OpenBucket[] = [];

  for (let i = 0; i < n; i++) {
    const name = names[i] as string;
    if (!scanFrame(name) || !frameAllowed(name, rules)) continue;
    const { start, end } = scanned;
    values[i] = scanned.value;
    shapes[i] = (end - start) * 2 + (scanned.padded ? 1 : 0);
    const print = fingerprint(name, start, end);
    let slot = print & mask;
    let bucket: OpenBucket | undefined;
    for (;;) {
      const entry = table[slot] as number;
      if (entry === 0) break;
      if (prints[slot] === print) {
        const candidate = open[entry - 1] as OpenBucket;
        if (sameParts(candidate, name, start, end)) {
          bucket = candidate;
          break;
        }
      }
      slot = (slot + 1) & mask;
    }
    if (bucket !== undefined) {
      bucket.members.push(i);
      continue;
    }
    open.push({
      prefix: name.slice(0, start),
      suffix: name.slice(end),
      ref: name,
      refEnd: end,
      members: [i],
    });
    table[slot] = open.length;
    prints[slot] = print;
  }

  let rowCount = 0;
  for (const bucket of open) if (bucket.members.length > 1) rowCount += bucket.members.length;
  const frames: FrameBuckets = {
    buckets: [],
    rows: new Float64Array(rowCount * ROW_FIELDS),
    origin: new Int32Array(rowCount),
  };
  const { rows, origin } = frames as Required<FrameBuckets>;
  let row = 0;
  for (const { prefix, suffix, members } of open) {
    if (members.length < 2) continue;
    frames.buckets.push({ prefix, suffix, first: row, count: members.length });
    for (const i of members) {
      rows[row * ROW_FIELDS] = values[i] as number;
      rows[row * ROW_FIELDS + 1] = sizes[i] as number;
      rows[row * ROW_FIELDS + 2] = shapes[i] as number;
      origin[row++] = i;
    }
  }
  if (values.length > KEEP) {
    values = new Float64Array(256);
    shapes = new Float64Array(256);
  }
  if (table.length > 4 * KEEP) {
    table = new Int32Array(1024);
    prints = new Int32Array(1024);
  }
  return frames;
}
