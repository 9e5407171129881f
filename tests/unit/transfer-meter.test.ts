/** The transfer meter's rates: bytes written, and bytes read back while a verified copy checks its copies. */
import { describe, expect, it } from 'vitest';
import { TransferMeter, freshCounters } from '../../src-workers/transfer/transfer-meter';

const MB = 1_000_000;

describe('TransferMeter rates', () => {
  it('says how fast the copies are read back while verifying, apart from the bytes written', () => {
    const meter = new TransferMeter(0);
    const counters = { ...freshCounters(), filesTotal: 1, bytesTotal: 2000 * MB, checkFactor: 2 };
    // Copying: 2 GB written in 10 s, nothing read back yet.
    Object.assign(counters, { bytes: 2000 * MB, written: 2000 * MB, files: 1 });
    meter.snapshot('copying', counters, 10_000);
    // Verifying: nothing more written, both copies read back at 200 MB/s for 20 s (the rates settle in ~2 s).
    let last = meter.snapshot('verifying', counters, 10_000);
    for (let t = 1; t <= 20; t++) {
      counters.checked = 200 * MB * t;
      last = meter.snapshot('verifying', counters, 10_000 + t * 1000);
    }
    const rate = last.rate!;
    expect(rate.read_back_bytes_per_second).toBeCloseTo(200 * MB, -6);
    expect(rate.bytes_per_second).toBeLessThan(1 * MB);
    expect(rate.bytes_per_second).toBeLessThan(rate.read_back_bytes_per_second!);
  });

  it('sends no read-back rate for a copy that is not verified', () => {
    const meter = new TransferMeter(0);
    const counters = { ...freshCounters(), filesTotal: 1, bytesTotal: 10 * MB };
    Object.assign(counters, { bytes: 5 * MB, written: 5 * MB, checkFactor: 0 });
    const snapshot = meter.snapshot('copying', counters, 1000);
    expect(snapshot.rate).toEqual({ files_per_second: expect.any(Number), bytes_per_second: 5 * MB });
  });
});
