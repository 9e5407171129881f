/** The renderer store: one state per job whichever message says it first, and slices that write only their keys. */
import { describe, expect, it } from 'vitest';
import type { JobInfo, JobResult, ProgressSnapshot } from '../../src-shared/jobs';
import { createAppStore } from '../../src-renderer/src/store/app-store';
import { jobOf, jobStateOf, snapshotOf } from '../../src-renderer/src/store/job-selectors';
import { stateAfterListing, stateAfterSnapshot } from '../../src-renderer/src/store/lifecycle-slice';

const row = (state: JobInfo['state'], patch: Partial<JobInfo> = {}): JobInfo => ({
  batch_id: 'j1',
  kind: 'copy',
  root: '/shows/SHOW',
  destination: '/backup',
  state,
  created_at: '2026-01-01T00:00:00.000Z',
  started_at: null,
  finished_at: null,
  failure: null,
  failed_count: 0,
  retry_of: null,
  ...patch,
});

const snap = (state: ProgressSnapshot['state'], percentage: number): ProgressSnapshot => ({
  batch_id: 'j1',
  kind: 'copy',
  root: '/shows/SHOW',
  state,
  phase: state === 'queued' ? 'queued' : 'copying',
  files_processed: Math.round(percentage),
  dirs_processed: 0,
  bytes_processed: percentage * 10,
  errors_count: 0,
  current_file: null,
  percentage,
  estimate: 'bytes',
  files_total: 100,
  bytes_total: 1000,
  rate: { files_per_second: 0, bytes_per_second: 0 },
  eta_ms: null,
  emitted_at: 0,
  updated_at: '2026-01-01T00:00:00.000Z',
});

describe('one state per job', () => {
  it('never leaves an end, whichever source reports it first', () => {
    expect(stateAfterSnapshot('failed', 'running')).toBe('failed');
    expect(stateAfterListing('cancelled', 'running', false)).toBe('cancelled');
    expect(stateAfterListing('running', 'completed', true)).toBe('completed');
    expect(stateAfterSnapshot(undefined, 'queued')).toBe('queued');
  });

  it("keeps a snapshot's state over the job list's while the job runs", () => {
    expect(stateAfterListing('running', 'queued', true)).toBe('running');
    expect(stateAfterListing('queued', 'running', false)).toBe('running');
    const store = createAppStore();
    store.getState().applySnapshot(snap('failed', 50));
    store.getState().upsertJob(row('running'));
    expect(jobStateOf(store.getState(), 'j1')).toBe('failed');
    expect(jobOf(store.getState(), 'j1')?.state).toBe('failed');
  });

  it('holds the state once: not in the listing and not in the progress', () => {
    const store = createAppStore();
    store.getState().upsertJob(row('running'));
    store.getState().applySnapshot(snap('running', 40));
    const state = store.getState();
    expect(state.jobs.j1).not.toHaveProperty('state');
    expect(state.jobs.j1).not.toHaveProperty('failure');
    expect(state.snapshots.j1).not.toHaveProperty('state');
    expect(snapshotOf(state, 'j1')).toMatchObject({ state: 'running', percentage: 40 });
  });

  it('takes a finished job from history its first snapshot, and no progress after that', () => {
    const store = createAppStore();
    store.getState().upsertJob(row('completed'));
    expect(store.getState().applySnapshot(snap('completed', 100))).toBe(true);
    expect(store.getState().applySnapshot(snap('running', 100))).toBe(false);
    expect(jobStateOf(store.getState(), 'j1')).toBe('completed');
  });
});

describe('the job list', () => {
  it("does not let a stale row undo an ended job's listing", () => {
    const store = createAppStore();
    store
      .getState()
      .upsertJob(row('completed', { failed_count: 3, finished_at: '2026-01-01T00:01:00.000Z' }));
    store.getState().setJobs([row('running')]);
    expect(jobOf(store.getState(), 'j1')).toMatchObject({ state: 'completed', failed_count: 3 });
  });

  it("keeps the failed message's text over the list's, and takes the list's when there is no message", () => {
    const store = createAppStore();
    store.getState().applyFailed('j1', { error: 'No space left', code: 'NO_SPACE' }, snap('failed', 10));
    store
      .getState()
      .upsertJob(row('failed', { failure: { error: 'The job failed.', code: 'INTERNAL_ERROR' } }));
    expect(jobOf(store.getState(), 'j1')?.failure).toEqual({ error: 'No space left', code: 'NO_SPACE' });
    store.getState().upsertJob(
      row('failed', {
        batch_id: 'j2',
        failure: { error: 'Source folder not found', code: 'SOURCE_NOT_FOUND' },
      }),
    );
    expect(store.getState().failures.j2?.error).toBe('Source folder not found');
  });

  it('remembers every destination of a transfer this window started', () => {
    const store = createAppStore();
    store.getState().recordDestinations('j1', ['/backup', '/mirror']);
    expect(store.getState().destinations.j1).toEqual(['/backup', '/mirror']);
  });
});

describe('an end as a watcher of the state sees it', () => {
  it('finds the result and the failed count there when the state turns completed', () => {
    const store = createAppStore();
    store.getState().upsertJob(row('running'));
    store.getState().applySnapshot(snap('running', 60));
    const seen: { result: boolean; failed: number; percentage: number | null | undefined }[] = [];
    store.subscribe((state, prev) => {
      if (state.states.j1 !== prev.states.j1)
        seen.push({
          result: state.results.j1 !== undefined,
          failed: state.jobs.j1?.failed_count ?? 0,
          percentage: state.snapshots.j1?.percentage,
        });
    });
    const result = { kind: 'copy', failed_count: 2 } as JobResult;
    store.getState().applyCompleted('j1', result, snap('running', 99));
    // The progress comes last: never newer than the state.
    expect(seen).toEqual([{ result: true, failed: 2, percentage: 60 }]);
    expect(snapshotOf(store.getState(), 'j1')).toMatchObject({ state: 'completed', percentage: 100 });
  });

  it('keeps a fetched result through its action', () => {
    const store = createAppStore();
    const result = { kind: 'copy', failed_count: 0 } as JobResult;
    store.getState().putResult('j1', result);
    expect(store.getState().results.j1).toBe(result);
  });
});
