/**
 * When a first scan's tree estimate can be trusted (docs/progress-estimate.md): enough folders listed, and the
 * total the estimate implies has held steady for a while. Until then the scan's percentage is null.
 */

/** At least this many folders listed: the first few folders' shares say little about the rest. */
export const TRUST_MIN_DIRS = 50;
/** The implied total must have held steady for this long… */
export const TRUST_WINDOW_MS = 2000;
/** …within this share of its latest value (max − min over the window). */
export const TRUST_MAX_SPREAD = 0.2;

interface Sample {
  at: number;
  impliedTotal: number;
}

/** Watches the tree estimate; once it says trusted it stays trusted, so the bar never goes back. */
export class EstimateTrust {
  private readonly samples: Sample[] = [];
  private isTrusted = false;

  /** Take the counts at `now`; `weight` is the tree fraction done (0..1). Returns whether it is trusted. */
  observe(entries: number, dirs: number, weight: number, now: number): boolean {
    if (this.isTrusted) return true;
    if (weight <= 0) return false;
    // What the whole tree would hold if the rest looks like what was listed so far.
    this.samples.push({ at: now, impliedTotal: entries / weight });
    // Keep one sample at or before the window's start, so the window is known to be covered.
    while (this.samples.length > 1 && (this.samples[1] as Sample).at <= now - TRUST_WINDOW_MS) {
      this.samples.shift();
    }
    const oldest = this.samples[0] as Sample;
    if (dirs < TRUST_MIN_DIRS || now - oldest.at < TRUST_WINDOW_MS) return false;
    const totals = this.samples.map((sample) => sample.impliedTotal);
    const latest = totals[totals.length - 1] as number;
    const spread = (Math.max(...totals) - Math.min(...totals)) / latest;
    this.isTrusted = spread <= TRUST_MAX_SPREAD;
    return this.isTrusted;
  }
}
