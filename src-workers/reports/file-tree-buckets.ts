/** A folder's frames as rows stream past: buckets by prefix and suffix, their frames kept as sorted runs. */
import type { FrameStatus, LooseFile } from './file-tree-types';
import { StatusTally } from './status-tally';

/** Frames of one shape (width, and whether zero-filled) in one bucket. */
export class ShapeFrames {
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
export class Bucket {
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

export class FolderState {
  readonly tally = new StatusTally();
  readonly buckets = new Map<string, Bucket>();
  readonly loose: LooseFile[] = [];
  looseCount = 0;

  constructor(readonly path: string) {}
}
/** Sorted frames → runs of one frame each (repeats dropped by the merge). */
export function singleRuns(sorted: readonly number[]): number[] {
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
