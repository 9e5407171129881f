/**
 * Image-sequence detection: group one folder's file names into sequences the way fileseq does.
 *
 * Rules (see docs in each function for details):
 * - Extension: the last dot-segment of the name, unless it is empty, the name's first character, or only
 *   digits with an optional leading "-" (`x.01` has no extension; its frame is 01). When that last segment
 *   is a compression or wrapper extension (gz, bz2, xz, zst, …) and the segment before it looks like an
 *   extension (1–5 ASCII letters/digits starting with a letter), both form the extension: `.tar.gz`,
 *   `.tar.bz2`, `.exr.gz`, `.mp4.part`. Digits inside the extension (`.mp4`, `.bz2`) are never frames.
 * - Frame: the last run of ASCII digits before the extension; everything before it is the prefix, everything
 *   after it (the rest of the stem plus the extension) is the suffix. `foo.1001.exr.gz` is frame 1001 of
 *   `foo.####.exr.gz`; `backup.2024.tar.gz` is frame 2024 with suffix `.tar.gz`. Runs longer than 15
 *   digits are not frames (they are ids or hashes, and would not fit a double exactly).
 * - Negative frames: a "-" directly before the digits is a minus sign only when the character before it is
 *   "." or "_" (`bar.-001.exr` → -1, `bar_-5.exr` → -5), and the digits are not all zeros. In a date
 *   (`shot_2025-05-13.exr`) the "-" follows a digit, so the frame is 13 and the prefix is `shot_2025-05-`.
 * - Padding: a frame written with a leading zero (`0042`, `-001`) has padding equal to its width, the minus
 *   sign included (`-001` is width 4, like `0001`). A frame without one (`1001`, `20`, `-7`, `0`) fits any
 *   padding up to its width; it joins the largest padding up to its width that some zero-filled frame of the
 *   same prefix and suffix has. Unpadded frames that fit no such padding form one group whose padding is the
 *   smallest of their widths (`x.5, x.10, x.100` → padding 1). So every frame is exactly
 *   `printf("%0{padding}d", frame)` in its sequence.
 * - A group of one frame is a single file, not a sequence. Names are case-sensitive.
 */
import { FrameSetWriter } from './frame-set';

export { formatFrameSet, parseFrameSet } from './frame-set';

/** One directory entry as the scanner sees it. */
export interface FileEntry {
  name: string;
  size: number;
}

/** One detected sequence: `prefix + frame (zero-filled to padding) + suffix` for every frame. */
export interface Sequence {
  prefix: string;
  suffix: string;
  padding: number;
  first: number;
  last: number;
  count: number;
  /** Compact frame set, fileseq notation: "1001-1100", "1-3,10,12-14", "1001-1010x3". */
  frames: string;
  /**
   * Frames absent within first..last, compact; "" when none. Counted on the sequence's step: the gcd of the
   * frame offsets when there are ≥3 frames and at least half the frames on that step exist (1,3,5,7 has
   * none missing; 1001-1099x2 without 1051 misses only 1051), else 1.
   */
  missing: string;
  /** Frames whose file is empty, ascending. */
  zero_byte: number[];
  /** Non-empty frames smaller than SUSPECT_SMALL_RATIO × the median frame size, ascending. */
  suspect_small: number[];
  total_size: number;
  /** Display pattern: `name.####.exr` for padding 4, `name.@@@.exr` (one @ per digit) otherwise. */
  pattern: string;
  /** Export pattern: `name.%04d.exr` ("%" in the name doubled). */
  printf: string;
}

/** A parsed frame name: `name === prefix + digits + suffix`. */
export interface FrameName {
  prefix: string;
  frame: number;
  /** The frame as written, minus sign included: "0042", "-001", "1001". */
  digits: string;
  suffix: string;
  /** Written with a leading zero (`0042`, `-001`): the frame only fits its own width. */
  zero_filled: boolean;
  /** The smallest padding the frame fits: its width when zero-filled, else 1 (it fits 1..width). */
  padding: number;
}

/** A frame is suspiciously small below this fraction of its sequence's median size (when the median > 0). */
export const SUSPECT_SMALL_RATIO = 0.1;

/** Longest digit run read as a frame; longer runs are ids, not frame numbers. */
const MAX_FRAME_DIGITS = 15;

