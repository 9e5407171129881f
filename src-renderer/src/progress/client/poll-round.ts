/** One polling round over IPC: the fallback that keeps the store moving while the socket is down. */
import type { WrangleApi } from '../../../../src-shared/ipc-channels';
import {
  isTerminal,
  type JobFailure,
  type JobInfo,
  type ProgressSnapshot,
} from '../../../../src-shared/jobs';
import type { AppStore } from '../../store/app-store';

/** The IPC calls polling needs. */
export type PollApi = Pick<WrangleApi, 'getSnapshot' | 'getResult' | 'listJobs' | 'getWatchState'>;

/** Shown when a job failed but the job list has no failure text for it. */
export const GENERIC_FAILURE: JobFailure = { error: 'The job failed.', code: 'INTERNAL_ERROR' };

/**
 * Fetch each batch's snapshot and the job list once, apply them, and finish any batch that has ended.
 * Returns the batches that ended in this round, so the caller stops polling them.
 */
export async function pollRound(
  api: PollApi,
  store: AppStore,
  batchIds: readonly string[],
): Promise<string[]> {
  const snapshots = await Promise.all(batchIds.map((id) => api.getSnapshot(id).catch(() => null)));
  // The list is fetched after the snapshots, so a failure seen in a snapshot already has its text here.
  const jobs = await api.listJobs().catch(() => null);
  if (jobs) store.getState().setJobs(jobs);
  const ended: string[] = [];
  for (const snapshot of snapshots) {
    if (!snapshot) continue;
    if (!isTerminal(snapshot.state)) {
      store.getState().applySnapshot(snapshot);
      if (snapshot.kind === 'watch') await pollWatch(api, store, snapshot.batch_id);
    } else if (await finish(api, store, snapshot, jobs)) {
      ended.push(snapshot.batch_id);
    }
  }
  return ended;
}

/** Apply a terminal snapshot with its result or failure; false when the result is not there yet. */
async function finish(
  api: PollApi,
  store: AppStore,
  snapshot: ProgressSnapshot,
  jobs: JobInfo[] | null,
): Promise<boolean> {
  const id = snapshot.batch_id;
  const actions = store.getState();
  if (snapshot.state === 'completed') {
    const result = await api.getResult(id).catch(() => null);
    // No result yet: try again next round rather than show a finished job without its numbers.
    if (!result) return false;
    actions.applyCompleted(id, result, snapshot);
  } else if (snapshot.state === 'failed') {
    const failure = jobs?.find((job) => job.batch_id === id)?.failure ?? GENERIC_FAILURE;
    actions.applyFailed(id, failure, snapshot);
  } else {
    actions.applyCancelled(id, snapshot);
  }
  return true;
}

/** A running watch's whole state, while the socket that would carry its updates is down. */
async function pollWatch(api: PollApi, store: AppStore, batchId: string): Promise<void> {
  const whole = await api.getWatchState(batchId).catch(() => null);
  if (whole) store.getState().applyWatchUpdate(batchId, whole);
}
