/** Pure helpers for showing image sequences: frame lists, per-frame status and the labels of a sequence row. */
import { hasProblems, type SequenceEntry } from '../../../../src-shared/jobs';
import { countOf, formatCount } from '../../../../src-shared/format';
import { parseFrameSet } from '../../../../src-shared/frame-set';
import { frameListText, frameRangeText, missingText } from '../../../../src-shared/frame-text';

/** How many missing frames a label lists before "…". */
export const MISSING_LISTED = 5;

/** What one frame of a sequence is. */
export type FrameStatus = 'ok' | 'missing' | 'zero' | 'small';

/** The expanded view of one sequence: every frame row it shows, and what is wrong with each. */
export interface SequenceFrames {
  /** Ascending: the frames that exist and the missing ones. */
  frames: number[];
  missing: ReadonlySet<number>;
  zero: ReadonlySet<number>;
  small: ReadonlySet<number>;
}

function safeParse(text: string): number[] {
  try {
    return parseFrameSet(text);
  } catch {
    return [];
  }
}

const framesCache = new WeakMap<SequenceEntry, SequenceFrames>();

/** The frame rows of `seq` (computed once per sequence object). */
export function sequenceFrames(seq: SequenceEntry): SequenceFrames {
  const cached = framesCache.get(seq);
  if (cached) return cached;
  const present = safeParse(seq.frames);
  const missingList = safeParse(seq.missing);
  let frames = present;
  if (missingList.length > 0) {
    frames = [];
    let i = 0;
    let j = 0;
    while (i < present.length || j < missingList.length) {
      const a = present[i];
      const b = missingList[j];
      if (b === undefined || (a !== undefined && a < b)) {
        frames.push(a as number);
        i++;
      } else if (a === undefined || b < a) {
        frames.push(b);
        j++;
      } else {
        frames.push(a);
        i++;
        j++;
      }
    }
  }
  const result: SequenceFrames = {
    frames,
    missing: new Set(missingList),
    zero: new Set(seq.zero_byte),
    small: new Set(seq.suspect_small),
  };
  framesCache.set(seq, result);
  return result;
}

/** The status of `frame` in `frames`. */
export function frameStatus(frames: SequenceFrames, frame: number): FrameStatus {
  if (frames.missing.has(frame)) return 'missing';
  if (frames.zero.has(frame)) return 'zero';
  if (frames.small.has(frame)) return 'small';
  return 'ok';
}

/** The file name of one frame: the pattern's `####` / `@@@` replaced by the padded frame number. */
export function frameFileName(seq: SequenceEntry, frame: number): string {
  const digits = String(Math.abs(frame)).padStart(Math.max(1, seq.padding - (frame < 0 ? 1 : 0)), '0');
  const text = frame < 0 ? `-${digits}` : digits;
  return seq.pattern.replace(/#+|@+/, text);
}

/** "1001-1240", or the single frame. */
export function rangeLabel(seq: SequenceEntry): string {
  return frameRangeText(seq.first, seq.last);
}

/** "238 frames". */
export function framesLabel(seq: SequenceEntry): string {
  return countOf(seq.count, 'frame');
}

/**
 * "2 missing: 1107, 1188", "12 missing: 1100-1110, 1150", listing at most MISSING_LISTED frames or ranges then
 * "…" (as the CLI writes it: src-shared/frame-text.ts); "" when none are missing.
 */
export function missingLabel(seq: SequenceEntry, listed = MISSING_LISTED): string {
  return missingText(seq.missing, listed);
}

/** "1 zero-byte"; "" when none. */
export function zeroByteLabel(seq: SequenceEntry): string {
  return seq.zero_byte.length > 0 ? `${formatCount(seq.zero_byte.length)} zero-byte` : '';
}

/** "1 suspiciously small" ("1 small" when `short`); "" when none. */
export function suspectSmallLabel(seq: SequenceEntry, short = false): string {
  if (seq.suspect_small.length === 0) return '';
  return `${formatCount(seq.suspect_small.length)} ${short ? 'small' : 'suspiciously small'}`;
}

/** Frames listed in a title: "1107, 1188-1190" (first 20 frames or ranges, then "…"). */
export function frameListTitle(frames: readonly number[], limit = 20): string {
  return frameListText(frames, limit);
}

/** Every problem of a sequence, as short phrases; [] when it has none. */
export function problemLabels(seq: SequenceEntry): string[] {
  if (!hasProblems(seq)) return [];
  return [missingLabel(seq), zeroByteLabel(seq), suspectSmallLabel(seq)].filter((text) => text !== '');
}

/** "renders/beauty" or "." for the root. */
export function folderLabel(seq: SequenceEntry): string {
  return seq.dir === '' ? '.' : seq.dir;
}
