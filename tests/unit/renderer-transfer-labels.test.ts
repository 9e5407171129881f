/** The words and checks the copy/move UI uses, and the options dialog's request. */
import { describe, expect, it } from 'vitest';
import type { ProgressSnapshot, TransferResult } from '../../src-shared/jobs';
import {
  cancelledNote,
  endedTotalsText,
  filesDone,
  isPaused,
  pendingControlText,
  POLICY_CHOICES,
  transferBadgeText,
  transferStateLabel,
  transferStatusText,
  transferTitle,
} from '../../src-renderer/src/transfer/transfer-labels';
import { throughputText } from '../../src-renderer/src/progress/progress-labels';
import { createTransferSetupStore } from '../../src-renderer/src/transfer/setup-store';
import { requestOf } from '../../src-renderer/src/transfer/flow';
import { createAppStore } from '../../src-renderer/src/store/app-store';
import { jobOf } from '../../src-renderer/src/store/job-selectors';

describe('transfer labels', () => {
  it('names the modal and the job row by kind and state', () => {
    expect(transferTitle('copy', 'SHOW')).toBe('Copying SHOW');
    expect(transferTitle('move', 'SHOW')).toBe('Moving SHOW');
    expect(transferStateLabel('copy', 'running', 'copying', 42)).toBe('copying 42%');
    expect(transferStateLabel('move', 'running', 'moving', 7)).toBe('moving 7%');
    expect(transferStateLabel('copy', 'running', 'paused', 42)).toBe('copy paused 42%');
    expect(transferStateLabel('copy', 'running', 'preparing', 0)).toBe('copying — counting files');
    expect(transferStateLabel('move', 'completed', 'done', 100)).toBe('move completed');
    expect(transferStateLabel('copy', 'queued', undefined, 0)).toBe('copy queued');
    expect(transferStateLabel('copy', 'completed', 'done', 100, 20)).toBe('copy completed with 20 failures');
    expect(transferStateLabel('move', 'completed', 'done', 100, 1)).toBe('move completed with 1 failure');
    // A failed or cancelled job says so, whatever it failed to transfer.
    expect(transferStateLabel('copy', 'failed', 'done', 40, 3)).toBe('copy failed');
  });

  it('puts the failures of a completed job in its badge', () => {
    expect(transferBadgeText('copy', 'running', 'copying', 0)).toBe('copying');
    expect(transferBadgeText('move', 'running', 'paused', 0)).toBe('paused');
    expect(transferBadgeText('copy', 'completed', 'done', 0)).toBe('completed');
    expect(transferBadgeText('copy', 'completed', 'done', 1234)).toBe('1,234 failed');
    expect(transferBadgeText('copy', 'cancelled', 'done', 3)).toBe('cancelled');
  });

  it('gives the status line for each phase and ending', () => {
    expect(transferStatusText('copy', 'running', 'preparing', undefined)).toBe('Counting files…');
    expect(transferStatusText('copy', 'running', 'copying', undefined)).toBe('Copying…');
    expect(transferStatusText('move', 'running', 'moving', undefined)).toBe('Moving…');
    expect(transferStatusText('copy', 'running', 'paused', undefined)).toBe('Paused');
    expect(transferStatusText('copy', 'completed', 'done', undefined)).toBe('Completed');
    expect(transferStatusText('copy', 'completed', 'done', undefined, 0)).toBe('Completed');
    expect(transferStatusText('copy', 'completed', 'done', undefined, 319)).toBe(
      'Completed with 319 failures',
    );
    expect(transferStatusText('move', 'completed', 'done', undefined, 1)).toBe('Completed with 1 failure');
    expect(transferStatusText('copy', 'cancelled', 'done', undefined, 5)).toBe('Cancelled');
    expect(transferStatusText('copy', 'failed', 'done', 'No space left')).toBe('Failed: No space left');
    expect(transferStatusText('copy', 'cancelled', 'done', undefined)).toBe('Cancelled');
    expect(isPaused('running', 'paused')).toBe(true);
    expect(isPaused('cancelled', 'paused')).toBe(false);
  });

  it('shows throughput in MB/s', () => {
    expect(throughputText(412_600_000)).toBe('412.6 MB/s');
  });

  it('offers the four policies with skip first', () => {
    expect(POLICY_CHOICES.map((c) => c.value)).toEqual(['skip', 'overwrite', 'rename', 'newer']);
    expect(POLICY_CHOICES.map((c) => c.label)).toEqual([
      'Skip identical files',
      'Overwrite',
      'Keep both (rename)',
      'Only if newer',
    ]);
  });

  it('says "Pausing…" until the engine reports paused, and "Resuming…" until it goes on', () => {
    expect(pendingControlText('pause', false)).toBe('Pausing…');
    expect(pendingControlText('pause', true)).toBeNull();
    expect(pendingControlText('resume', true)).toBe('Resuming…');
    expect(pendingControlText('resume', false)).toBeNull();
    expect(pendingControlText(null, false)).toBeNull();
  });

  it('says what a cancel kept', () => {
    const result = { files_copied: 312, files_renamed_in_place: 0 } as TransferResult;
    expect(cancelledNote('copy', result)).toMatch(/^312 files copied before the cancel were kept/);
    expect(cancelledNote('copy', { ...result, files_copied: 1 })).toMatch(
      /^1 file copied before the cancel was kept/,
    );
    expect(cancelledNote('copy', null)).toMatch(/^The files copied before the cancel were kept/);
    expect(cancelledNote('move', result)).toMatch(/still in the source/);
    // A move counts what it renamed into place too.
    const renamed = { files_copied: 2, files_renamed_in_place: 40 } as TransferResult;
    expect(filesDone(renamed)).toBe(42);
    expect(cancelledNote('move', renamed)).toMatch(
      /^42 files moved before the cancel are at the destination/,
    );
  });
});

