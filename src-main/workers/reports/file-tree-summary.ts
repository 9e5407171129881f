/**
 * The files of a report, summed up as rows stream past: per folder, its image sequences as frame ranges with
 * their gaps, and its other files. Memory follows the number of folders and sequences (and gaps), not files:
 * a sequence keeps its frames as sorted runs (`1001-1049, 1051-1076, 1078-1100`), and every list is capped.
 *
 * Grouping follows src-shared/sequences.ts exactly (same frame parsing, buckets by prefix and suffix, padding
 * rules, step and missing frames): tests/unit/handover-sequences.test.ts holds the two together. It does not
 * look for suspiciously small frames (that needs every size); it does list empty (zero-byte) frames.
 */
import { formatFrameSet, FrameSetWriter } from '../../../src-shared/frame-set';
import { displayPattern, scanFrame, scanned } from '../../../src-shared/frame-name';
import { statusTone, type HandoverOut, type HandoverRow } from './model';

/** Caps that keep memory (and the HTML) bounded, whatever the report holds. */
export interface SummaryLimits {
  /** Folders summed up one by one; files of further folders are only counted. */
  folders: number;
  /** Frame-name groups (prefix + suffix) kept per folder, and in all. */
  bucketsPerFolder: number;
  buckets: number;
  /** Run ends kept in all (two numbers per run of consecutive frames, or per scattered frame). */
  runNumbers: number;
  /** Other files remembered per folder, to be listed by name. */
  looseKept: number;
  /** Frames remembered per sequence and status, and empty frames per sequence, to be listed. */
  framesKept: number;
}

export const DEFAULT_SUMMARY_LIMITS: SummaryLimits = {
  folders: 5000,
  bucketsPerFolder: 500,
  buckets: 50_000,
  runNumbers: 2_000_000,
  looseKept: 100,
  framesKept: 20,
};

/** Files and bytes per status. */
export class StatusTally {
  readonly byStatus = new Map<string, { files: number; bytes: number }>();
  files = 0;
  bytes = 0;

  add(status: string, size: number, files = 1): void {
    this.files += files;
    this.bytes += size;
    const entry = this.byStatus.get(status);
    if (entry) {
      entry.files += files;
      entry.bytes += size;
    } else this.byStatus.set(status, { files, bytes: size });
  }

  /** Files whose status reads as a problem. */
  problems(): number {
    let count = 0;
    for (const [status, { files }] of this.byStatus) if (statusTone(status) === 'problem') count += files;
    return count;
  }
}

/** A file listed by name. */
export interface LooseFile {
  name: string;
  size: number;
  status: string;
  /** The name it landed under (policy rename). */
  renamed?: string;
  cause?: string;
  /** Per destination, when they did not all end as `status`. */
  outs?: HandoverOut[];
}

/** Frames of one status in a sequence: how many, and the first few. */
export interface FrameStatus {
  status: string;
  /** Per destination, when they did not all end as `status`: frames are told apart by it too. */
  outs?: string[];
  count: number;
  /** Ascending, at most SummaryLimits.framesKept. */
  frames: number[];
}

/** One image sequence of a folder. */
export interface SequenceSummary {
  /** Every frame's name is `prefix + frame (zero-filled to padding) + suffix`. */
  prefix: string;
  suffix: string;
  /** `beauty.####.exr` (padding 4) or `beauty.@@@.exr`. */
  pattern: string;
  padding: number;
  first: number;
  last: number;
  /** The sequence's stride: 2 for every other frame (then frames off it are not missing). */
  step: number;
  count: number;
  /** Compact frame set, fileseq notation: "1001-1049,1051-1100". */
  frames: string;
  /** Missing frames within first..last, compact; "" when none. */
  missing: string;
  missing_count: number;
  bytes: number;
  zero_byte: FrameStatus;
  /** Frames by status, most first. */
  statuses: FrameStatus[];
}

/** Frame files of a folder that could not be kept as ranges (too scattered): counted, not listed. */
export interface UnlistedGroup {
  /** `prefix…suffix`. */
  name: string;
  files: number;
  bytes: number;
}

