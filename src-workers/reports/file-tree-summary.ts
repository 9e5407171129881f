/**
 * The files of a report, summed up as rows stream past: per folder, its image sequences as frame ranges with
 * their gaps, and its other files. Memory follows the number of folders and sequences (and gaps), not files:
 * a sequence keeps its frames as sorted runs (`1001-1049, 1051-1076, 1078-1100`), and every list is capped.
 *
 * Grouping follows src-shared/sequences.ts exactly (same frame parsing, the frame rules with the default
 * sequence extensions, buckets by prefix and suffix, padding rules, step and missing frames):
 * tests/unit/handover-sequences.test.ts holds the two together. It does not look for suspiciously small
 * frames (that needs every size); it does list empty (zero-byte) frames.
 *
 * This module sums the rows up. The summary's shape is file-tree-types.ts; the tallies, status-tally.ts; a
 * folder's frames as they come, file-tree-buckets.ts; its buckets made into sequences, file-tree-sequences.ts.
 */
import { scanFrame, scanned } from '../../src-shared/frame-name';
import { DEFAULT_FRAME_RULES, frameAllowed } from '../../src-shared/frame-rules';
import { Bucket, FolderState, mergeRuns, ShapeFrames, singleRuns } from './file-tree-buckets';
import { bucketSequences } from './file-tree-sequences';
import type {
  FolderSummary,
  LooseFile,
  SequenceSummary,
  TreeSummary,
  UnlistedGroup,
} from './file-tree-types';
import type { HandoverOut, HandoverRow } from './model';
import { StatusTally } from './status-tally';

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
    if (scanFrame(name) && frameAllowed(name, DEFAULT_FRAME_RULES)) {
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