describe('transfer setup', () => {
  it('opens with the remembered choices (first launch: verify, ASC MHL, xxh64); a checksum file needs verify', () => {
    const store = createTransferSetupStore();
    store.getState().open('copy', ['/shows/SHOW'], '/backup', false);
    const draft = store.getState().draft;
    expect(draft).toMatchObject({
      kind: 'copy',
      policy: 'skip',
      verify: true,
      mhl: true,
      hashes: ['xxh64'],
      checksumFile: false,
      also: [],
    });
    store.getState().update({ checksumFile: true, verify: false });
    expect(requestOf(store.getState().draft!)).toEqual({
      sources: ['/shows/SHOW'],
      destination: '/backup',
      also: [],
      policy: 'skip',
      verify: false,
      hashes: ['xxh64'],
      mhl: true,
      checksum_file: false,
      create_parents: false,
    });
    store.getState().update({ verify: true, policy: 'newer' });
    expect(requestOf(store.getState().draft!)).toMatchObject({
      verify: true,
      checksum_file: true,
      policy: 'newer',
    });
    store.getState().close();
    expect(store.getState().draft).toBeNull();
  });

  it('creates missing folders only when confirmed for the destination shown', () => {
    const store = createTransferSetupStore();
    store.getState().open('copy', ['/shows/SHOW'], '/mnt/new/a/dest', false);
    expect(requestOf(store.getState().draft!).create_parents).toBe(false);
    store.getState().update({ createParents: true, error: 'Could not start' });
    expect(requestOf(store.getState().draft!).create_parents).toBe(true);
    // Typing another destination withdraws the confirmation (and the old error).
    store.getState().setDestination('/mnt/other/b/dest');
    expect(store.getState().draft).toMatchObject({
      destination: '/mnt/other/b/dest',
      createParents: false,
      error: null,
    });
  });
});

describe('transfer snapshots in the store', () => {
  const snap = (phase: ProgressSnapshot['phase'], files: number, percentage: number): ProgressSnapshot => ({
    batch_id: 'c1',
    kind: 'copy',
    root: '/shows/SHOW',
    state: 'running',
    phase,
    files_processed: files,
    dirs_processed: 0,
    bytes_processed: files * 10,
    errors_count: 0,
    current_file: null,
    percentage,
    estimate: 'bytes',
    files_total: phase === 'preparing' ? null : 500,
    bytes_total: phase === 'preparing' ? null : 5000,
    rate: { files_per_second: 0, bytes_per_second: 0 },
    eta_ms: null,
    emitted_at: 0,
    updated_at: '2026-01-01T00:00:00.000Z',
  });

  it('lets the copy count start again after counting, but not go backwards within a phase', () => {
    const store = createAppStore();
    expect(store.getState().applySnapshot(snap('preparing', 500, 0))).toBe(true);
    expect(store.getState().applySnapshot(snap('copying', 3, 1))).toBe(true);
    expect(store.getState().applySnapshot(snap('copying', 2, 1))).toBe(false);
    expect(store.getState().applySnapshot(snap('paused', 3, 1))).toBe(true);
  });

  it('learns the failures of a completed copy from its result, so the row turns amber at once', () => {
    const store = createAppStore();
    store.getState().upsertJob({
      batch_id: 'c1',
      kind: 'copy',
      root: '/shows/SHOW',
      destination: '/backup',
      state: 'running',
      created_at: '2026-01-01T00:00:00.000Z',
      started_at: null,
      finished_at: null,
      failure: null,
      failed_count: 0,
      retry_of: null,
    });
    const result = { kind: 'copy', failed_count: 20 } as TransferResult;
    store.getState().applyCompleted('c1', result, snap('done', 3, 100));
    expect(jobOf(store.getState(), 'c1')).toMatchObject({ state: 'completed', failed_count: 20 });
  });

  it("counts a move's files renamed into place in the jobs panel, not only those copied", () => {
    // A same-filesystem move of a folder renames it: nothing is copied, three files arrive.
    const renamed = {
      files_copied: 0,
      bytes_copied: 0,
      files_renamed_in_place: 3,
      bytes_renamed_in_place: 3000,
    } as TransferResult;
    expect(endedTotalsText('move', renamed)).toEqual(['3.0 KB', '3 files moved']);
    const copied = {
      ...renamed,
      files_copied: 1,
      bytes_copied: 500,
      files_renamed_in_place: 0,
      bytes_renamed_in_place: 0,
    };
    expect(endedTotalsText('copy', copied)).toEqual(['500 B', '1 file copied']);
    expect(endedTotalsText('copy', undefined)).toEqual([]);
  });
});
