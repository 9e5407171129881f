/** The one-line progress display the CLI redraws on stderr when it is a terminal. */
import type { ProgressSnapshot } from '../../src-shared/jobs';
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatRate,
  middleEllipsis,
  printable,
} from '../../src-shared/format';

/** The counts part: a scan counts up; a copy or move shows done of total once the total is known. */
export function countsOf(snapshot: ProgressSnapshot): string {
  const files = snapshot.files_processed;
  const bytes = snapshot.bytes_processed;
  if (snapshot.phase === 'preparing') return `counting: ${formatCount(files)} files, ${formatBytes(bytes)}`;
  if (snapshot.files_total !== null && snapshot.bytes_total !== null) {
    return `${formatBytes(bytes)} of ${formatBytes(snapshot.bytes_total)}, ${formatCount(files)} of ${formatCount(snapshot.files_total)} files`;
  }
  return `${formatCount(files)} files, ${formatCount(snapshot.dirs_processed)} folders, ${formatBytes(bytes)}`;
}

/** A scan is measured in files a second, a copy in bytes a second; null until the worker has a rate. */
export function rateOf(snapshot: ProgressSnapshot): string | null {
  if (snapshot.rate === null) return null;
  return snapshot.kind === 'scan'
    ? formatRate(snapshot.rate.files_per_second, 'file')
    : `${formatBytes(snapshot.rate.bytes_per_second)}/s`;
}

/** "12s left", or null when the time left is not known. */
export function etaOf(snapshot: ProgressSnapshot): string | null {
  return snapshot.eta_ms === null ? null : `${formatDuration(snapshot.eta_ms)} left`;
}

/** Render a snapshot as one line that fits `width` columns. */
export function progressLine(snapshot: ProgressSnapshot, width: number): string {
  // "--%": a first scan's percentage is not known until its estimate can be trusted.
  const whole = snapshot.percentage === null ? '--' : Math.floor(snapshot.percentage).toString();
  const percent = `${whole.padStart(3)}%`;
  const pace = [rateOf(snapshot), etaOf(snapshot)].filter((part) => part !== null).join(', ');
  const head =
    snapshot.phase === 'paused'
      ? `${percent} paused | ${countsOf(snapshot)}`
      : `${percent} ${countsOf(snapshot)}${pace ? ` | ${pace}` : ''}`;
  const room = width - head.length - 3;
  if (!snapshot.current_file || room < 10) return head.slice(0, width);
  return `${head} | ${middleEllipsis(printable(snapshot.current_file), room)}`;
}

/** Redraws a single status line on a terminal, at most ~10 times a second. */
export class StatusLine {
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly minIntervalMs = 100,
  ) {}

  /** Draw the snapshot unless one was drawn very recently. */
  update(snapshot: ProgressSnapshot): void {
    const now = Date.now();
    if (now - this.lastDraw < this.minIntervalMs) return;
    this.lastDraw = now;
    this.stream.write(`\r\x1b[2K${progressLine(snapshot, this.stream.columns || 100)}`);
    this.drawn = true;
  }

  /** Remove the line so normal output starts on a clean row. */
  clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }
}
