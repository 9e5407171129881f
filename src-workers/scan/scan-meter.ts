/** Turns running scan counters into honest progress snapshots (see docs/progress-estimate.md). */
import type { Phase, WorkerProgress } from '../../src-shared/jobs';
import { SmoothedRates } from '../smoothed-rates';
import { EstimateTrust } from './estimate-trust';

/** Counters the scan keeps up to date as batches arrive. */
export interface ScanCounters {
  files: number;
  dirs: number;
  bytes: number;
  errors: number;
  /** Sum of the tree-fraction weights of finished directories (reaches 1 at the end). */
  weight: number;
  currentFile: string | null;
}

/** Rates are smoothed with this time constant, so one slow directory does not swing the ETA. */
const RATE_TAU_MS = 1500;
/** No ETA before this much time has passed or this much progress was made: it would be noise. */
const ETA_MIN_ELAPSED_MS = 500;
const ETA_MIN_PERCENT = 1;
/** No rate before this much time has passed: the first batches come in bursts. */
const RATE_MIN_ELAPSED_MS = 1000;

/**
 * Builds snapshots; the percentage only rises and stays at most 99 until `final`. Without history it is null
 * (not known yet) until the tree estimate can be trusted, and a number from then on.
 */
export class ScanMeter {
  private percentage: number | null = null;
  private readonly rates: SmoothedRates<'files' | 'bytes' | 'entries'>;
  private readonly trust = new EstimateTrust();

  constructor(
    private readonly previous: { file_count: number; directory_count: number } | null,
    private readonly startedAt: number = Date.now(),
  ) {
    this.rates = new SmoothedRates(RATE_TAU_MS, startedAt);
  }

  /** Which estimate the percentage uses. */
  get estimate(): 'history' | 'tree' {
    return this.previousTotal() > 0 ? 'history' : 'tree';
  }

  /** A snapshot of `counters` at `now`. */
  snapshot(phase: Phase, counters: ScanCounters, now: number = Date.now()): WorkerProgress {
    const entries = counters.files + counters.dirs;
    this.rates.update({ files: counters.files, bytes: counters.bytes, entries }, now);
    const total = this.previousTotal();
    const known = total > 0 || this.trust.observe(entries, counters.dirs, counters.weight, now);
    if (known) {
      const raw = total > 0 ? (entries / total) * 100 : counters.weight * 100;
      // Monotonic and never 100 before the end, whatever the estimate says.
      this.percentage = Math.min(99, Math.max(this.percentage ?? 0, Math.floor(raw * 10) / 10));
    }
    return {
      phase,
      files_processed: counters.files,
      dirs_processed: counters.dirs,
      bytes_processed: counters.bytes,
      errors_count: counters.errors,
      current_file: counters.currentFile,
      percentage: this.percentage,
      estimate: this.estimate,
      files_total: null,
      bytes_total: null,
      rate: this.rates.settled(now, RATE_MIN_ELAPSED_MS)
        ? {
            files_per_second: round(this.rates.rate('files')),
            bytes_per_second: round(this.rates.rate('bytes')),
          }
        : null,
      eta_ms: this.eta(entries, total, now),
      emitted_at: now,
    };
  }

  /** The snapshot that goes with the completed outcome: 100%, nothing left. */
  final(counters: ScanCounters, now: number = Date.now()): WorkerProgress {
    const last = this.snapshot('done', counters, now);
    return { ...last, percentage: 100, eta_ms: 0 };
  }

  private previousTotal(): number {
    return this.previous ? this.previous.file_count + this.previous.directory_count : 0;
  }

  private eta(entries: number, total: number, now: number): number | null {
    const elapsed = now - this.startedAt;
    const percentage = this.percentage;
    if (elapsed < ETA_MIN_ELAPSED_MS || percentage === null || percentage < ETA_MIN_PERCENT) return null;
    if (total > 0) {
      // Past the previous size the history says nothing more about what is left.
      // The time left is only as good as the rate it divides by.
      const entriesRate = this.rates.settled(now, RATE_MIN_ELAPSED_MS) ? this.rates.rate('entries') : 0;
      if (entries >= total || entriesRate <= 0) return null;
      return Math.round(((total - entries) / entriesRate) * 1000);
    }
    return Math.round((elapsed * (100 - percentage)) / percentage);
  }
}

function round(value: number): number {
  return Math.max(0, Math.round(value));
}
