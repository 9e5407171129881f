/**
 * Image-sequence detection: group one folder's file names into sequences the way fileseq does.
 *
 * Where the frame sits in a name is frame-name.ts; grouping by prefix and suffix is frame-buckets.ts. This
 * module turns each bucket into sequences (native/sequence_text.c is its C twin, for the native lister):
 * - Padding: zero-filled frames (`0042`, `-001`) group by their width. A frame without a leading zero
 *   (`1001`, `20`, `-7`, `0`) joins the largest such padding up to its own width. Unpadded frames that fit no
 *   such padding form one group whose padding is the smallest of their widths (`x.5, x.10, x.100` → padding
 *   1). So every frame is exactly `printf("%0{padding}d", frame)` in its sequence.
 * - A group of one frame is a single file, not a sequence. Names are case-sensitive.
 * - Only names frame-rules.ts allows are frames: extensions from the scan's list, no version or clip counter.
 */
import { bucketFrames, ROW_FIELDS, type FrameBucket, type FrameBuckets } from './frame-buckets';
import { displayPattern, printfPattern } from './frame-name';
import { DEFAULT_FRAME_RULES, type FrameRules } from './frame-rules';
import { FrameSetWriter } from './frame-set';

export { bucketFrames, type FrameBuckets } from './frame-buckets';
export { ANY_FRAME_RULES, DEFAULT_FRAME_RULES, frameRules, type FrameRules } from './frame-rules';
export { displayPattern, parseFrameName, printfPattern, type FrameName } from './frame-name';

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

/** A frame is suspiciously small below this fraction of its sequence's median size (when the median > 0). */
export const SUSPECT_SMALL_RATIO = 0.1;

/** Working arrays reused across calls; grown ones are dropped after a huge folder (SCRATCH_KEEP). */
const scratch = {
  sizes: new Float64Array(256), // for the median, which reorders it
  slots: new Int32Array(1024),
  members: new Int32Array(256),
  order: new Int32Array(256), // a group's rows, sorted by frame
};
const SCRATCH_KEEP = 1 << 16;

export function gcd(a: number, b: number): number {
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
export function groupSequences(
  files: readonly FileEntry[],
  rules: FrameRules = DEFAULT_FRAME_RULES,
): { sequences: Sequence[]; singles: FileEntry[] } {
  const frames = bucketFrames(
    files.map((file) => file.name),
    files.map((file) => file.size),
    rules,
  );
  const inSequence = new Uint8Array(files.length);
  const sequences = buildSequences(frames, inSequence);
  return { sequences, singles: files.filter((_, i) => inSequence[i] === 0) };
}

/**
 * The sequences in a folder's frame buckets, sorted by prefix, suffix, then padding (code-unit order).
 * With `inSequence`, marks each file that ends up in a sequence (indexed as bucketFrames' input).
 */
export function buildSequences(frames: FrameBuckets, inSequence?: Uint8Array): Sequence[] {
  const { rows } = frames;
  const sequences: Sequence[] = [];
  const add = (bucket: FrameBucket, padding: number, members: ArrayLike<number>, n: number): void => {
    const sequence = buildSequence(bucket, padding, members, n, frames, inSequence);
    if (sequence) sequences.push(sequence);
  };
  for (const bucket of frames.buckets) {
    const { first, count } = bucket;
    if (count < 2) continue;
    const end = first + count;
    // Usually every frame is written alike (1001…1100, or 0001…0100): one group, padded to that width.
    const shape = rows[first * ROW_FIELDS + 2] as number;
    let alike = true;
    for (let row = first + 1; row < end && alike; row++) alike = rows[row * ROW_FIELDS + 2] === shape;
    if (alike) {
      if (scratch.members.length < count)
        scratch.members = new Int32Array(Math.max(count, scratch.members.length * 2));
      for (let k = 0; k < count; k++) scratch.members[k] = first + k;
      add(bucket, shape >> 1, scratch.members, count);
      continue;
    }
    // Zero-filled widths present in this bucket, each its own group.
    const paddings: number[] = [];
    const groups: number[][] = [];
    for (let row = first; row < end; row++) {
      const rowShape = rows[row * ROW_FIELDS + 2] as number;
      if ((rowShape & 1) === 0) continue;
      const g = paddings.indexOf(rowShape >> 1);
      if (g < 0) {
        paddings.push(rowShape >> 1);
        groups.push([row]);
      } else (groups[g] as number[]).push(row);
    }
    // Unpadded frames join the largest zero-filled width not above their own width; the rest form one
    // group padded to the smallest of their widths.
    const loose: number[] = [];
    let looseWidth = Infinity;
    for (let row = first; row < end; row++) {
      const rowShape = rows[row * ROW_FIELDS + 2] as number;
      if ((rowShape & 1) === 1) continue;
      const width = rowShape >> 1;
      let best = -1;
      for (let g = 0; g < paddings.length; g++) {
        const p = paddings[g] as number;
        if (p <= width && (best < 0 || p > (paddings[best] as number))) best = g;
      }
      if (best >= 0) (groups[best] as number[]).push(row);
      else {
        loose.push(row);
        if (width < looseWidth) looseWidth = width;
      }
    }
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g] as number[];
      if (group.length > 1) add(bucket, paddings[g] as number, group, group.length);
    }
    if (loose.length > 1) add(bucket, looseWidth, loose, loose.length);
  }
  sequences.sort(compareSequences);
  if (scratch.sizes.length > SCRATCH_KEEP) scratch.sizes = new Float64Array(256);
  if (scratch.order.length > SCRATCH_KEEP) {
    scratch.order = new Int32Array(256);
    scratch.members = new Int32Array(256);
  }
  if (scratch.slots.length > 4 * SCRATCH_KEEP) scratch.slots = new Int32Array(1024);
  return sequences;
}

