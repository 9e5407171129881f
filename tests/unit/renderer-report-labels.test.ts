/** The words of an ended copy or move: its outcome (amber when completed with failures) and its report. */
import { describe, expect, it } from 'vitest';
import type {
  FailureGroup,
  JobInfo,
  ScanResult,
  TransferHousekeeping,
  TransferResult,
} from '../../src-shared/jobs';
import { completedWithFailuresText, failedCountOf, outcomeOf } from '../../src-renderer/src/jobs/outcome';
import {
  doneText,
  failedNote,
  failureGroupRows,
  failureSectionTitle,
  housekeepingText,
  renamedInPlaceText,
  retryLabel,
  skippedText,
  unlistedFailures,
} from '../../src-renderer/src/transfer/report-labels';

const blockedFolder: FailureGroup = {
  code: 'CONFLICT',
  errno: 'ENOTDIR',
  cause: 'A file named /dest/shot/blocked is in the way of the folder',
  folder: '/src/shot/blocked',
  count: 20,
  examples: ['/src/shot/blocked'],
};

const unreadableFiles: FailureGroup = {
  code: 'COPY_PERMISSION_ERROR',
  errno: 'EACCES',
  cause: 'Cannot read the file',
  folder: null,
  count: 7,
  examples: ['/src/shot/a.exr', '/src/shot/b.exr'],
};

describe('the outcome of a job', () => {
  it('tells "completed with failures" apart from a clean completion', () => {
    expect(outcomeOf('completed', 0)).toBe('completed');
    expect(outcomeOf('completed', 319)).toBe('completed-with-failures');
    expect(outcomeOf('failed', 3)).toBe('failed');
    expect(outcomeOf('cancelled', 3)).toBe('cancelled');
    expect(outcomeOf('running', 3)).toBe('running');
    expect(completedWithFailuresText(319)).toBe('Completed with 319 failures');
    expect(completedWithFailuresText(1)).toBe('Completed with 1 failure');
    expect(completedWithFailuresText(1234)).toBe('Completed with 1,234 failures');
  });

  it('counts failures from the job list or the result, whichever knows', () => {
    const job = { failed_count: 0 } as JobInfo;
    expect(failedCountOf(job, { kind: 'copy', failed_count: 20 } as TransferResult)).toBe(20);
    expect(failedCountOf({ failed_count: 20 } as JobInfo, undefined)).toBe(20);
    expect(failedCountOf(undefined, null)).toBe(0);
    expect(failedCountOf(job, { kind: 'scan' } as ScanResult)).toBe(0);
  });
});

describe('failures by cause', () => {
  it('makes one line per cause: a blocked folder is one line with its count and the folder', () => {
    const [folder, files] = failureGroupRows([blockedFolder, unreadableFiles]);
    expect(folder).toMatchObject({
      count: '20',
      cause: blockedFolder.cause,
      code: 'CONFLICT · ENOTDIR',
      placeLabel: 'Folder',
      paths: ['/src/shot/blocked'],
      more: 0,
    });
    expect(files).toMatchObject({
      count: '7',
      code: 'COPY_PERMISSION_ERROR · EACCES',
      placeLabel: 'For example',
      paths: ['/src/shot/a.exr', '/src/shot/b.exr'],
      more: 5,
    });
    expect(folder!.key).not.toBe(files!.key);
  });

  it('shows the code once when the errno says nothing more', () => {
    const [row] = failureGroupRows([{ ...unreadableFiles, code: 'SOURCE_CHANGED', errno: '' }]);
    expect(row!.code).toBe('SOURCE_CHANGED');
  });

  it('titles the section with the failures and causes, and counts what the groups leave out', () => {
    expect(failureSectionTitle(20, 1)).toBe('Failed: 20 entries, 1 cause');
    expect(failureSectionTitle(1, 1)).toBe('Failed: 1 entry, 1 cause');
    expect(failureSectionTitle(319, 3)).toBe('Failed: 319 entries, 3 causes');
    expect(unlistedFailures({ failed_count: 27, failure_groups: [blockedFolder, unreadableFiles] })).toBe(0);
    expect(unlistedFailures({ failed_count: 30, failure_groups: [blockedFolder] })).toBe(10);
  });
});

describe('the report totals and notes', () => {
  const base = {
    kind: 'copy',
    files_total: 23,
    files_copied: 3,
    files_skipped: 0,
    bytes_skipped: 0,
    entries_renamed_in_place: 0,
    files_renamed_in_place: 0,
    bytes_renamed_in_place: 0,
    failed_count: 20,
  } as TransferResult;

  it('shows what arrived out of the total, and skipped bytes when any', () => {
    expect(doneText(base)).toEqual({ done: '3', of: '23' });
    expect(doneText({ ...base, files_total: 0 })).toEqual({ done: '3', of: null });
    expect(skippedText(base)).toEqual({ count: '0', bytes: null });
    expect(skippedText({ ...base, files_skipped: 12, bytes_skipped: 4_500_000 })).toEqual({
      count: '12',
      bytes: '4.5 MB',
    });
  });

  it('counts a move renamed in place, and says so', () => {
    const moved = {
      ...base,
      kind: 'move',
      files_total: 1204,
      files_copied: 0,
      entries_renamed_in_place: 1,
      files_renamed_in_place: 1204,
      bytes_renamed_in_place: 3_400_000_000,
    } as TransferResult;
    expect(doneText(moved)).toEqual({ done: '1,204', of: '1,204' });
    expect(renamedInPlaceText(moved)).toBe('Renamed in place: 1,204 files (3.4 GB)');
    expect(renamedInPlaceText(base)).toBeNull();
  });

  it('mentions temporary files of dead jobs only when some were removed', () => {
    expect(housekeepingText(base)).toBeNull();
    const housekeeping: TransferHousekeeping = {
      temp_files_removed: [],
      temp_files_removed_count: 3,
      mtime_window_ns: 1,
      publish: 'tmpfile',
      bytes_read: null,
      engine: 'native',
    };
    expect(housekeepingText({ housekeeping })).toBe(
      'Removed 3 temporary files left at the destination by Wrangle jobs that had stopped.',
    );
    expect(housekeepingText({ housekeeping: { ...housekeeping, temp_files_removed_count: 0 } })).toBeNull();
  });

  it('offers a retry only when there is something to run again', () => {
    expect(retryLabel('completed', { failed_count: 20 })).toBe('Retry failed');
    expect(retryLabel('completed', { failed_count: 0 })).toBeNull();
    expect(retryLabel('cancelled', { failed_count: 0 })).toBe('Retry the rest');
    expect(retryLabel('failed', { failed_count: 4 })).toBe('Retry the rest');
    expect(retryLabel('failed', null)).toBeNull();
    expect(retryLabel('running', { failed_count: 4 })).toBeNull();
  });

  it('says what a job that failed mid-way kept', () => {
    expect(failedNote('copy', base)).toBe(
      '3 files copied before it stopped were kept; no partial file was left behind.',
    );
    expect(failedNote('copy', null)).toMatch(/^Files copied before it stopped were kept/);
    expect(failedNote('move', base)).toMatch(/left where they were/);
  });
});
