/**
 * The frame strip of a sequence, as pure data: one cell per frame from first to last on the sequence's step,
 * or, when there are more frames than cells, several frames per cell with the worst state winning
 * (missing > zero-byte > small > ok). Only the problem frames are visited, so a 10k-frame sequence with a few
 * problems costs a few binary searches, not a pass over every frame.
 */
import { formatCount } from '../../../../src-shared/format';
import { frameListText, frameRangeText } from '../../../../src-shared/frame-text';
import type { FrameStatus, SequenceFrames } from './sequence-model';

/** States by rank: a cell shows the highest rank among its frames. */
export const STATUS_BY_RANK: readonly FrameStatus[] = ['ok', 'small', 'zero', 'missing'];
const RANK: Record<FrameStatus, number> = { ok: 0, small: 1, zero: 2, missing: 3 };

/** The rank of a state: worse is higher. */
export function statusRank(status: FrameStatus): number {
  return RANK[status];
}

/** Index of `frame` in ascending `frames`, or -1. */
export function slotOf(frames: readonly number[], frame: number): number {
  let lo = 0;
  let hi = frames.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const value = frames[mid] as number;
    if (value === frame) return mid;
    if (value < frame) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** How many cells `slots` frames take in at most `maxCells`: one per frame while they fit. */
export function cellCount(slots: number, maxCells: number): number {
  return Math.max(0, Math.min(slots, Math.floor(maxCells)));
}

/** The cell of slot `slot` when `slots` frames share `cells` cells. */
export function cellOfSlot(slot: number, slots: number, cells: number): number {
  return Math.min(cells - 1, Math.floor((slot * cells) / slots));
}

/** The slots of cell `cell`: [start, end), the inverse of cellOfSlot. */
export function slotsOfCell(cell: number, slots: number, cells: number): { start: number; end: number } {
  const start = Math.ceil((cell * slots) / cells);
  const end = Math.ceil(((cell + 1) * slots) / cells);
  return { start, end: Math.max(start + 1, Math.min(slots, end)) };
}

/** The rank of each cell (see STATUS_BY_RANK) when `frames` is drawn in at most `maxCells` cells. */
export function stripRanks(frames: SequenceFrames, maxCells: number): Uint8Array {
  const slots = frames.frames.length;
  const cells = cellCount(slots, maxCells);
  const ranks = new Uint8Array(cells);
  if (cells === 0) return ranks;
  const mark = (set: ReadonlySet<number>, rank: number): void => {
    for (const frame of set) {
      const slot = slotOf(frames.frames, frame);
      if (slot < 0) continue;
      const cell = cellOfSlot(slot, slots, cells);
      if ((ranks[cell] as number) < rank) ranks[cell] = rank;
    }
  };
  mark(frames.small, RANK.small);
  mark(frames.zero, RANK.zero);
  mark(frames.missing, RANK.missing);
  return ranks;
}

/** A run of neighbouring cells of one rank: [start, end). */
export interface StripRun {
  start: number;
  end: number;
  rank: number;
}

/** Neighbouring cells of one rank merged, left to right (what a canvas fills with one rectangle each). */
export function stripRuns(ranks: Uint8Array): StripRun[] {
  const runs: StripRun[] = [];
  let start = 0;
  for (let cell = 1; cell <= ranks.length; cell++) {
    if (cell === ranks.length || ranks[cell] !== ranks[start]) {
      runs.push({ start, end: cell, rank: ranks[start] as number });
      start = cell;
    }
  }
  return runs;
}

/** The problem frames of slots [start, end), by kind, ascending. */
export interface CellFrames {
  first: number;
  last: number;
  count: number;
  missing: number[];
  zero: number[];
  small: number[];
}

/** What one cell holds: its frames and which of them are missing, zero-byte or small. */
export function cellFrames(frames: SequenceFrames, cell: number, cells: number): CellFrames {
  const slots = frames.frames.length;
  const { start, end } = slotsOfCell(cell, slots, cells);
  const out: CellFrames = {
    first: frames.frames[start] as number,
    last: frames.frames[end - 1] as number,
    count: end - start,
    missing: [],
    zero: [],
    small: [],
  };
  for (let slot = start; slot < end; slot++) {
    const frame = frames.frames[slot] as number;
    if (frames.missing.has(frame)) out.missing.push(frame);
    else if (frames.zero.has(frame)) out.zero.push(frame);
    else if (frames.small.has(frame)) out.small.push(frame);
  }
  return out;
}

/**
 * The last frames that are all zero-byte or small (a render that stopped writing: placeholders or half-written
 * frames at the end), as "1071-1100"; null when the last frame is fine. Missing frames cannot end a sequence.
 */
export function truncatedTail(frames: SequenceFrames): { count: number; text: string } | null {
  const list = frames.frames;
  let slot = list.length;
  const bad = (frame: number): boolean => frames.zero.has(frame) || frames.small.has(frame);
  while (slot > 0 && bad(list[slot - 1] as number)) slot--;
  // A sequence that is bad all through is not cut short: it has no good part to be cut from.
  if (slot === list.length || slot === 0) return null;
  const count = list.length - slot;
  return { count, text: frameRangeText(list[slot] as number, list[list.length - 1] as number) };
}

/** "2 missing (1107, 1188)": how many, and the first few of them. */
function listed(frames: readonly number[], noun: string, limit: number): string {
  return `${formatCount(frames.length)} ${noun} (${frameListText(frames, limit)})`;
}

/**
 * What the strip shows, in words (its aria-label): "Frames 1001-1240: 2 missing (1107, 1188), 1 zero-byte
 * (1200), 1 small (1210)", and whether it ends in a run of bad frames.
 */
export function stripLabel(first: number, last: number, frames: SequenceFrames, limit = 5): string {
  const parts: string[] = [];
  // The sets were filled in ascending order (sequenceFrames), and a Set keeps it.
  if (frames.missing.size > 0) parts.push(listed([...frames.missing], 'missing', limit));
  if (frames.zero.size > 0) parts.push(listed([...frames.zero], 'zero-byte', limit));
  if (frames.small.size > 0) parts.push(listed([...frames.small], 'small', limit));
  const range = `Frames ${frameRangeText(first, last)}`;
  if (parts.length === 0) return `${range}: all ${formatCount(frames.frames.length)} present`;
  const tail = truncatedTail(frames);
  const ending = tail
    ? `; the last ${tail.count === 1 ? 'frame' : `${formatCount(tail.count)} frames`} (${tail.text}) ${tail.count === 1 ? 'is' : 'are'} zero-byte or small`
    : '';
  return `${range}: ${parts.join(', ')}${ending}`;
}

const STATE_WORDS: Record<FrameStatus, string> = {
  ok: 'present',
  missing: 'missing',
  zero: 'zero-byte',
  small: 'suspiciously small',
};

/**
 * The tooltip of one cell: "Frame 1107: missing", "Frame 1106: 8.0 KB" (its size once known), or for a cell
 * of several frames "Frames 1100-1149: 1 missing (1107)".
 */
export function cellText(cell: CellFrames, sizeText: (frame: number) => string | null): string {
  if (cell.count === 1) {
    const frame = cell.first;
    const status: FrameStatus =
      cell.missing.length > 0
        ? 'missing'
        : cell.zero.length > 0
          ? 'zero'
          : cell.small.length > 0
            ? 'small'
            : 'ok';
    const size = status === 'missing' ? null : sizeText(frame);
    const words =
      status === 'ok'
        ? (size ?? STATE_WORDS.ok)
        : size
          ? `${STATE_WORDS[status]}, ${size}`
          : STATE_WORDS[status];
    return `Frame ${frame}: ${words}`;
  }
  const parts: string[] = [];
  if (cell.missing.length > 0) parts.push(listed(cell.missing, 'missing', 3));
  if (cell.zero.length > 0) parts.push(listed(cell.zero, 'zero-byte', 3));
  if (cell.small.length > 0) parts.push(listed(cell.small, 'small', 3));
  const range = `Frames ${frameRangeText(cell.first, cell.last)}`;
  return `${range}: ${parts.length > 0 ? parts.join(', ') : `all ${formatCount(cell.count)} present`}`;
}
