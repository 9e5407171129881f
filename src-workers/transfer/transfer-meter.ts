/** Turns transfer counters into progress snapshots: byte-based percentage, smoothed rates, ETA. */
import type { Phase, WorkerProgress } from '../../src-shared/jobs';
import { SmoothedRates } from '../smoothed-rates';

/** Counters the transfer keeps up to date. */
export interface TransferCounters {
  filesTotal: number | null;
  bytesTotal: number | null;
  /** Files and bytes settled or under way: copied, skipped and failed alike (this drives the percentage). */
  files: number;
  bytes: number;
  /** Data bytes actually written: the rate is made of these, so skipped files never inflate it. */
  written: number;
  dirs: number;
  errors: number;
  currentFile: string | null;
  /** Bytes of copies read back so far (verification), settled files' full share included. */
  checked?: number;
  /**
   * How many times each source byte is read back: the number of copies when verifying, else 0. The
   * percentage and the time left count reading back as work, so the bar does not sit at 100% meanwhile.
   */
  checkFactor?: number;
}

/** Counters at the start of a job: nothing counted, totals not known yet. */
export function freshCounters(): TransferCounters {
  return {
    filesTotal: null,
    bytesTotal: null,
    files: 0,
    bytes: 0,
    written: 0,
    dirs: 0,
    errors: 0,
    currentFile: null,
    checked: 0,
    checkFactor: 0,
  };
}

/** Rates are smoothed with this time constant, so one slow file does not swing the ETA. */
const RATE_TAU_MS = 2000;
/** No ETA before this much time has passed: it would be noise. */
const ETA_MIN_ELAPSED_MS = 500;

/** Builds snapshots; the percentage only rises and reaches 100 only in `final`. */
export class TransferMeter {
  private percentage = 0;
  private readonly rates: SmoothedRates<'files' | 'written' | 'work' | 'checked'>;

  constructor(private readonly startedAt: number = Date.now()) {
    this.rates = new SmoothedRates(RATE_TAU_MS, startedAt);
  }

  /** A snapshot of `counters` at `now`. */
  snapshot(
    phase: Phase,
    counters: TransferCounters,
    now: number = Date.now(),
    tally?: WorkerProgress['tally'],
  ): WorkerProgress {
    const counting = phase === 'preparing';
    if (!counting)
      this.rates.update(
        {
          files: counters.files,
          written: counters.written,
          work: counters.written + (counters.checked ?? 0),
          checked: counters.checked ?? 0,
        },
        now,
      );
    const raw = counting ? 0 : fraction(counters) * 100;
    this.percentage = Math.min(99.9, Math.max(this.percentage, Math.floor(raw * 10) / 10));
    return {
      phase,
      files_processed: counters.files,
      dirs_processed: counters.dirs,
      bytes_processed: counters.bytes,
      errors_count: counters.errors,
      current_file: counters.currentFile,
      percentage: this.percentage,
      estimate: 'bytes',
      files_total: counters.filesTotal,
      bytes_total: counters.bytesTotal,
      rate: {
        files_per_second: round(this.rates.rate('files')),
        bytes_per_second: round(this.rates.rate('written')),
        ...((counters.checkFactor ?? 0) > 0
          ? { read_back_bytes_per_second: round(this.rates.rate('checked')) }
          : {}),
      },
      eta_ms: counting || phase === 'paused' ? null : this.eta(counters, now),
      emitted_at: now,
      ...(tally ? { tally } : {}),
    };
  }

  /** The snapshot that goes with the completed outcome: 100%, nothing left. */
  final(
    counters: TransferCounters,
    now: number = Date.now(),
    tally?: WorkerProgress['tally'],
  ): WorkerProgress {
    const last = this.snapshot('done', counters, now, tally);
    return { ...last, percentage: 100, eta_ms: 0, current_file: null };
  }

  private eta(counters: TransferCounters, now: number): number | null {
    if (now - this.startedAt < ETA_MIN_ELAPSED_MS) return null;
    const factor = counters.checkFactor ?? 0;
    const workLeft =
      (counters.bytesTotal ?? 0) * (1 + factor) -
      counters.bytes -
      Math.min(counters.checked ?? 0, (counters.bytesTotal ?? 0) * factor);
    const workRate = this.rates.rate(factor > 0 ? 'work' : 'written');
    if (workLeft > 0 && workRate > 0) return Math.round((workLeft / workRate) * 1000);
    const filesLeft = (counters.filesTotal ?? 0) - counters.files;
    const filesRate = this.rates.rate('files');
    if (filesLeft > 0 && filesRate > 0) return Math.round((filesLeft / filesRate) * 1000);
    return null;
  }
}

/** Done out of total: by bytes, or by files when there are no bytes to count (empty files, links). */
function fraction(counters: TransferCounters): number {
  if (counters.bytesTotal && counters.bytesTotal > 0) {
    // Reading copies back is work too: with verification, each source byte is also read back per copy.
    const factor = counters.checkFactor ?? 0;
    const checked = Math.min(counters.checked ?? 0, counters.bytesTotal * factor);
    return Math.min(1, (counters.bytes + checked) / (counters.bytesTotal * (1 + factor)));
  }
  if (counters.filesTotal && counters.filesTotal > 0)
    return Math.min(1, counters.files / counters.filesTotal);
  return 0;
}

function round(value: number): number {
  return Math.max(0, Math.round(value));
}