/** Wrappers that make a compound extension with the extension before them (`.tar.gz`, `.exr.gz`). */
export const WRAPPER_EXTENSIONS: readonly string[] = [
  'gz',
  'bz2',
  'xz',
  'zst',
  'lz4',
  'lz',
  'lzma',
  'z',
  'br',
  'sz',
  '7z',
  'zip',
  'rar',
  'part',
  'bak',
  'tmp',
];

/** Case-folded code of name[from, to) (at most 4 characters), to look extensions up without slicing. */
function extensionCode(name: string, from: number, to: number): number {
  let code = 0;
  for (let i = from; i < to; i++) {
    const c = name.charCodeAt(i);
    if (c > 127) return -1;
    code = code * 128 + (c >= 65 && c <= 90 ? c | 0x20 : c);
  }
  return code;
}

const WRAPPER_CODES = new Set(WRAPPER_EXTENSIONS.map((ext) => extensionCode(ext, 0, ext.length)));
/** Case-folded first two characters of the wrappers (second 0 for one-letter ones): a quick reject. */
const WRAPPER_HEADS = new Uint8Array(128 * 128);
for (const ext of WRAPPER_EXTENSIONS)
  WRAPPER_HEADS[extensionCode(ext, 0, Math.min(2, ext.length)) * (ext.length === 1 ? 128 : 1)] = 1;

/** Whether name[from, to) is a wrapper extension, ignoring case. */
function isWrapper(name: string, from: number, to: number): boolean {
  if (to - from > 4) return false;
  const first = extensionCode(name, from, from + 1);
  const second = to - from > 1 ? extensionCode(name, from + 1, from + 2) : 0;
  if (first < 0 || second < 0 || WRAPPER_HEADS[first * 128 + second] !== 1) return false;
  return WRAPPER_CODES.has(extensionCode(name, from, to));
}

// The scanner's results, kept in module scope so the hot loop allocates nothing per name.
let scanStart = 0; // index of the frame's first character (the minus sign when negative)
let scanEnd = 0; // index just after its last digit
let scanValue = 0;
let scanPadded = false;

const DOT = 46;
const UNDERSCORE = 95;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

/** Index where the extension starts (its dot), or name.length when the name has none. */
function extensionStart(name: string): number {
  let dot = name.length - 1;
  while (dot >= 0 && name.charCodeAt(dot) !== DOT) dot--;
  if (dot <= 0 || dot === name.length - 1) return name.length;
  // A last segment of only digits (optionally "-") is a frame, not an extension: `x.01`, `bar.-001`.
  let i = dot + 1;
  if (name.charCodeAt(i) === MINUS) i++;
  while (i < name.length && isDigit(name.charCodeAt(i))) i++;
  if (i === name.length) return name.length;
  if (!isWrapper(name, dot + 1, name.length)) return dot;
  const before = name.lastIndexOf('.', dot - 1);
  if (before <= 0 || dot - before < 2 || dot - before > 6) return dot;
  const lead = name.charCodeAt(before + 1) | 0x20;
  if (lead < 97 || lead > 122) return dot;
  for (let j = before + 2; j < dot; j++) {
    const c = name.charCodeAt(j);
    const lower = c | 0x20;
    if (!isDigit(c) && (lower < 97 || lower > 122)) return dot;
  }
  return before;
}

/** Finds the frame in `name`, filling the scan* variables; false when the name has no frame. */
function scanFrame(name: string): boolean {
  let j = extensionStart(name) - 1;
  while (j >= 0 && !isDigit(name.charCodeAt(j))) j--;
  if (j < 0) return false;
  const end = j + 1;
  while (j >= 0 && isDigit(name.charCodeAt(j))) j--;
  const digitsStart = j + 1;
  if (end - digitsStart > MAX_FRAME_DIGITS) return false;
  let value = 0;
  for (let k = digitsStart; k < end; k++) value = value * 10 + (name.charCodeAt(k) - ZERO);
  let start = digitsStart;
  if (value !== 0 && j >= 1 && name.charCodeAt(j) === MINUS) {
    const sep = name.charCodeAt(j - 1);
    if (sep === DOT || sep === UNDERSCORE) {
      start = j;
      value = -value;
    }
  }
  scanStart = start;
  scanEnd = end;
  scanValue = value;
  scanPadded = end - digitsStart > 1 && name.charCodeAt(digitsStart) === ZERO;
  return true;
}