/** One folder's summary. */
export interface FolderSummary {
  /** Relative, like the rows' paths; '' for files at the top. */
  path: string;
  tally: StatusTally;
  sequences: SequenceSummary[];
  unlisted_groups: UnlistedGroup[];
  /** Files not in a sequence, by name, at most SummaryLimits.looseKept (plus a few singles). */
  loose: LooseFile[];
  /** How many files are not in a sequence (listed or not). */
  loose_count: number;
}

/** The whole tree's summary. */
export interface TreeSummary {
  folders: FolderSummary[];
  /** Files in folders beyond SummaryLimits.folders: counted only. */
  untracked: StatusTally;
  total: StatusTally;
  /** Per destination: what the rows say it did. */
  destinations: StatusTally[];
}

/** Frames of one shape (width, and whether zero-filled) in one bucket. */
class ShapeFrames {
  /** Sorted, disjoint, non-adjacent runs: [first0, last0, first1, last1, …]. */
  runs: number[] = [];
  /** Frames not yet merged into runs (they arrived out of order). */
  pending: number[] = [];
  files = 0;
  bytes = 0;
  zero: FrameStatus = { status: 'zero', count: 0, frames: [] };
  statuses = new Map<string, FrameStatus>();
  /** The first file of this shape: what a lone frame is listed as. */
  first: LooseFile;

  constructor(first: LooseFile) {
    this.first = first;
  }
}

/** Frame files sharing a prefix and suffix in one folder. */
class Bucket {
  readonly shapes = new Map<number, ShapeFrames>();
  files = 0;
  bytes = 0;
  /** Its frames no longer fit the run budget: only counted. */
  overflow = false;

  constructor(
    readonly prefix: string,
    readonly suffix: string,
  ) {}
}

class FolderState {
  readonly tally = new StatusTally();
  readonly buckets = new Map<string, Bucket>();
  readonly loose: LooseFile[] = [];
  looseCount = 0;

  constructor(readonly path: string) {}
}

/** Sums up rows as they come; `finish` gives the summary. */
export class FileTreeAccumulator {
  private readonly limits: SummaryLimits;
  private readonly folders = new Map<string, FolderState>();
  private readonly untracked = new StatusTally();
  private readonly total = new StatusTally();
  private readonly destinations: StatusTally[];
  private buckets = 0;
  private runNumbers = 0;

  constructor(destinationCount: number, limits: Partial<SummaryLimits> = {}) {
    this.limits = { ...DEFAULT_SUMMARY_LIMITS, ...limits };
    this.destinations = Array.from({ length: Math.max(1, destinationCount) }, () => new StatusTally());
  }

  add(row: HandoverRow): void {
    const { status, size } = row;
    this.total.add(status, size);
    for (let d = 0; d < this.destinations.length; d++) {
      const out = row.outs?.[d];
      (this.destinations[d] as StatusTally).add(out && out.status !== '' ? out.status : status, size);
    }
    const slash = row.path.lastIndexOf('/');
    const dir = slash < 0 ? '' : row.path.slice(0, slash);
    const name = row.path.slice(slash + 1);
    let folder = this.folders.get(dir);
    if (folder === undefined) {
      if (this.folders.size >= this.limits.folders) {
        this.untracked.add(status, size);
        return;
      }
      folder = new FolderState(dir);
      this.folders.set(dir, folder);
    }
    folder.tally.add(status, size);
    if (scanFrame(name)) {
      const { start, end, value, padded } = scanned;
      const shape = (end - start) * 2 + (padded ? 1 : 0);
      const prefix = name.slice(0, start);
      const suffix = name.slice(end);
      const key = `${prefix}\u0000${suffix}`;
      let bucket = folder.buckets.get(key);
      if (
        bucket === undefined &&
        folder.buckets.size < this.limits.bucketsPerFolder &&
        this.buckets < this.limits.buckets
      ) {
        bucket = new Bucket(prefix, suffix);
        folder.buckets.set(key, bucket);
        this.buckets++;
      }
      if (bucket !== undefined) {
        this.addFrame(bucket, shape, value, row, name);
        return;
      }
    }
    folder.looseCount++;
    if (folder.loose.length < this.limits.looseKept) folder.loose.push(looseFile(row, name));
  }

