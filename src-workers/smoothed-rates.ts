/** Per-second rates of growing counters, smoothed over time so one slow file or folder does not swing an ETA. */

/** Exponentially smoothed rates of several counters, weighted by the time between updates. */
export class SmoothedRates<K extends string> {
  private lastAt: number;
  private readonly startedAt: number;
  private updates = 0;
  private readonly last = new Map<K, number>();
  private readonly rates = new Map<K, number>();
  private started = false;

  constructor(
    private readonly tauMs: number,
    startedAt: number,
  ) {
    this.lastAt = startedAt;
    this.startedAt = startedAt;
  }

  /** Take the counters' values at `now`. The first update sets the rates outright. */
  update(values: Readonly<Record<K, number>>, now: number): void {
    const dt = now - this.lastAt;
    if (dt <= 0) return;
    const alpha = this.started ? 1 - Math.exp(-dt / this.tauMs) : 1;
    for (const key of Object.keys(values) as K[]) {
      const value = values[key];
      const perSecond = ((value - (this.last.get(key) ?? 0)) / dt) * 1000;
      const rate = this.rates.get(key) ?? 0;
      this.rates.set(key, rate + alpha * (perSecond - rate));
      this.last.set(key, value);
    }
    this.started = true;
    this.lastAt = now;
    this.updates++;
  }

  /**
   * Whether the rates mean something at `now`: `minMs` have passed since the start and more than one update
   * was smoothed. Before that a rate is one sample over a few milliseconds ("1 files/s · 491.6 MB/s").
   */
  settled(now: number, minMs: number): boolean {
    return now - this.startedAt >= minMs && this.updates >= 2;
  }

  /** The smoothed rate of `key`, per second (0 before any update). */
  rate(key: K): number {
    return this.rates.get(key) ?? 0;
  }
}