/** Split a file name into prefix, frame and suffix; null when it has no frame. */
export function parseFrameName(name: string): FrameName | null {
  if (!scanFrame(name)) return null;
  const digits = name.slice(scanStart, scanEnd);
  return {
    prefix: name.slice(0, scanStart),
    frame: scanValue,
    digits,
    suffix: name.slice(scanEnd),
    zero_filled: scanPadded,
    padding: scanPadded ? digits.length : 1,
  };
}

/** `name.####.exr` for padding 4, `name.@@@.exr` (one @ per digit) for any other padding. */
export function displayPattern(prefix: string, padding: number, suffix: string): string {
  return prefix + (padding === 4 ? '####' : '@'.repeat(padding)) + suffix;
}

/** `name.%04d.exr`, with any "%" of the name doubled so printf prints it. */
export function printfPattern(prefix: string, padding: number, suffix: string): string {
  const esc = (text: string): string => (text.includes('%') ? text.replaceAll('%', '%%') : text);
  return `${esc(prefix)}%0${padding}d${esc(suffix)}`;
}

/** Files sharing a prefix and suffix: the candidates for one or more sequences. */
interface Bucket {
  prefix: string;
  suffix: string;
  /** The first member's name, and where its frame ends in it. */
  ref: string;
  refEnd: number;
  members: number[];
}

/**
 * Per-file working arrays, reused across calls (allocating typed arrays per folder costs more than the
 * grouping). Safe because grouping is synchronous and never re-enters itself. Arrays grown for a huge folder
 * are dropped after it (SCRATCH_KEEP) so they do not stay in memory.
 */
const scratch = {
  values: new Float64Array(256),
  widths: new Uint8Array(256), // frame width, minus included
  padded: new Uint8Array(256),
  inSequence: new Uint8Array(256),
  sizes: new Float64Array(256),
  slots: new Int32Array(1024),
  table: new Int32Array(1024),
  prints: new Int32Array(1024),
};
const SCRATCH_KEEP = 1 << 16;

function releaseScratch(): void {
  if (scratch.values.length > SCRATCH_KEEP) {
    scratch.values = new Float64Array(256);
    scratch.widths = new Uint8Array(256);
    scratch.padded = new Uint8Array(256);
    scratch.inSequence = new Uint8Array(256);
    scratch.sizes = new Float64Array(256);
  }
  if (scratch.slots.length > 4 * SCRATCH_KEEP) scratch.slots = new Int32Array(1024);
  if (scratch.table.length > 4 * SCRATCH_KEEP) {
    scratch.table = new Int32Array(1024);
    scratch.prints = new Int32Array(1024);
  }
}

function growScratch(n: number): void {
  const size = Math.max(n, scratch.values.length * 2);
  scratch.values = new Float64Array(size);
  scratch.widths = new Uint8Array(size);
  scratch.padded = new Uint8Array(size);
  scratch.inSequence = new Uint8Array(size);
  scratch.sizes = new Float64Array(size);
}

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
function sameParts(bucket: Bucket, name: string, start: number, end: number): boolean {
  const { ref, refEnd, prefix } = bucket;
  if (prefix.length !== start || ref.length - refEnd !== name.length - end) return false;
  const shift = refEnd - end;
  for (let k = name.length - 1; k >= end; k--)
    if (name.charCodeAt(k) !== ref.charCodeAt(k + shift)) return false;
  // lastIndexOf from 0 compares only at 0, natively and without a slice: the fastest check of the prefix.
  return start === 0 || name.lastIndexOf(prefix, 0) === 0;
}

