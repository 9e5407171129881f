/** Pure helpers for the words and numbers every kind of job's progress shows. */
import { formatDuration } from '../../../src-shared/format';
import type { JobState, Phase } from '../../../src-shared/jobs';
import type { JobProgress } from '../store/progress-slice';

/**
 * Whole percentage shown for a job: 100 once completed, else the snapshot's, floored; null while it is not known
 * yet (a first scan before its estimate can be trusted: the bar is indeterminate).
 */
export function knownPercent(
  state: JobState,
  snapshot: Pick<JobProgress, 'percentage'> | undefined,
): number | null {
  if (state === 'completed') return 100;
  // Nothing has started: 0 of it is done, whatever the estimate will be.
  if (state === 'queued') return 0;
  const percentage = snapshot ? snapshot.percentage : 0;
  return percentage === null ? null : Math.max(0, Math.min(100, Math.floor(percentage)));
}

/** Whole percentage of a job whose percentage is always known (copy, move, verify: 0 until it starts). */
export function wholePercent(state: JobState, snapshot: Pick<JobProgress, 'percentage'> | undefined): number {
  return knownPercent(state, snapshot) ?? 0;
}

/** ETA text; an em dash when unknown. */
export function etaText(etaMs: number | null | undefined): string {
  return etaMs === null || etaMs === undefined || !Number.isFinite(etaMs) ? '—' : formatDuration(etaMs);
}

/** "120.5 MB/s": a copy's, move's or verification's throughput. */
export function throughputText(bytesPerSecond: number): string {
  return `${(bytesPerSecond / 1_000_000).toFixed(1)} MB/s`;
}

/** Whether a job in `phase` has not started its work yet: a copy, move or verification counts first. */
function beforeWork(phase: Phase | undefined): boolean {
  return phase === 'queued' || phase === 'starting' || phase === 'preparing';
}

/** True while a copy, move or verification is still counting what it has to do (no percentage yet). */
export function counting(snapshot: Pick<JobProgress, 'phase'> | undefined): boolean {
  return !snapshot || beforeWork(snapshot.phase);
}

/** A running copy's, move's or verification's status: paused, counting, finishing, or `working` ("Copying…"). */
export function runningStatusText(phase: Phase | undefined, working: string): string {
  if (phase === 'paused') return 'Paused';
  if (beforeWork(phase)) return 'Counting files…';
  if (phase === 'finalizing') return 'Finishing…';
  return working;
}
