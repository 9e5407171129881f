/** The one-line progress display the CLI redraws on stderr. */
import type { ProgressSnapshot } from '../../src-shared/jobs';
import { formatBytes, formatCount, formatDuration, middleEllipsis } from '../../src-shared/format';

/** Render a snapshot as one line that fits `width` columns. */
export function progressLine(snapshot: ProgressSnapshot, width: number): string {
  const percent = `${Math.floor(snapshot.percentage).toString().padStart(3)}%`;
  const counts = `${formatCount(snapshot.files_processed)} files, ${formatCount(snapshot.dirs_processed)} folders, ${formatBytes(snapshot.bytes_processed)}`;
  const rate = `${formatCount(snapshot.rate.files_per_second)} files/s`;
  const eta = snapshot.eta_ms === null ? '' : `, ${formatDuration(snapshot.eta_ms)} left`;
  const head = `${percent} ${counts} | ${rate}${eta}`;
  const room = width - head.length - 3;
  if (!snapshot.current_file || room < 10) return head.slice(0, width);
  return `${head} | ${middleEllipsis(snapshot.current_file.replace(/[\n\r\t]/g, '?'), room)}`;
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
