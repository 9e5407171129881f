/** The progress slice: each job's latest progress, and the progress client's messages as store actions. */
import { isTerminal, type JobFailure, type JobResult, type ProgressSnapshot } from '../../../src-shared/jobs';
import { percentageFalls } from '../../../src-shared/percentage';
import type { SliceCreator } from './app-state';
import { withoutKeys } from './without-keys';

/** A job's latest progress: a snapshot without its state (the lifecycle slice holds the one state). */
export type JobProgress = Omit<ProgressSnapshot, 'state'>;

export interface ProgressSlice {
  /** Latest progress per batch. */
  snapshots: Record<string, JobProgress>;
  /**
   * Take a snapshot unless it would move the job backwards: a lower percentage (or none after one), fewer files, or any
   * progress after the job has ended is ignored. Returns whether it was applied.
   */
  applySnapshot(snapshot: ProgressSnapshot): boolean;
  applyCompleted(batchId: string, result: JobResult, snapshot: ProgressSnapshot): void;
  applyFailed(batchId: string, failure: JobFailure, snapshot: ProgressSnapshot): void;
  applyCancelled(batchId: string, snapshot: ProgressSnapshot): void;
}

/** The progress part of a snapshot. */
function progressOf(snapshot: ProgressSnapshot): JobProgress {
  return withoutKeys(snapshot, 'state');
}

/** Whether `next` would move a job's progress backwards from `current`. */
function goesBack(current: JobProgress, next: ProgressSnapshot): boolean {
  if (percentageFalls(current.percentage, next.percentage)) return true;
  // A copy or move counts files while preparing, then counts again from zero as it copies (and again as it
  // reads the copies back).
  const recount =
    (current.phase === 'preparing' && next.phase !== 'preparing') ||
    (next.phase === 'verifying' && current.phase !== 'verifying');
  return next.files_processed < current.files_processed && !recount;
}

export const createProgressSlice: SliceCreator<ProgressSlice> = (set, get) => {
  const keep = (batchId: string, progress: JobProgress): void =>
    set((state) => ({ snapshots: { ...state.snapshots, [batchId]: progress } }));

  return {
    snapshots: {},
    applySnapshot(snapshot) {
      const id = snapshot.batch_id;
      const { snapshots, states } = get();
      const current = snapshots[id];
      if (current) {
        const state = states[id];
        if (state !== undefined && isTerminal(state)) return false;
        if (goesBack(current, snapshot)) return false;
      }
      get().noteSnapshotState(id, snapshot.state);
      keep(id, progressOf(snapshot));
      get().recordThroughput(snapshot);
      return true;
    },
    // The state goes first and the progress last, so the progress is never newer than the state; an end's
    // result or failure goes before its state, so whoever watches the state finds them there.
    applyCompleted(batchId, result, snapshot) {
      get().putResult(batchId, result);
      if (result.kind !== 'scan') get().noteFailedCount(batchId, result.failed_count);
      get().endJob(batchId, 'completed');
      keep(batchId, { ...progressOf(snapshot), percentage: 100 });
      get().recordThroughput({ ...snapshot, percentage: 100 });
    },
    applyFailed(batchId, failure, snapshot) {
      get().endJob(batchId, 'failed', failure);
      keep(batchId, progressOf(snapshot));
      get().recordThroughput(snapshot);
    },
    applyCancelled(batchId, snapshot) {
      get().endJob(batchId, 'cancelled');
      keep(batchId, progressOf(snapshot));
      get().recordThroughput(snapshot);
    },
  };
};
