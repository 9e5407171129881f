/** The scan's percentage estimate: monotonic, capped at 99 until final, history vs tree. */
import { describe, expect, it } from 'vitest';
import { WorkerProgressSchema } from '../../src-shared/jobs';
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

describe('ScanMeter', () => {
  it('uses the tree fraction without history, never falls and never reaches 100 before final', () => {
    const meter = new ScanMeter(null, 0);
    const a = meter.snapshot('walking', counters({ files: 10, dirs: 1, weight: 0.5 }), 100);
    expect(a.estimate).toBe('tree');
    expect(a.percentage).toBe(50);
    // A weight that (by rounding) goes down must not lower the percentage.
    expect(meter.snapshot('walking', counters({ files: 20, dirs: 2, weight: 0.4 }), 200).percentage).toBe(50);
    expect(meter.snapshot('walking', counters({ files: 30, dirs: 3, weight: 1 }), 300).percentage).toBe(99);
    const final = meter.final(counters({ files: 30, dirs: 3, weight: 1 }), 400);
    expect(final.percentage).toBe(100);
    expect(WorkerProgressSchema.parse(final)).toEqual(final);
  });

  it('uses the previous entry count when there is one, capped at 99 when the tree grew', () => {
    const meter = new ScanMeter({ file_count: 90, directory_count: 10 }, 0);
    const a = meter.snapshot('walking', counters({ files: 45, dirs: 5, weight: 0.9 }), 1000);
    expect(a.estimate).toBe('history');
    expect(a.percentage).toBe(50);
    expect(meter.snapshot('walking', counters({ files: 300, dirs: 10 }), 2000).percentage).toBe(99);
  });

  it('smooths rates and gives no ETA too early', () => {
    const meter = new ScanMeter({ file_count: 1000, directory_count: 0 }, 0);
    const early = meter.snapshot('walking', counters({ files: 100, bytes: 1000 }), 100);
    expect(early.eta_ms).toBeNull();
    expect(early.rate.files_per_second).toBe(1000);
    const later = meter.snapshot('walking', counters({ files: 600, bytes: 6000 }), 600);
    expect(later.rate.files_per_second).toBeGreaterThan(0);
    expect(later.eta_ms).toBeGreaterThan(0);
  });
});