function gcd(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/**
 * Group one folder's entries into sequences and single files.
 * Sequences come sorted by prefix, suffix, then padding (code-unit order); singles keep the input order.
 * Two entries with the same name (not possible in one real folder) count once; the repeat stays a single.
 */
export function groupSequences(files: readonly FileEntry[]): { sequences: Sequence[]; singles: FileEntry[] } {
  const n = files.length;
  if (scratch.values.length < n) growScratch(n);
  const { values, widths, padded, inSequence } = scratch;
  inSequence.fill(0, 0, n);
  // Buckets found through an open-addressing table keyed by a fingerprint of a few characters around the
  // frame, then checked exactly: the prefix with a native compare, the (short) suffix character by character.
  // Hashing whole names, or a Map per folder, costs more.
  let mask = 15;
  while (mask < 2 * n) mask = mask * 2 + 1;
  if (scratch.table.length <= mask) {
    scratch.table = new Int32Array(mask + 1);
    scratch.prints = new Int32Array(mask + 1);
  }
  const { table, prints } = scratch;
  table.fill(0, 0, mask + 1); // bucket index + 1; 0 = empty
  const buckets: Bucket[] = [];

  for (let i = 0; i < n; i++) {
    const name = (files[i] as FileEntry).name;
    if (!scanFrame(name)) continue;
    const start = scanStart;
    const end = scanEnd;
    values[i] = scanValue;
    widths[i] = end - start;
    padded[i] = scanPadded ? 1 : 0;
    const print = fingerprint(name, start, end);
    let slot = print & mask;
    let bucket: Bucket | undefined;
    for (;;) {
      const entry = table[slot] as number;
      if (entry === 0) break;
      if (prints[slot] === print) {
        const b = buckets[entry - 1] as Bucket;
        if (sameParts(b, name, start, end)) {
          bucket = b;
          break;
        }
      }
      slot = (slot + 1) & mask;
    }
    if (bucket !== undefined) {
      bucket.members.push(i);
      continue;
    }
    buckets.push({
      prefix: name.slice(0, start),
      suffix: name.slice(end),
      ref: name,
      refEnd: end,
      members: [i],
    });
    table[slot] = buckets.length;
    prints[slot] = print;
  }

  const sequences: Sequence[] = [];
  const groupPaddings: number[] = [];
  const groupMembers: number[][] = [];
  for (const bucket of buckets) {
    const members = bucket.members;
    if (members.length < 2) continue;

    // Zero-filled widths present in this bucket, each its own group.
    groupPaddings.length = 0;
    groupMembers.length = 0;
    let loose: number[] | null = null;
    let looseWidth = Infinity;
    for (const i of members) {
      if (padded[i] === 1) {
        const w = widths[i] as number;
        const g = groupPaddings.indexOf(w);
        if (g < 0) {
          groupPaddings.push(w);
          groupMembers.push([i]);
        } else (groupMembers[g] as number[]).push(i);
      }
    }
    // Unpadded frames join the largest zero-filled width not above their own width.
    for (const i of members) {
      if (padded[i] === 1) continue;
      const w = widths[i] as number;
      let best = -1;
      for (let g = 0; g < groupPaddings.length; g++) {
        const p = groupPaddings[g] as number;
        if (p <= w && (best < 0 || p > (groupPaddings[best] as number))) best = g;
      }
      if (best >= 0) (groupMembers[best] as number[]).push(i);
      else {
        (loose ??= []).push(i);
        if (w < looseWidth) looseWidth = w;
      }
    }
    for (let g = 0; g < groupMembers.length; g++) {
      const group = groupMembers[g] as number[];
      if (group.length > 1) {
        const seq = buildSequence(bucket, groupPaddings[g] as number, group, files, values, inSequence);
        if (seq) sequences.push(seq);
      }
    }
    if (loose !== null && loose.length > 1) {
      const seq = buildSequence(bucket, looseWidth, loose, files, values, inSequence);
      if (seq) sequences.push(seq);
    }
  }

  const singles: FileEntry[] = [];
  for (let i = 0; i < n; i++) if (inSequence[i] === 0) singles.push(files[i] as FileEntry);
  sequences.sort(compareSequences);
  releaseScratch();
  return { sequences, singles };
}

function compareSequences(a: Sequence, b: Sequence): number {
  if (a.prefix !== b.prefix) return a.prefix < b.prefix ? -1 : 1;
  if (a.suffix !== b.suffix) return a.suffix < b.suffix ? -1 : 1;
  return a.padding - b.padding;
}

/** One sequence from ≥2 member indices; marks them in `inSequence`. Null when fewer than 2 distinct frames. */
function buildSequence(
  bucket: Bucket,
  padding: number,
  group: number[],
  files: readonly FileEntry[],
  values: Float64Array,
  inSequence: Uint8Array,
): Sequence | null {
  const count = sortUniqueByValue(group, values);
  if (count < 2) return null;

  const framesText = new FrameSetWriter();
  const sizes = scratch.sizes;
  const zeroByte: number[] = [];
  let total = 0;
  let minPositive = Infinity;
  let maxSize = 0;
  for (let k = 0; k < count; k++) {
    const i = group[k] as number;
    inSequence[i] = 1;
    const frame = values[i] as number;
    framesText.push(frame);
    const size = (files[i] as FileEntry).size;
    sizes[k] = size;
    total += size;
    if (size === 0) zeroByte.push(frame);
    else if (size < minPositive) minPositive = size;
    if (size > maxSize) maxSize = size;
  }
  const first = values[group[0] as number] as number;
  const last = values[group[count - 1] as number] as number;
  // A regular stride (x2, x3) is the sequence's step, not a gap, when at least half of the frames on it are
  // there; two frames alone have no stride (as in fileseq), and 5,10,100 is gappy, not "x5".
  let step = 1;
  if (count >= 3 && last - first !== count - 1) {
    step = 0;
    for (let k = 1; k < count && step !== 1; k++)
      step = gcd((values[group[k] as number] as number) - first, step);
    if ((count - 1) * 2 < (last - first) / step) step = 1;
  }

  const missingText = new FrameSetWriter();
  let prev = first;
  for (let k = 1; k < count; k++) {
    const frame = values[group[k] as number] as number;
    const absent = (frame - prev) / step - 1;
    if (absent > 0) missingText.pushRun(prev + step, step, absent);
    prev = frame;
  }

  const suspectSmall: number[] = [];
  // The median is at most the largest size: when no frame is below a tenth of that, none can be suspect.
  const median = minPositive < maxSize * SUSPECT_SMALL_RATIO ? medianOf(sizes, count) : 0;
  if (median > 0) {
    const limit = median * SUSPECT_SMALL_RATIO;
    for (let k = 0; k < count; k++) {
      const i = group[k] as number;
      const size = (files[i] as FileEntry).size;
      if (size > 0 && size < limit) suspectSmall.push(values[i] as number);
    }
  }

  const { prefix, suffix } = bucket;
  return {
    prefix,
    suffix,
    padding,
    first,
    last,
    count,
    frames: framesText.finish(),
    missing: missingText.finish(),
    zero_byte: zeroByte,
    suspect_small: suspectSmall,
    total_size: total,
    pattern: displayPattern(prefix, padding, suffix),
    printf: printfPattern(prefix, padding, suffix),
  };
}

/**
 * Sort member indices by frame and drop repeated frames (duplicate names), in place; returns the count.
 * Dense groups (the usual case) are placed by frame into slots, others sorted by comparison.
 */
function sortUniqueByValue(group: number[], values: Float64Array): number {
  const n = group.length;
  let min = Infinity;
  let max = -Infinity;
  for (let k = 0; k < n; k++) {
    const v = values[group[k] as number] as number;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const range = max - min + 1;
  let count = 0;
  if (range <= 4 * n + 64) {
    if (scratch.slots.length < range)
      scratch.slots = new Int32Array(Math.max(range, scratch.slots.length * 2));
    const slots = scratch.slots;
    slots.fill(-1, 0, range);
    for (let k = 0; k < n; k++) {
      const i = group[k] as number;
      const slot = (values[i] as number) - min;
      if (slots[slot] === -1) slots[slot] = i;
    }
    for (let slot = 0; slot < range; slot++) {
      const i = slots[slot] as number;
      if (i !== -1) group[count++] = i;
    }
  } else {
    group.sort((a, b) => (values[a] as number) - (values[b] as number));
    for (let k = 0; k < n; k++) {
      const i = group[k] as number;
      if (count > 0 && values[group[count - 1] as number] === values[i]) continue;
      group[count++] = i;
    }
  }
  group.length = count;
  return count;
}

/** k-th smallest of a[0, n) by quickselect; reorders a. */
function select(a: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k] as number;
}

/** Median of a[0, n) (mean of the middle two when n is even); reorders a. */
function medianOf(a: Float64Array, n: number): number {
  const mid = n >> 1;
  const upper = select(a, n, mid);
  if (n % 2 === 1) return upper;
  let lower = -Infinity;
  for (let k = 0; k < mid; k++) if ((a[k] as number) > lower) lower = a[k] as number;
  return (lower + upper) / 2;
}
