import { describe, expect, it } from 'vitest';
import { SmoothedRates } from '../../src-workers/smoothed-rates';

describe('SmoothedRates', () => {
  it('takes the first rate outright, then moves toward new rates by elapsed time', () => {
    const rates = new SmoothedRates<'files'>(1000, 0);
    expect(rates.rate('files')).toBe(0);
    rates.update({ files: 100 }, 1000); // 100/s
    expect(rates.rate('files')).toBe(100);
    rates.update({ files: 400 }, 2000); // 300/s for one time constant: 63% of the way
    expect(rates.rate('files')).toBeCloseTo(100 + (1 - Math.exp(-1)) * 200, 6);
  });

  it('ignores an update with no time elapsed', () => {
    const rates = new SmoothedRates<'bytes'>(1000, 0);
    rates.update({ bytes: 50 }, 500);
    rates.update({ bytes: 5_000 }, 500);
    expect(rates.rate('bytes')).toBe(100);
  });

  it('is settled only after the minimum time and a second update, so one burst is never shown as a rate', () => {
    const rates = new SmoothedRates<'files'>(1000, 0);
    rates.update({ files: 1 }, 5);
    expect(rates.settled(1500, 1000)).toBe(false); // one sample, however long ago
    rates.update({ files: 2 }, 900);
    expect(rates.settled(900, 1000)).toBe(false); // too early
    expect(rates.settled(1000, 1000)).toBe(true);
  });
});
