/**
 * fileseq's compact frame-set notation: "1001-1100", "1-3,10,12-14", "1001-1010x3".
 *
 * Formatting follows fileseq's greedy `framesToFrameRange`: runs of one stride are gathered left to right;
 * a run of only two frames with a stride other than 1 is written as two single frames ("1,3", never "1-3x2").
 * Negative frames are written as they are: "-3--1", "-10-10x5".
 */

/** Largest frame set parseFrameSet will expand; beyond it the text is rejected rather than filling memory. */
export const MAX_PARSED_FRAMES = 10_000_000;

/**
 * Builds compact notation from ascending frames, fed one at a time or as whole arithmetic runs.
 * Feeding runs gives exactly the text the expanded frames would give, without expanding them.
 */
export class FrameSetWriter {
  private out = '';
  private start = 0;
  private last = 0;
  private stride = 0; // 0: no stride yet
  private count = 0;

  /** Append one frame, larger than every frame before it. */
  push(frame: number): void {
    if (this.count === 0) {
      this.start = frame;
      this.last = frame;
      this.count = 1;
      return;
    }
    if (this.stride === 0) this.stride = frame - this.start;
    const step = frame - this.last;
    if (step === this.stride) {
      this.last = frame;
      this.count++;
    } else if (this.count === 2 && this.stride !== 1) {
      // Two frames with a stride are not worth "a-bxN": keep the first alone, pair the second with this one.
      this.emit(this.start, this.start, 0);
      this.start = this.last;
      this.stride = step;
      this.last = frame;
    } else {
      this.emit(this.start, this.last, this.stride);
      this.start = frame;
      this.last = frame;
      this.stride = 0;
      this.count = 1;
    }
  }

  /** Append `n` frames `first, first + step, …`; the same text as pushing them one by one, in O(1). */
  pushRun(first: number, step: number, n: number): void {
    const head = n < 3 ? n : 3;
    for (let i = 0; i < head; i++) this.push(first + i * step);
    if (n <= 3) return;
    // After three frames of one step, the open chunk has that stride and ends at the third frame.
    this.last = first + (n - 1) * step;
    this.count += n - 3;
  }

  /** The text so far, closing the open chunk; "" for no frames. */
  finish(): string {
    if (this.count === 2 && this.stride !== 1) {
      this.emit(this.start, this.start, 0);
      this.emit(this.last, this.last, 0);
    } else if (this.count > 0) {
      this.emit(this.start, this.last, this.stride);
    }
    this.count = 0;
    this.stride = 0;
    const text = this.out;
    this.out = '';
    return text;
  }

  private emit(first: number, last: number, stride: number): void {
    let part: string;
    if (first === last) part = String(first);
    else if (stride === 1) part = `${first}-${last}`;
    else part = `${first}-${last}x${stride}`;
    this.out = this.out === '' ? part : `${this.out},${part}`;
  }
}

/** Sorted unique frames → compact text ("1-3,10,12-14", "1001-1010x3"); unsorted input is sorted first. */
export function formatFrameSet(frames: readonly number[]): string {
  let sorted = true;
  for (let i = 1; i < frames.length; i++) {
    if (!((frames[i] as number) > (frames[i - 1] as number))) {
      sorted = false;
      break;
    }
  }
  const list = sorted ? frames : [...new Set(frames)].sort((a, b) => a - b);
  const writer = new FrameSetWriter();
  for (const frame of list) writer.push(frame);
  return writer.finish();
}

/** One chunk of the notation: `N`, `A-B`, or `A-B` with `xS`, `yS` or `:S`. */
export const FRAME_SET_CHUNK = /^(-?\d+)(?:-(-?\d+)(?:([xy:])(\d+))?)?$/;

/**
 * Compact text → ascending unique frames. Accepts fileseq's chunk forms: `N`, `A-B`, `A-BxS` (every S-th
 * frame from A), `A-ByS` (the frames of A-B that A-BxS leaves out) and `A-B:S` (as a set, all of A-B).
 * Ranges may run downwards (`10-1x3` = 10,7,4,1). Spaces around chunks are ignored; "" gives [].
 * Throws on anything else, or when the set would exceed MAX_PARSED_FRAMES.
 */
export function parseFrameSet(text: string): number[] {
  const frames = new Set<number>();
  const trimmed = text.trim();
  if (trimmed === '') return [];
  for (const raw of trimmed.split(',')) {
    const chunk = raw.trim();
    const match = FRAME_SET_CHUNK.exec(chunk);
    if (!match) throw new Error(`Invalid frame set "${text}": cannot read "${chunk}"`);
    const a = Number(match[1]);
    if (match[2] === undefined) {
      frames.add(a);
      continue;
    }
    const b = Number(match[2]);
    const kind = match[3] ?? 'x';
    const step = match[4] === undefined ? 1 : Number(match[4]);
    if (step < 1) throw new Error(`Invalid frame set "${text}": step must be at least 1 in "${chunk}"`);
    if (Math.abs(b - a) + 1 + frames.size > MAX_PARSED_FRAMES) {
      throw new Error(`Frame set "${text}" is larger than ${MAX_PARSED_FRAMES} frames`);
    }
    const dir = b >= a ? 1 : -1;
    for (let i = 0, f = a; dir > 0 ? f <= b : f >= b; i++, f += dir) {
      const onStep = i % step === 0;
      if (kind === ':' || (kind === 'x' ? onStep : !onStep)) frames.add(f);
    }
  }
  return [...frames].sort((x, y) => x - y);
}
