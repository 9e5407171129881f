/** The scan's percentage estimate: monotonic, capped at 99 until final, history vs tree, and when it is known. */
import { describe, expect, it } from 'vitest';
import { WorkerProgressSchema } from '../../src-shared/jobs';
import { TRUST_MIN_DIRS, TRUST_WINDOW_MS } from '../../src-workers/scan/estimate-trust';
import { ScanMeter, type ScanCounters } from '../../src-workers/scan/scan-meter';

const counters = (over: Partial<ScanCounters>): ScanCounters => ({
  files: 0,
  dirs: 0,
  bytes: 0,
  errors: 0,
  weight: 0,
  currentFile: null,
  ...over,
});

/** A tree whose listed folders say it holds about 10 entries per 1% of weight: a steady estimate. */
const steady = (dirs: number, weight: number): Partial<ScanCounters> => ({
  dirs,
  files: Math.round(weight * 1000) - dirs,
  weight,
});

describe('ScanMeter', () => {
  it('has no percentage on a first scan until the tree estimate can be trusted, then only rises', () => {
    const meter = new ScanMeter(null, 0);
    // Two files and a few folders: the "55% after 2 files" is now "not known yet".
    const early = meter.snapshot('walking', counters({ files: 2, dirs: 3, weight: 0.55 }), 100);
    expect(early.estimate).toBe('tree');
    expect(early.percentage).toBeNull();
    expect(early.eta_ms).toBeNull();
    expect(WorkerProgressSchema.parse(early)).toEqual(early);
    // Steady from here on, with enough folders listed; trusted only once the early sample left the window.
    let at = 200;
    let weight = 0.3;
    let last: number | null = null;
    for (; at <= 200 + TRUST_WINDOW_MS + 200; at += 100, weight += 0.01) {
      const snapshot = meter.snapshot('walking', counters(steady(TRUST_MIN_DIRS + at / 10, weight)), at);
      if (last !== null) expect(snapshot.percentage).not.toBeNull();
      if (snapshot.percentage !== null) {
        expect(snapshot.percentage).toBeGreaterThanOrEqual(last ?? 0);
        last = snapshot.percentage;
      }
    }
    expect(last).not.toBeNull();
    // A weight that (by rounding) goes down must not lower the percentage.
    const before = last as number;
    expect(meter.snapshot('walking', counters(steady(500, 0.2)), at).percentage).toBe(before);
    expect(meter.snapshot('walking', counters(steady(600, 1)), at + 100).percentage).toBe(99);
    const final = meter.final(counters(steady(600, 1)), at + 200);
    expect(final.percentage).toBe(100);
    expect(WorkerProgressSchema.parse(final)).toEqual(final);
  });

  it('stays not known on a tree too small to judge, and completes at 100', () => {
    const meter = new ScanMeter(null, 0);
    for (let at = 100; at <= 5000; at += 100) {
      expect(meter.snapshot('walking', counters(steady(5, 0.5)), at).percentage).toBeNull();
    }
    expect(meter.final(counters(steady(5, 1)), 5100).percentage).toBe(100);
  });

  it('uses the previous entry count when there is one, from the first snapshot, capped at 99 when the tree grew', () => {
    const meter = new ScanMeter({ file_count: 90, directory_count: 10 }, 0);
    const a = meter.snapshot('walking', counters({ files: 45, dirs: 5, weight: 0.9 }), 100);
    expect(a.estimate).toBe('history');
    expect(a.percentage).toBe(50);
    expect(meter.snapshot('walking', counters({ files: 300, dirs: 10 }), 2000).percentage).toBe(99);
  });

  it('gives no rate before a second has passed, then a smoothed one; no ETA too early', () => {
    const meter = new ScanMeter({ file_count: 10_000, directory_count: 0 }, 0);
    const early = meter.snapshot('walking', counters({ files: 1, bytes: 491_600_000 }), 50);
    expect(early.rate).toBeNull();
    expect(early.eta_ms).toBeNull();
    expect(meter.snapshot('walking', counters({ files: 600, bytes: 6000 }), 600).rate).toBeNull();
    const later = meter.snapshot('walking', counters({ files: 1100, bytes: 11_000 }), 1100);
    expect(later.rate?.files_per_second).toBeGreaterThan(0);
    expect(later.eta_ms).toBeGreaterThan(0);
  });
});