  private addFrame(bucket: Bucket, shape: number, frame: number, row: HandoverRow, name: string): void {
    bucket.files++;
    bucket.bytes += row.size;
    if (bucket.overflow) return;
    let frames = bucket.shapes.get(shape);
    if (frames === undefined) {
      frames = new ShapeFrames(looseFile(row, name));
      bucket.shapes.set(shape, frames);
    }
    frames.files++;
    frames.bytes += row.size;
    const kept = this.limits.framesKept;
    if (row.size === 0) {
      frames.zero.count++;
      if (frames.zero.frames.length < kept) frames.zero.frames.push(frame);
    }
    const outs = mixedOuts(row);
    const key = outs ? `${row.status}|${outs.map((out) => out.status).join('|')}` : row.status;
    let byStatus = frames.statuses.get(key);
    if (byStatus === undefined) {
      byStatus = { status: row.status, count: 0, frames: [] };
      if (outs) byStatus.outs = outs.map((out) => out.status);
      frames.statuses.set(key, byStatus);
    }
    byStatus.count++;
    if (byStatus.frames.length < kept) byStatus.frames.push(frame);

    const { runs, pending } = frames;
    const n = runs.length;
    // In order (the usual case): extend the last run, or start a new one after it.
    if (pending.length === 0 && (n === 0 || frame > (runs[n - 1] as number))) {
      if (n > 0 && frame === (runs[n - 1] as number) + 1) runs[n - 1] = frame;
      else {
        runs.push(frame, frame);
        this.runNumbers += 2;
      }
    } else {
      pending.push(frame);
      this.runNumbers++;
      // Merging costs the runs' length: wait until as many frames are pending, so it stays O(n log n).
      if (pending.length >= Math.max(1024, n)) this.compact(frames);
    }
    if (this.runNumbers > this.limits.runNumbers) this.overflow(bucket);
  }

  private compact(frames: ShapeFrames): void {
    if (frames.pending.length === 0) return;
    const before = frames.runs.length + frames.pending.length;
    frames.pending.sort((a, b) => a - b);
    frames.runs = mergeRuns(frames.runs, singleRuns(frames.pending));
    frames.pending = [];
    this.runNumbers += frames.runs.length - before;
  }

  /** A bucket too scattered for the budget: forget its frames, keep counting its files. */
  private overflow(bucket: Bucket): void {
    for (const frames of bucket.shapes.values())
      this.runNumbers -= frames.runs.length + frames.pending.length;
    bucket.shapes.clear();
    bucket.overflow = true;
  }

  /** The summary: folders by path, each with its sequences by pattern and its other files by name. */
  finish(): TreeSummary {
    const folders: FolderSummary[] = [];
    for (const folder of this.folders.values()) {
      const sequences: SequenceSummary[] = [];
      const unlisted: UnlistedGroup[] = [];
      const loose = folder.loose;
      let looseCount = folder.looseCount;
      for (const bucket of folder.buckets.values()) {
        if (bucket.overflow) {
          unlisted.push({
            name: `${bucket.prefix}…${bucket.suffix}`,
            files: bucket.files,
            bytes: bucket.bytes,
          });
          continue;
        }
        for (const frames of bucket.shapes.values()) this.compact(frames);
        const { sequences: found, singles } = bucketSequences(bucket, this.limits.framesKept);
        sequences.push(...found);
        looseCount += singles.length;
        // Lone frames are listed too, so a folder of differently named files reads as it is.
        for (const single of singles) loose.push(single);
      }
      // The order of sequences.ts: by prefix, suffix, then padding.
      sequences.sort(
        (a, b) => compareText(a.prefix, b.prefix) || compareText(a.suffix, b.suffix) || a.padding - b.padding,
      );
      loose.sort((a, b) => compareText(a.name, b.name));
      unlisted.sort((a, b) => compareText(a.name, b.name));
      folders.push({
        path: folder.path,
        tally: folder.tally,
        sequences,
        unlisted_groups: unlisted,
        loose,
        loose_count: looseCount,
      });
    }
    folders.sort((a, b) => compareText(a.path, b.path));
    return { folders, untracked: this.untracked, total: this.total, destinations: this.destinations };
  }
}

