/** Pure helpers that turn job state into the words the UI shows. */
import { isTerminal, type JobInfo, type JobState, type ProgressSnapshot } from '../../../src-shared/jobs';
import { formatBytes, formatCount, formatDuration } from '../../../src-shared/format';

/**
 * Wrap a path in left-to-right marks, so a container with `direction: rtl` (to ellipsize the start) keeps its
 * slashes in place.
 */
export function ltr(path: string): string {
  return `\u200E${path}\u200E`;
}

/** The job's state as the UI should treat it: a terminal state from either source wins. */
export function effectiveState(job: JobInfo | undefined, snapshot: ProgressSnapshot | undefined): JobState {
  if (job && isTerminal(job.state)) return job.state;
  if (snapshot) return snapshot.state;
  return job?.state ?? 'queued';
}

/** Whole percentage shown for a job: 100 once completed, else the snapshot's, floored. */
export function wholePercent(state: JobState, snapshot: ProgressSnapshot | undefined): number {
  if (state === 'completed') return 100;
  return Math.max(0, Math.min(100, Math.floor(snapshot?.percentage ?? 0)));
}

/** "running 42%", "queued", "completed", … (the jobs panel's accessible state). */
export function stateLabel(state: JobState, percent: number): string {
  return state === 'running' ? `running ${percent}%` : state;
}

/** The modal's aria-live status text. */
export function statusText(state: JobState, error: string | undefined): string {
  switch (state) {
    case 'queued':
    case 'running':
      return 'Scanning…';
    case 'completed':
      return 'Completed';
    case 'failed':
      return `Failed: ${error ?? 'unknown error'}`;
    case 'cancelled':
      return 'Cancelled';
  }
}

/** "12,345 files/s · 120.5 MB/s". */
export function rateText(filesPerSecond: number, bytesPerSecond: number): string {
  return `${formatCount(filesPerSecond)} files/s · ${(bytesPerSecond / 1_000_000).toFixed(1)} MB/s`;
}

/** ETA text; an em dash when unknown. */
export function etaText(etaMs: number | null | undefined): string {
  return etaMs === null || etaMs === undefined || !Number.isFinite(etaMs) ? '—' : formatDuration(etaMs);
}

/** "3 entries could not be read" / "1 entry could not be read". */
export function unreadableText(count: number): string {
  return `${formatCount(count)} ${count === 1 ? 'entry' : 'entries'} could not be read`;
}

/** "14:02" today, else "12 Mar 14:02". */
export function shortTime(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  const time = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  if (date.toDateString() === new Date().toDateString()) return time;
  return `${date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })} ${time}`;
}

/** True while a copy, move or verification is still counting what it has to do (no percentage yet). */
export function counting(snapshot: ProgressSnapshot | undefined): boolean {
  const phase = snapshot?.phase;
  return !snapshot || phase === 'queued' || phase === 'starting' || phase === 'preparing';
}

/** A running copy's or verification's row: "42%" and "1.2 GB of 3.0 GB" (or the bytes so far, before the total is known). */
export function byteProgressParts(
  percent: number,
  snapshot: Pick<ProgressSnapshot, 'bytes_processed' | 'bytes_total'>,
): string[] {
  const done = formatBytes(snapshot.bytes_processed);
  return [
    `${percent}%`,
    snapshot.bytes_total !== null ? `${done} of ${formatBytes(snapshot.bytes_total)}` : done,
  ];
}
