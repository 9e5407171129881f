/**
 * Progress for logs: when stderr is not a terminal (farm and cron logs), one plain, self-contained line every
 * interval instead of the redrawn status line. Never a control character, so every log viewer shows it as is.
 */
import type { ProgressSnapshot } from '../../src-shared/jobs';
import { formatBytes, formatCount, printable } from '../../src-shared/format';
import { etaOf, rateOf } from './progress-line';

/** What a transfer or verification is doing, when it is not plain copying. */
function phaseWord(snapshot: ProgressSnapshot): string | null {
  if (snapshot.phase === 'paused') return 'paused';
  if (snapshot.phase === 'verifying' && snapshot.kind !== 'verify') return 'reading copies back';
  if (snapshot.phase === 'finalizing') return 'finishing';
  return null;
}

/** "12,345 files, 1.2 GB, 3,210 folders, 41%": a scan counts up; its percentage may not be known yet. */
function scanParts(snapshot: ProgressSnapshot): string[] {
  const percent =
    snapshot.percentage === null ? 'percentage not known yet' : `${Math.floor(snapshot.percentage)}%`;
  return [
    `${formatCount(snapshot.files_processed)} files`,
    formatBytes(snapshot.bytes_processed),
    `${formatCount(snapshot.dirs_processed)} folders`,
    percent,
  ];
}

/** "45% 1.1 GB of 2.4 GB, 120 of 500 files", or what was found while counting. */
function transferParts(snapshot: ProgressSnapshot): string[] {
  const files = formatCount(snapshot.files_processed);
  const bytes = formatBytes(snapshot.bytes_processed);
  if (snapshot.phase === 'preparing') return [`counting`, `${files} files`, `${bytes} found`];
  const percent = `${Math.floor(snapshot.percentage ?? 0)}%`;
  const word = phaseWord(snapshot);
  const head = word ? `${percent} ${word}` : percent;
  if (snapshot.files_total === null || snapshot.bytes_total === null) return [`${head} ${bytes}`];
  return [
    `${head} ${bytes} of ${formatBytes(snapshot.bytes_total)}`,
    `${files} of ${formatCount(snapshot.files_total)} files`,
  ];
}

/**
 * One log line: `scan /shows/A: 12,345 files, 1.2 GB, 3,210 folders, 41%, 2,000 files/s, 12s left` or
 * `copy: 45% 1.1 GB of 2.4 GB, 120 of 500 files, 120 MB/s, 12s left, current: /x/y.exr`.
 */
export function progressLogLine(snapshot: ProgressSnapshot): string {
  const who = snapshot.kind === 'scan' ? `scan ${snapshot.root}` : snapshot.kind;
  if (snapshot.phase === 'queued') return printable(`${who}: queued`);
  const parts = snapshot.kind === 'scan' ? scanParts(snapshot) : transferParts(snapshot);
  const paused = snapshot.phase === 'paused';
  const pace = paused ? [] : [rateOf(snapshot), etaOf(snapshot)];
  const current = snapshot.current_file === null ? null : `current: ${snapshot.current_file}`;
  const line = [...parts, ...pace, current].filter((part) => part !== null).join(', ');
  return printable(`${who}: ${line}`);
}

/** Writes the latest snapshot as a log line every `intervalMs`, on its own timer. */
export class ProgressLog {
  private latest: ProgressSnapshot | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    intervalMs: number,
  ) {
    this.timer = setInterval(() => this.write(), intervalMs);
    // The log never keeps the CLI alive.
    this.timer.unref();
  }

  /** Keep the newest snapshot; the next tick writes it. */
  update(snapshot: ProgressSnapshot): void {
    this.latest = snapshot;
  }

  /** Stop writing (the job ended: the summary follows). */
  stop(): void {
    clearInterval(this.timer);
  }

  private write(): void {
    if (this.latest) this.stream.write(`${progressLogLine(this.latest)}\n`);
  }
}