function compareSequences(a: Sequence, b: Sequence): number {
  if (a.prefix !== b.prefix) return a.prefix < b.prefix ? -1 : 1;
  if (a.suffix !== b.suffix) return a.suffix < b.suffix ? -1 : 1;
  return a.padding - b.padding;
}

/** One sequence from ≥2 rows; marks their files in `inSequence`. Null when fewer than 2 distinct frames. */
function buildSequence(
  bucket: FrameBucket,
  padding: number,
  members: ArrayLike<number>,
  n: number,
  frames: FrameBuckets,
  inSequence: Uint8Array | undefined,
): Sequence | null {
  const { rows, origin } = frames;
  const count = sortUniqueByFrame(members, n, rows);
  if (count < 2) return null;
  const order = scratch.order;

  if (scratch.sizes.length < count)
    scratch.sizes = new Float64Array(Math.max(count, scratch.sizes.length * 2));
  const framesText = new FrameSetWriter();
  const sizes = scratch.sizes;
  const zeroByte: number[] = [];
  let total = 0;
  let minPositive = Infinity;
  let maxSize = 0;
  for (let k = 0; k < count; k++) {
    const row = order[k] as number;
    if (inSequence) inSequence[origin ? (origin[row] as number) : row] = 1;
    const frame = rows[row * ROW_FIELDS] as number;
    framesText.push(frame);
    const size = rows[row * ROW_FIELDS + 1] as number;
    sizes[k] = size;
    total += size;
    if (size === 0) zeroByte.push(frame);
    else if (size < minPositive) minPositive = size;
    if (size > maxSize) maxSize = size;
  }
  const frameAt = (k: number): number => rows[(order[k] as number) * ROW_FIELDS] as number;
  const first = frameAt(0);
  const last = frameAt(count - 1);
  // A regular stride (x2, x3) is the sequence's step, not a gap, when at least half of the frames on it are
  // there; two frames alone have no stride (as in fileseq), and 5,10,100 is gappy, not "x5".
  let step = 1;
  if (count >= 3 && last - first !== count - 1) {
    step = 0;
    for (let k = 1; k < count && step !== 1; k++) step = gcd(frameAt(k) - first, step);
    if ((count - 1) * 2 < (last - first) / step) step = 1;
  }

  const missingText = new FrameSetWriter();
  if (last - first !== (count - 1) * step) {
    let prev = first;
    for (let k = 1; k < count; k++) {
      const frame = frameAt(k);
      const absent = (frame - prev) / step - 1;
      if (absent > 0) missingText.pushRun(prev + step, step, absent);
      prev = frame;
    }
  }

  const suspectSmall: number[] = [];
  // The median is at most the largest size: when no frame is below a tenth of that, none can be suspect.
  const median = minPositive < maxSize * SUSPECT_SMALL_RATIO ? medianOf(sizes, count) : 0;
  if (median > 0) {
    const limit = median * SUSPECT_SMALL_RATIO;
    for (let k = 0; k < count; k++) {
      const row = order[k] as number;
      const size = rows[row * ROW_FIELDS + 1] as number;
      if (size > 0 && size < limit) suspectSmall.push(rows[row * ROW_FIELDS] as number);
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
 * Sort rows members[0, n) by frame into scratch.order, dropping repeated frames (duplicate names); returns
 * the count. Dense groups (the usual case) are placed by frame into slots, others sorted by comparison.
 */
function sortUniqueByFrame(members: ArrayLike<number>, n: number, rows: Float64Array): number {
  if (scratch.order.length < n) scratch.order = new Int32Array(Math.max(n, scratch.order.length * 2));
  const order = scratch.order;
  const frameOf = (row: number): number => rows[row * ROW_FIELDS] as number;
  let min = Infinity;
  let max = -Infinity;
  for (let k = 0; k < n; k++) {
    const v = frameOf(members[k] as number);
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
      const row = members[k] as number;
      const slot = frameOf(row) - min;
      if (slots[slot] === -1) slots[slot] = row;
    }
    for (let slot = 0; slot < range; slot++) {
      const row = slots[slot] as number;
      if (row !== -1) order[count++] = row;
    }
  } else {
    const sorted = Array.from({ length: n }, (_, k) => members[k] as number).sort(
      (a, b) => frameOf(a) - frameOf(b),
    );
    for (const row of sorted) {
      if (count > 0 && frameOf(order[count - 1] as number) === frameOf(row)) continue;
      order[count++] = row;
    }
  }
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
