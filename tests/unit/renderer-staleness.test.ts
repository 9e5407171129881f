/** Out-of-date results: a later copy or move that changed the scanned folder, read from the job list. */
import { describe, expect, it } from 'vitest';
import type { JobInfo, JobResult } from '../../src-shared/jobs';
import { TransferResultSchema } from '../../src-shared/transfer-shapes';
import { createAppStore } from '../../src-renderer/src/store/app-store';
import { changedPlaces, isSameOrInside, outOfDateBecause } from '../../src-renderer/src/store/staleness';

const at = (minute: number): string => new Date(Date.UTC(2026, 0, 1, 12, minute)).toISOString();

function job(
  id: string,
  kind: JobInfo['kind'],
  root: string,
  start: number,
  end: number | null,
  patch: Partial<JobInfo> = {},
): JobInfo {
  return {
    batch_id: id,
    kind,
    root,
    destination: null,
    state: end === null ? 'running' : 'completed',
    created_at: at(start),
    started_at: at(start),
    finished_at: end === null ? null : at(end),
    failure: null,
    failed_count: 0,
    retry_of: null,
    ...patch,
  };
}

/** A store holding `jobs`; returns its state. */
function stateWith(jobs: JobInfo[], results: Record<string, JobResult> = {}) {
  const store = createAppStore();
  store.getState().setJobs(jobs);
  for (const [id, result] of Object.entries(results)) store.getState().putResult(id, result);
  return store.getState();
}

const scanA = job('scanA', 'scan', '/shows/A', 10, 12);

describe('out of date', () => {
  it('compares paths by whole segments, with either separator', () => {
    expect(isSameOrInside('/shows/A/sh010', '/shows/A')).toBe(true);
    expect(isSameOrInside('/shows/A/', '/shows/A')).toBe(true);
    expect(isSameOrInside('/shows/AB', '/shows/A')).toBe(false);
    expect(isSameOrInside('C:\\shows\\A\\x', 'C:\\shows\\A')).toBe(true);
    expect(isSameOrInside('/anything', '/')).toBe(true);
  });

  it('is fresh with no later transfer, and after one that ended before the scan began', () => {
    expect(outOfDateBecause(stateWith([scanA]), 'scanA')).toBeNull();
    const before = job('m0', 'move', '/shows/A/sh010', 1, 5, { destination: '/shows/B' });
    expect(outOfDateBecause(stateWith([scanA, before]), 'scanA')).toBeNull();
  });

  it('is out of date after a move out of the folder, into it, or of the folder itself', () => {
    const out = job('m1', 'move', '/shows/A/sh010', 20, 21, { destination: '/shows/B' });
    expect(outOfDateBecause(stateWith([scanA, out]), 'scanA')).toBe('m1');
    const into = job('m2', 'move', '/ingest/sh030', 20, 21, { destination: '/shows/A' });
    expect(outOfDateBecause(stateWith([scanA, into]), 'scanA')).toBe('m2');
    const whole = job('m3', 'move', '/shows/A', 20, 21, { destination: '/archive' });
    expect(outOfDateBecause(stateWith([scanA, whole]), 'scanA')).toBe('m3');
    // The move's destination side: a scan of B is out of date too, a scan of B's sibling is not.
    const scanB = job('scanB', 'scan', '/shows/B', 10, 11);
    const scanC = job('scanC', 'scan', '/shows/C', 10, 11);
    expect(outOfDateBecause(stateWith([scanB, scanC, out]), 'scanB')).toBe('m1');
    expect(outOfDateBecause(stateWith([scanB, scanC, out]), 'scanC')).toBeNull();
  });

  it('counts a copy by where it wrote, not by what it read', () => {
    const copyOut = job('c1', 'copy', '/shows/A/sh010', 20, 21, { destination: '/backup' });
    expect(outOfDateBecause(stateWith([scanA, copyOut]), 'scanA')).toBeNull();
    const copyIn = job('c2', 'copy', '/ingest/sh030', 20, 21, { destination: '/shows/A/incoming' });
    expect(outOfDateBecause(stateWith([scanA, copyIn]), 'scanA')).toBe('c2');
    // A scan of a folder beside where the copy landed is untouched.
    const scanSibling = job('scanS', 'scan', '/backup/other', 10, 11);
    expect(outOfDateBecause(stateWith([scanSibling, copyOut]), 'scanS')).toBeNull();
    const scanLanded = job('scanL', 'scan', '/backup/sh010/plates', 10, 11);
    expect(outOfDateBecause(stateWith([scanLanded, copyOut]), 'scanL')).toBe('c1');
  });

  it('waits for a running transfer to end, and names the one that ended last', () => {
    const running = job('m1', 'move', '/shows/A/sh010', 20, null, { destination: '/shows/B' });
    expect(outOfDateBecause(stateWith([scanA, running]), 'scanA')).toBeNull();
    const early = job('m2', 'move', '/shows/A/sh020', 20, 22, { destination: '/shows/B' });
    const late = job('m3', 'move', '/shows/A/sh030', 21, 25, { destination: '/shows/B' });
    expect(outOfDateBecause(stateWith([scanA, late, early]), 'scanA')).toBe('m3');
    // A rescan that began after them is fresh.
    const rescan = job('scanA2', 'scan', '/shows/A', 30, 31);
    expect(outOfDateBecause(stateWith([scanA, early, late, rescan]), 'scanA2')).toBeNull();
  });

  it('uses a multi-source transfer’s result for its sources, else only its destination', () => {
    const multi = job('m4', 'move', '2 items', 20, 21, { destination: '/shows/B' });
    expect(changedPlaces(stateWith([multi]), 'm4')).toEqual(['/shows/B']);
    expect(outOfDateBecause(stateWith([scanA, multi]), 'scanA')).toBeNull();
    const zero = { files_total: 0, bytes_total: 0, files_copied: 0, bytes_copied: 0, files_skipped: 0 };
    const result = TransferResultSchema.parse({
      ...zero,
      kind: 'move',
      sources: ['/shows/A/sh010', '/shows/A/sh020'],
      destination: '/shows/B',
      policy: 'skip',
      verify: false,
      files_renamed: 0,
      entries_renamed_in_place: 2,
      symlinks_copied: 0,
      dirs_created: 0,
      verified_files: 0,
      sources_removed: 0,
      failed_count: 0,
      failures: [],
      left_in_place: [],
      report_path: '/data/jobs/m4/report.json',
      checksum_file: null,
      finished_at: at(21),
      duration_ms: 10,
    });
    const state = stateWith([scanA, multi], { m4: result });
    expect(changedPlaces(state, 'm4')).toEqual([
      '/shows/B/sh010',
      '/shows/B/sh020',
      '/shows/A/sh010',
      '/shows/A/sh020',
    ]);
    expect(outOfDateBecause(state, 'scanA')).toBe('m4');
  });
});