/** The row's outcomes per destination, when they are not all its overall status. */
function mixedOuts(row: HandoverRow): HandoverOut[] | null {
  const outs = row.outs;
  if (outs === undefined || outs.length < 2) return null;
  for (const out of outs) if (out.status !== row.status || out.cause !== undefined) return outs;
  return null;
}

function looseFile(row: HandoverRow, name: string): LooseFile {
  const file: LooseFile = { name, size: row.size, status: row.status };
  const renamed = row.destination;
  if (renamed !== undefined && renamed !== row.path)
    file.renamed = renamed.slice(renamed.lastIndexOf('/') + 1);
  const outs = mixedOuts(row);
  if (outs) file.outs = outs;
  const cause = row.cause ?? (row.outs?.length === 1 ? row.outs[0]?.cause : undefined);
  if (cause !== undefined) file.cause = cause;
  return file;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorted frames → runs of one frame each (repeats dropped by the merge). */
function singleRuns(sorted: readonly number[]): number[] {
  const out: number[] = [];
  for (const frame of sorted) out.push(frame, frame);
  return out;
}

/** Union of two run lists, coalescing overlapping and adjacent runs. */
export function mergeRuns(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  const put = (first: number, last: number): void => {
    const n = out.length;
    if (n > 0 && first <= (out[n - 1] as number) + 1) {
      if (last > (out[n - 1] as number)) out[n - 1] = last;
    } else out.push(first, last);
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && (a[i] as number) <= (b[j] as number))) {
      put(a[i] as number, a[i + 1] as number);
      i += 2;
    } else {
      put(b[j] as number, b[j + 1] as number);
      j += 2;
    }
  }
  return out;
}

