/**
 * Frames for people, the one way the CLI and the app write them: single frames listed (`1003, 1020, 1037`),
 * runs of consecutive frames as ranges (`1003-1010`). fileseq's stepped chunk (`1003-1054x17`, kept in the
 * JSON's `frames` and `missing`) is never shown as is: its frames are listed, or, when too many to list, it is
 * said in words (`every 17th frame from 1003 to 2003`).
 */
import { formatCount } from './format';
import { FRAME_SET_CHUNK, formatFrameSet, parseFrameSet } from './frame-set';

/** Frames `first, first + step, …, last`: `count` of them. */
interface FrameRun {
  first: number;
  last: number;
  step: number;
  count: number;
}

/** The runs of compact text as our writers produce it (`N`, `A-B`, `A-BxS`, ascending); null for other forms. */
function plainRuns(compact: string): FrameRun[] | null {
  const runs: FrameRun[] = [];
  for (const chunk of compact.split(',')) {
    const match = FRAME_SET_CHUNK.exec(chunk.trim());
    if (!match || (match[3] !== undefined && match[3] !== 'x')) return null;
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    const step = match[4] === undefined ? 1 : Number(match[4]);
    if (last < first || step < 1 || (last - first) % step !== 0) return null;
    runs.push({ first, last, step, count: (last - first) / step + 1 });
  }
  return runs;
}

/** The runs of any compact text (other forms are expanded and rewritten); null when it cannot be read. */
function runsOf(compact: string): FrameRun[] | null {
  if (compact.trim() === '') return [];
  const runs = plainRuns(compact);
  if (runs !== null) return runs;
  try {
    return plainRuns(formatFrameSet(parseFrameSet(compact)));
  } catch {
    return null;
  }
}

/** "1st", "2nd", "3rd", "11th", "17th", "22nd". */
function ordinal(n: number): string {
  const tens = n % 100;
  const suffix =
    tens >= 11 && tens <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/** "1001-1240", "-3 to -1" (a hyphen between negative numbers would misread), or the one frame. */
export function frameRangeText(first: number, last: number): string {
  if (first === last) return String(first);
  return first < 0 || last < 0 ? `${first} to ${last}` : `${first}-${last}`;
}

/** How many frames compact text holds, without listing them; 0 when it cannot be read. */
export function frameSetCount(compact: string): number {
  return (runsOf(compact) ?? []).reduce((sum, run) => sum + run.count, 0);
}

/**
 * Compact text for people: "1003, 1020, 1037", "1003-1010, 1050"; at most `limit` items (a range is one),
 * then "…". Text that cannot be read is returned as it is.
 */
export function framesText(compact: string, limit = 10): string {
  const runs = runsOf(compact);
  if (runs === null) return compact;
  const items: string[] = [];
  let cut = false;
  for (const run of runs) {
    if (items.length >= limit) {
      cut = true;
      break;
    }
    if (run.step === 1 || run.count === 1) items.push(frameRangeText(run.first, run.last));
    else if (run.count <= limit - items.length) {
      for (let frame = run.first; frame <= run.last; frame += run.step) items.push(String(frame));
    } else items.push(`every ${ordinal(run.step)} frame from ${run.first} to ${run.last}`);
  }
  return cut ? `${items.join(', ')}, …` : items.join(', ');
}

/** Ascending frames for people, as framesText writes them: "1200, 1210-1212". */
export function frameListText(frames: readonly number[], limit = 10): string {
  return framesText(formatFrameSet(frames), limit);
}

/** "4 missing: 1003, 1020, 1037, 1054" from a sequence's `missing`; "" when none are missing. */
export function missingText(missing: string, limit = 5): string {
  if (missing === '') return '';
  return `${formatCount(frameSetCount(missing))} missing: ${framesText(missing, limit)}`;
}
