/** Pure helpers for the words and numbers every kind of job's progress shows. */
import { formatDuration } from '../../../src-shared/format';
import type { JobState, Phase } from '../../../src-shared/jobs';
import type { JobProgress } from '../store/progress-slice';

/** Whole percentage shown for a job: 100 once completed, else the snapshot's, floored. */
export function wholePercent(state: JobState, snapshot: Pick<JobProgress, 'percentage'> | undefined): number {
  if (state === 'completed') return 100;
  return Math.max(0, Math.min(100, Math.floor(snapshot?.percentage ?? 0)));
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
