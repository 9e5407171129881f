/** Reads of one job across the slices, for code outside React (and tests); components use useJob. */
import type { JobInfo, JobState, ProgressSnapshot } from '../../../src-shared/jobs';
import type { AppState } from './app-state';

/** A job's state; a job the store has not heard of yet is queued. */
export function jobStateOf(state: AppState, batchId: string): JobState {
  return state.states[batchId] ?? 'queued';
}

/** A job as main describes it (its listing with its one state and failure); undefined until it is listed. */
export function jobOf(state: AppState, batchId: string): JobInfo | undefined {
  const listing = state.jobs[batchId];
  if (!listing) return undefined;
  return { ...listing, state: jobStateOf(state, batchId), failure: state.failures[batchId] ?? null };
}

/** A job's latest snapshot with its one state; undefined until progress arrived. */
export function snapshotOf(state: AppState, batchId: string): ProgressSnapshot | undefined {
  const progress = state.snapshots[batchId];
  return progress && { ...progress, state: jobStateOf(state, batchId) };
}
