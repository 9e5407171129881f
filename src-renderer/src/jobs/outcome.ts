/** How a job ended, as the UI colours and names it: a completed copy or move with failures is its own outcome. */
import { hasFailures, type JobInfo, type JobResult, type JobState } from '../../../src-shared/jobs';
import { countOf } from '../../../src-shared/format';

/** A job's state, with "completed with failures" told apart from a clean completion (amber, never green). */
export type JobOutcome = JobState | 'completed-with-failures';

/** The outcome of a job in `state` that could not transfer `failedCount` entries. */
export function outcomeOf(state: JobState, failedCount: number): JobOutcome {
  return hasFailures({ state, failed_count: failedCount }) ? 'completed-with-failures' : state;
}

/**
 * Entries a copy or move could not transfer. The job row learns it from the job list, the result carries it
 * too; whichever arrived first counts (a scan has none).
 */
export function failedCountOf(
  job: Pick<JobInfo, 'failed_count'> | undefined,
  result: JobResult | null | undefined,
): number {
  const fromResult = result && result.kind !== 'scan' ? result.failed_count : 0;
  return Math.max(job?.failed_count ?? 0, fromResult);
}

/** "Completed with 20 failures" / "Completed with 1 failure". */
export function completedWithFailuresText(failedCount: number): string {
  return `Completed with ${countOf(failedCount, 'failure')}`;
}
