/** Pure helpers that turn a scan's state and progress into the words the UI shows. */
import { formatCount, formatRate } from '../../../src-shared/format';
import type { JobState, Phase } from '../../../src-shared/jobs';

const PHASE_TEXT: Partial<Record<Phase, string>> = {
  queued: 'Waiting in queue',
  starting: 'Starting',
  walking: 'Walking folders',
  finalizing: 'Finalizing totals',
  done: 'Done',
};

/** The line under a running scan's bar: what it is doing now. */
export function scanPhaseText(phase: Phase | undefined): string {
  return PHASE_TEXT[phase ?? 'queued'] ?? '';
}

/** "running 42%", "running" (percentage not known yet), "queued", … (the jobs panel's accessible state). */
export function stateLabel(state: JobState, percent: number | null): string {
  if (state !== 'running') return state;
  return percent === null ? 'running' : `running ${percent}%`;
}

/** Under the bar while a first scan's percentage is not known yet: why there is no number. */
export const ESTIMATING_TEXT = 'the percentage appears once enough folders are read to estimate it';

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

/** "12,345 files/s · 120.5 MB/s", "1 file/s · 0.5 MB/s". */
export function rateText(filesPerSecond: number, bytesPerSecond: number): string {
  return `${formatRate(filesPerSecond, 'file')} · ${(bytesPerSecond / 1_000_000).toFixed(1)} MB/s`;
}

/** "3 entries could not be read" / "1 entry could not be read". */
export function unreadableText(count: number): string {
  return `${formatCount(count)} ${count === 1 ? 'entry' : 'entries'} could not be read`;
}
