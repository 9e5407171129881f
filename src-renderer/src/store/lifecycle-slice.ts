/** The lifecycle slice: each job's state and, when it failed, why. The one copy of both. */
import { isTerminal, type JobFailure, type JobInfo, type JobState } from '../../../src-shared/jobs';
import type { SliceCreator } from './app-state';

/** A state a job ends in. */
export type EndState = Extract<JobState, 'completed' | 'failed' | 'cancelled'>;

export interface LifecycleSlice {
  /** Each known job's state: a job seen in no list and no snapshot has none (read it as queued). */
  states: Record<string, JobState>;
  /** Why each failed job failed: its failed message, else the job list's text. */
  failures: Record<string, JobFailure>;
  /** Take the states and failures a job list reports. */
  noteListedJobs(list: JobInfo[]): void;
  /** Take the state a progress snapshot reports. */
  noteSnapshotState(batchId: string, state: JobState): void;
  /** A job ended (its completed, failed or cancelled message): that state wins, and says why it failed. */
  endJob(batchId: string, state: EndState, failure?: JobFailure): void;
}

/** The state after a snapshot reports `reported`: an end is never undone. */
export function stateAfterSnapshot(current: JobState | undefined, reported: JobState): JobState {
  return current !== undefined && isTerminal(current) ? current : reported;
}

/**
 * The state after the job list reports `listed`. An end is never undone, and while a job runs its snapshots
 * are fresher than the list, so the list's running or queued does not replace a snapshot's state.
 */
export function stateAfterListing(
  current: JobState | undefined,
  listed: JobState,
  hasSnapshot: boolean,
): JobState {
  if (current !== undefined && isTerminal(current)) return current;
  if (isTerminal(listed) || !hasSnapshot || current === undefined) return listed;
  return current;
}

export const createLifecycleSlice: SliceCreator<LifecycleSlice> = (set, get) => ({
  states: {},
  failures: {},
  noteListedJobs(list) {
    const { snapshots } = get();
    set((state) => {
      const states = { ...state.states };
      let failures = state.failures;
      for (const info of list) {
        const id = info.batch_id;
        states[id] = stateAfterListing(states[id], info.state, snapshots[id] !== undefined);
        // The failed message's text, when it came first, stays: it is the same failure.
        if (info.failure && !failures[id]) failures = { ...failures, [id]: info.failure };
      }
      return { states, failures };
    });
  },
  noteSnapshotState(batchId, reported) {
    const current = get().states[batchId];
    const next = stateAfterSnapshot(current, reported);
    if (next !== current) set((state) => ({ states: { ...state.states, [batchId]: next } }));
  },
  endJob(batchId, ended, failure) {
    set((state) => ({
      states: { ...state.states, [batchId]: ended },
      ...(failure ? { failures: { ...state.failures, [batchId]: failure } } : {}),
    }));
  },
});
