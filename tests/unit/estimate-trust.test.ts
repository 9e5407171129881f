/** The rule for when a first scan's tree estimate can be trusted (docs/progress-estimate.md). */
import { describe, expect, it } from 'vitest';
import {
  EstimateTrust,
  TRUST_MAX_SPREAD,
  TRUST_MIN_DIRS,
  TRUST_WINDOW_MS,
} from '../../src-workers/scan/estimate-trust';

/** Feed `trust` a sample every 100 ms from `from` to `to`, implying `total` entries; the last answer. */
function feed(
  trust: EstimateTrust,
  from: number,
  to: number,
  dirs: number,
  total: (at: number) => number,
): boolean {
  let answer = false;
  for (let at = from; at <= to; at += 100) {
    const weight = 0.1 + at / 100_000;
    answer = trust.observe(total(at) * weight, dirs, weight, at);
  }
  return answer;
}

describe('EstimateTrust', () => {
  it('trusts a steady estimate only once it held for the whole window', () => {
    const trust = new EstimateTrust();
    expect(feed(trust, 0, TRUST_WINDOW_MS - 100, TRUST_MIN_DIRS, () => 10_000)).toBe(false);
    expect(feed(trust, TRUST_WINDOW_MS, TRUST_WINDOW_MS, TRUST_MIN_DIRS, () => 10_000)).toBe(true);
  });

  it('needs enough folders listed, however steady', () => {
    const trust = new EstimateTrust();
    expect(feed(trust, 0, 10_000, TRUST_MIN_DIRS - 1, () => 10_000)).toBe(false);
    expect(feed(trust, 10_100, 10_100, TRUST_MIN_DIRS, () => 10_000)).toBe(true);
  });

  it('waits while the implied total keeps moving, and judges the window from the latest jump on', () => {
    const trust = new EstimateTrust();
    // The implied total doubles every second: never steady.
    expect(feed(trust, 0, 6000, 500, (at) => 1000 * 2 ** (at / 1000))).toBe(false);
    // One jump past the allowed spread restarts the wait for a full window.
    const jump = 6100;
    expect(
      feed(trust, jump, jump + TRUST_WINDOW_MS - 100, 500, () => 64_000 * (1 + TRUST_MAX_SPREAD * 2)),
    ).toBe(false);
    expect(feed(trust, jump + TRUST_WINDOW_MS, jump + TRUST_WINDOW_MS + 100, 500, () => 64_000 * 1.4)).toBe(
      true,
    );
  });

  it('stays trusted once trusted, so the bar never goes back to indeterminate', () => {
    const trust = new EstimateTrust();
    feed(trust, 0, TRUST_WINDOW_MS, TRUST_MIN_DIRS, () => 10_000);
    expect(trust.observe(1, 1, 0.9, TRUST_WINDOW_MS + 100)).toBe(true);
  });

  it('says nothing before any weight is done', () => {
    expect(new EstimateTrust().observe(10, 100, 0, 5000)).toBe(false);
  });
});
