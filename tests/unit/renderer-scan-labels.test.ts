/** The words the UI uses for job state, progress, rate and ETA. */
import { describe, expect, it } from 'vitest';
import type { JobInfo, ProgressSnapshot } from '../../src-shared/jobs';
import {
  effectiveState,
  etaText,
  rateText,
  stateLabel,
  statusText,
  unreadableText,
  wholePercent,
} from '../../src-renderer/src/components/job-labels';
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

const snap = (state: ProgressSnapshot['state'], percentage: number): ProgressSnapshot =>
  ({ state, percentage }) as ProgressSnapshot;

describe('job labels', () => {
  it('prefers a terminal state from either source', () => {
    expect(effectiveState(job('completed'), snap('running', 50))).toBe('completed');
    expect(effectiveState(job('running'), snap('failed', 50))).toBe('failed');
    expect(effectiveState(job('queued'), undefined)).toBe('queued');
    expect(effectiveState(undefined, undefined)).toBe('queued');
  });

  it('floors the percentage and shows 100 once completed', () => {
    expect(wholePercent('running', snap('running', 42.9))).toBe(42);
    expect(wholePercent('completed', snap('running', 99.9))).toBe(100);
    expect(wholePercent('queued', undefined)).toBe(0);
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
