/** The words the UI uses for a scan's state, progress, rate and ETA, and the one state the store keeps per job. */
import { describe, expect, it } from 'vitest';
import type { JobInfo, ProgressSnapshot } from '../../src-shared/jobs';
import { rateText, stateLabel, statusText, unreadableText } from '../../src-renderer/src/scan/scan-labels';
import { etaText, knownPercent, wholePercent } from '../../src-renderer/src/progress/progress-labels';
import { createAppStore } from '../../src-renderer/src/store/app-store';
import { jobStateOf } from '../../src-renderer/src/store/job-selectors';
import { folderName } from '../../src-renderer/src/api';

const job = (state: JobInfo['state']): JobInfo => ({
  batch_id: 'b1',
  kind: 'scan',
  root: '/shows/SHOW',
  destination: null,
  state,
  created_at: '2025-01-01T00:00:00.000Z',
  started_at: null,
  finished_at: null,
  failure: null,
  failed_count: 0,
  retry_of: null,
});

const snap = (state: ProgressSnapshot['state'], percentage: number | null): ProgressSnapshot =>
  ({ state, percentage }) as ProgressSnapshot;

/** The job's one state in a store that took the job list's row and then the snapshot (either may be missing). */
const stateAfter = (row: JobInfo | undefined, snapshot: ProgressSnapshot | undefined): JobInfo['state'] => {
  const store = createAppStore();
  if (row) store.getState().upsertJob(row);
  if (snapshot) store.getState().applySnapshot({ ...snapshot, batch_id: 'b1' });
  return jobStateOf(store.getState(), 'b1');
};

describe('job labels', () => {
  it('prefers a terminal state from either source', () => {
    expect(stateAfter(job('completed'), snap('running', 50))).toBe('completed');
    expect(stateAfter(job('running'), snap('failed', 50))).toBe('failed');
    expect(stateAfter(job('queued'), undefined)).toBe('queued');
    expect(stateAfter(undefined, undefined)).toBe('queued');
  });

  it('floors the percentage and shows 100 once completed', () => {
    expect(wholePercent('running', snap('running', 42.9))).toBe(42);
    expect(wholePercent('completed', snap('running', 99.9))).toBe(100);
    expect(wholePercent('queued', undefined)).toBe(0);
  });

  it('has no percentage while a first scan cannot trust its estimate, until it completes', () => {
    expect(knownPercent('running', snap('running', null))).toBeNull();
    expect(knownPercent('running', snap('running', 42.9))).toBe(42);
    expect(knownPercent('completed', snap('running', null))).toBe(100);
    expect(knownPercent('queued', snap('queued', null))).toBe(0);
    expect(stateLabel('running', null)).toBe('running');
  });

  it('never takes a snapshot that would move the bar back to not known, or lower', () => {
    const store = createAppStore();
    store.getState().upsertJob({ ...job('running') });
    const apply = (percentage: number | null): boolean =>
      store.getState().applySnapshot({ ...snap('running', percentage), batch_id: 'b1', files_processed: 1 });
    expect(apply(null)).toBe(true);
    expect(apply(30)).toBe(true);
    expect(apply(null)).toBe(false);
    expect(apply(29)).toBe(false);
    expect(apply(31)).toBe(true);
  });

  it('names states for the jobs panel and the status region', () => {
    expect(stateLabel('running', 42)).toBe('running 42%');
    expect(stateLabel('completed', 100)).toBe('completed');
    expect(statusText('running', undefined)).toBe('Scanning…');
    expect(statusText('queued', undefined)).toBe('Scanning…');
    expect(statusText('completed', undefined)).toBe('Completed');
    expect(statusText('failed', 'No such folder')).toBe('Failed: No such folder');
    expect(statusText('cancelled', undefined)).toBe('Cancelled');
  });

  it('formats rate, ETA and unreadable entries', () => {
    expect(rateText(1234.4, 120_500_000)).toBe('1,234 files/s · 120.5 MB/s');
    expect(rateText(1, 491_600_000)).toBe('1 file/s · 491.6 MB/s');
    expect(etaText(null)).toBe('—');
    expect(etaText(83_000)).toBe('1m 23s');
    expect(unreadableText(3)).toBe('3 entries could not be read');
    expect(unreadableText(1)).toBe('1 entry could not be read');
  });

  it('takes the last path segment as the folder name', () => {
    expect(folderName('/shows/SHOW')).toBe('SHOW');
    expect(folderName('/shows/SHOW/')).toBe('SHOW');
    expect(folderName('C:\\shows\\SHOT_010')).toBe('SHOT_010');
    expect(folderName('/')).toBe('/');
  });
});