function gcd(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/** A frame as it is written in a name of this shape. */
function frameText(frame: number, shape: number): string {
  if ((shape & 1) === 0) return String(frame);
  const width = shape >> 1;
  return frame < 0 ? `-${String(-frame).padStart(width - 1, '0')}` : String(frame).padStart(width, '0');
}

/**
 * One bucket's sequences and lone frames, grouped as sequences.ts's buildSequences does: frames all written
 * alike form one group; otherwise each zero-filled width is a group, unpadded frames join the largest
 * zero-filled width not above their own, and the rest form one group padded to the smallest of their widths.
 * A group of fewer than two frames is not a sequence.
 */
function bucketSequences(
  bucket: Bucket,
  kept: number,
): { sequences: SequenceSummary[]; singles: LooseFile[] } {
  const groups: { padding: number; shapes: number[] }[] = [];
  const shapes = [...bucket.shapes.keys()];
  if (shapes.length === 1) groups.push({ padding: (shapes[0] as number) >> 1, shapes });
  else {
    const zeroFilled = shapes.filter((shape) => (shape & 1) === 1);
    for (const shape of zeroFilled) groups.push({ padding: shape >> 1, shapes: [shape] });
    const loose: number[] = [];
    let looseWidth = Infinity;
    for (const shape of shapes) {
      if ((shape & 1) === 1) continue;
      const width = shape >> 1;
      let best: (typeof groups)[number] | undefined;
      for (const group of groups)
        if (group.padding <= width && (!best || group.padding > best.padding)) best = group;
      if (best) best.shapes.push(shape);
      else {
        loose.push(shape);
        looseWidth = Math.min(looseWidth, width);
      }
    }
    if (loose.length > 0) groups.push({ padding: looseWidth, shapes: loose });
  }

  const sequences: SequenceSummary[] = [];
  const singles: LooseFile[] = [];
  for (const group of groups) {
    const members = group.shapes.map((shape) => bucket.shapes.get(shape) as ShapeFrames);
    let runs: number[] = [];
    for (const frames of members) runs = runs.length === 0 ? frames.runs : mergeRuns(runs, frames.runs);
    let count = 0;
    for (let k = 0; k < runs.length; k += 2) count += (runs[k + 1] as number) - (runs[k] as number) + 1;
    if (count < 2) {
      for (const [k, frames] of members.entries()) {
        const shape = group.shapes[k] as number;
        for (let r = 0; r < frames.runs.length; r += 2) {
          const frame = frames.runs[r] as number;
          singles.push(
            frames.files === 1
              ? frames.first
              : {
                  name: `${bucket.prefix}${frameText(frame, shape)}${bucket.suffix}`,
                  size: frames.bytes,
                  status: frames.first.status,
                },
          );
        }
      }
      continue;
    }
    sequences.push(sequenceOf(bucket, group.padding, runs, count, members, kept));
  }
  return { sequences, singles };
}

function sequenceOf(
  bucket: Bucket,
  padding: number,
  runs: readonly number[],
  count: number,
  members: readonly ShapeFrames[],
  kept: number,
): SequenceSummary {
  const first = runs[0] as number;
  const last = runs[runs.length - 1] as number;
  // As in sequences.ts: a regular stride is the sequence's step when at least half the frames on it exist.
  let step = 1;
  if (count >= 3 && last - first !== count - 1) {
    step = 0;
    for (let k = 0; k < runs.length && step !== 1; k += 2) {
      if ((runs[k + 1] as number) > (runs[k] as number)) step = 1;
      else step = gcd((runs[k] as number) - first, step);
    }
    if ((count - 1) * 2 < (last - first) / step) step = 1;
  }
  const framesText = new FrameSetWriter();
  for (let k = 0; k < runs.length; k += 2)
    framesText.pushRun(runs[k] as number, 1, (runs[k + 1] as number) - (runs[k] as number) + 1);
  const missingText = new FrameSetWriter();
  let missingCount = 0;
  if (last - first !== (count - 1) * step) {
    for (let k = 2; k < runs.length; k += 2) {
      const prev = runs[k - 1] as number;
      const absent = ((runs[k] as number) - prev) / step - 1;
      if (absent > 0) {
        missingText.pushRun(prev + step, step, absent);
        missingCount += absent;
      }
    }
  }
  let bytes = 0;
  const zero: FrameStatus = { status: 'zero', count: 0, frames: [] };
  const statuses = new Map<string, FrameStatus>();
  for (const frames of members) {
    bytes += frames.bytes;
    zero.count += frames.zero.count;
    zero.frames.push(...frames.zero.frames);
    for (const [key, entry] of frames.statuses) {
      const into = statuses.get(key);
      if (into) {
        into.count += entry.count;
        into.frames.push(...entry.frames);
      } else statuses.set(key, { ...entry, frames: [...entry.frames] });
    }
  }
  const keep = (entry: FrameStatus): FrameStatus => {
    entry.frames.sort((a, b) => a - b);
    if (entry.frames.length > kept) entry.frames.length = kept;
    return entry;
  };
  return {
    prefix: bucket.prefix,
    suffix: bucket.suffix,
    pattern: displayPattern(bucket.prefix, padding, bucket.suffix),
    padding,
    first,
    last,
    step,
    count,
    frames: framesText.finish(),
    missing: missingText.finish(),
    missing_count: missingCount,
    bytes,
    zero_byte: keep(zero),
    statuses: [...statuses.values()].map(keep).sort((a, b) => b.count - a.count),
  };
}

/** "1050, 1077" / "1010–1019, 1050" from compact notation, at most `chunks` chunks then "…". */
export function framesForReading(compact: string, chunks = 12): string {
  if (compact === '') return '';
  const parts = compact.split(',');
  const shown = parts.slice(0, chunks).map((part) => {
    const match = /^(-?\d+)-(-?\d+)(?:x(\d+))?$/.exec(part);
    if (!match) return part;
    return `${match[1]}–${match[2]}${match[3] ? ` every ${match[3]}` : ''}`;
  });
  return parts.length > chunks ? `${shown.join(', ')}, …` : shown.join(', ');
}

/** A few frames, for reading: "1003, 1004–1006". */
export function frameListForReading(frames: readonly number[]): string {
  return framesForReading(formatFrameSet(frames), frames.length);
}
