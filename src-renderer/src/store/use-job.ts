/** One job as the UI shows it, read from the store's slices with narrow selectors. */
import { isTerminal, type JobFailure, type JobKind, type JobState } from '../../../src-shared/jobs';
import { useApp } from './app-store';
import type { JobListing } from './jobs-slice';
import type { JobProgress } from './progress-slice';

/** What a component needs to know about one job. */
export interface JobView {
  /** What the job list says (destination, times, failed count); undefined until the job is listed. */
  listing: JobListing | undefined;
  /** From the listing, else the progress; a scan while neither has arrived. */
  kind: JobKind;
  /** The folder the job reads; '' while unknown. */
  root: string;
  state: JobState;
  /** True once the job completed, failed or was cancelled. */
  ended: boolean;
  /** The latest progress; undefined until some arrived. */
  snapshot: JobProgress | undefined;
  /** Why it failed; undefined unless it did. */
  failure: JobFailure | undefined;
}

/** Follow one job: re-renders when its listing, state, progress or failure changes, and for nothing else. */
export function useJob(batchId: string): JobView {
  const listing = useApp((s) => s.jobs[batchId]);
  const state = useApp((s) => s.states[batchId] ?? 'queued');
  const snapshot = useApp((s) => s.snapshots[batchId]);
  const failure = useApp((s) => s.failures[batchId]);
  return {
    listing,
    kind: listing?.kind ?? snapshot?.kind ?? 'scan',
    root: listing?.root ?? snapshot?.root ?? '',
    state,
    ended: isTerminal(state),
    snapshot,
    failure,
  };
}
