import { describe, expect, it } from 'vitest';
import { FrameSetWriter, formatFrameSet, parseFrameSet } from '../../src-shared/frame-set';

/** Small deterministic PRNG so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('formatFrameSet', () => {
  it('writes ranges, singles and steps like fileseq', () => {
    expect(formatFrameSet([])).toBe('');
    expect(formatFrameSet([7])).toBe('7');
    expect(formatFrameSet([1, 2])).toBe('1-2');
    expect(formatFrameSet([1, 3])).toBe('1,3');
    expect(formatFrameSet([1, 2, 3, 10, 12, 13, 14])).toBe('1-3,10,12-14');
    expect(formatFrameSet([1001, 1004, 1007, 1010])).toBe('1001-1010x3');
    expect(formatFrameSet([1, 3, 5, 7])).toBe('1-7x2');
    expect(formatFrameSet([1, 3, 5, 7, 8, 9, 10])).toBe('1-7x2,8-10');
    expect(formatFrameSet([1, 3, 4, 5])).toBe('1,3-5');
    expect(formatFrameSet(Array.from({ length: 100 }, (_, i) => 1001 + i))).toBe('1001-1100');
  });

  it('writes negative frames', () => {
    expect(formatFrameSet([-3, -2, -1])).toBe('-3--1');
    expect(formatFrameSet([-10, -5, 0, 5, 10])).toBe('-10-10x5');
    expect(formatFrameSet([-1, 0, 1])).toBe('-1-1');
  });

  it('sorts and dedupes unsorted input', () => {
    expect(formatFrameSet([3, 1, 2, 2])).toBe('1-3');
  });

  it('pushRun writes the same text as pushing each frame', () => {
    const rand = rng(7);
    for (let trial = 0; trial < 500; trial++) {
      const runs: [number, number, number][] = [];
      let at = Math.floor(rand() * 20) - 10;
      for (let r = 0; r < 1 + Math.floor(rand() * 5); r++) {
        const step = 1 + Math.floor(rand() * 4);
        const n = 1 + Math.floor(rand() * 6);
        runs.push([at, step, n]);
        at += step * (n - 1) + 1 + Math.floor(rand() * 5);
      }
      const bulk = new FrameSetWriter();
      const single = new FrameSetWriter();
      for (const [first, step, n] of runs) {
        bulk.pushRun(first, step, n);
        for (let i = 0; i < n; i++) single.push(first + i * step);
      }
      expect(bulk.finish()).toBe(single.finish());
    }
  });
});

describe('parseFrameSet', () => {
  it('reads every chunk form', () => {
    expect(parseFrameSet('')).toEqual([]);
    expect(parseFrameSet('5')).toEqual([5]);
    expect(parseFrameSet('1-3,10,12-14')).toEqual([1, 2, 3, 10, 12, 13, 14]);
    expect(parseFrameSet('1001-1010x3')).toEqual([1001, 1004, 1007, 1010]);
    expect(parseFrameSet('1-10x4')).toEqual([1, 5, 9]);
    expect(parseFrameSet('1-10y4')).toEqual([2, 3, 4, 6, 7, 8, 10]);
    expect(parseFrameSet('1-5:2')).toEqual([1, 2, 3, 4, 5]);
    expect(parseFrameSet('10-1x3')).toEqual([1, 4, 7, 10]);
    expect(parseFrameSet('-3--1')).toEqual([-3, -2, -1]);
    expect(parseFrameSet('-10-10x5')).toEqual([-10, -5, 0, 5, 10]);
    expect(parseFrameSet(' 1-2 , 5 ')).toEqual([1, 2, 5]);
    expect(parseFrameSet('3,1,2,3')).toEqual([1, 2, 3]);
  });

  it('rejects what it cannot read', () => {
    expect(() => parseFrameSet('1-')).toThrow(/Invalid frame set/);
    expect(() => parseFrameSet('a')).toThrow(/Invalid frame set/);
    expect(() => parseFrameSet('1,,2')).toThrow(/Invalid frame set/);
    expect(() => parseFrameSet('1-5x0')).toThrow(/step/);
    expect(() => parseFrameSet('0-99999999')).toThrow(/larger/);
  });

  it('round-trips random sets', () => {
    const rand = rng(42);
    for (let trial = 0; trial < 2000; trial++) {
      const set = new Set<number>();
      const size = Math.floor(rand() * 40);
      const base = Math.floor(rand() * 2000) - 1000;
      const span = 1 + Math.floor(rand() * 120);
      // Mix dense runs, strided runs and random frames.
      for (let i = 0; i < size; i++) {
        const mode = rand();
        if (mode < 0.3) {
          const step = 1 + Math.floor(rand() * 4);
          const start = base + Math.floor(rand() * span);
          for (let k = 0; k < 1 + Math.floor(rand() * 8); k++) set.add(start + k * step);
        } else set.add(base + Math.floor(rand() * span));
      }
      const frames = [...set].sort((a, b) => a - b);
      const text = formatFrameSet(frames);
      expect(parseFrameSet(text)).toEqual(frames);
      // Formatting is canonical: the text of the parsed text is the text.
      expect(formatFrameSet(parseFrameSet(text))).toBe(text);
    }
  });
});
