/** Pure helpers for the words of an ended copy's or move's report: failures by cause, skipped, renamed, housekeeping. */
import type { FailureGroup, JobState, TransferResult } from '../../../src-shared/jobs';
import { countOf, formatBytes, formatCount } from '../../../src-shared/format';
import { filesDone, type TransferKind } from './transfer-labels';

/** One cause of failures, as one line of the report. */
export interface FailureGroupRow {
  key: string;
  /** "20": the entries this cause kept from being transferred. */
  count: string;
  cause: string;
  /** "CONFLICT · ENOTDIR". */
  code: string;
  /** What the paths are: the folder that failed as a whole, or a few of the files. */
  placeLabel: 'Folder' | 'For example';
  paths: string[];
  /** Files of a per-file cause not among the examples (0 for a folder). */
  more: number;
}

/** One line per cause, biggest first (as the engine orders them). */
export function failureGroupRows(groups: readonly FailureGroup[]): FailureGroupRow[] {
  return groups.map((group, index) => {
    const code = group.errno && group.errno !== group.code ? `${group.code} · ${group.errno}` : group.code;
    const folder = group.folder;
    const paths = folder !== null ? [folder] : group.examples;
    const more = folder !== null ? 0 : Math.max(0, group.count - group.examples.length);
    return {
      key: `${index}:${group.code}:${group.errno}:${folder ?? ''}`,
      count: formatCount(group.count),
      cause: group.cause,
      code,
      placeLabel: folder !== null ? 'Folder' : 'For example',
      paths,
      more,
    };
  });
}

/** "Failed: 20 entries, 1 cause" / "Failed: 319 entries, 3 causes". */
export function failureSectionTitle(failedCount: number, groupCount: number): string {
  return `Failed: ${countOf(failedCount, 'entry', 'entries')}, ${countOf(groupCount, 'cause')}`;
}

/** Failures the listed groups do not account for (the result carries at most MAX_FAILURE_GROUPS). */
export function unlistedFailures(result: Pick<TransferResult, 'failed_count' | 'failure_groups'>): number {
  const listed = result.failure_groups.reduce((sum, group) => sum + group.count, 0);
  return Math.max(0, result.failed_count - listed);
}

/** Files skipped by the conflict policy, and their bytes ("4.5 MB") when any were skipped. */
export function skippedText(result: Pick<TransferResult, 'files_skipped' | 'bytes_skipped'>): {
  count: string;
  bytes: string | null;
} {
  return {
    count: formatCount(result.files_skipped),
    bytes: result.bytes_skipped > 0 ? formatBytes(result.bytes_skipped) : null,
  };
}

/** The "Copied"/"Moved" cell: files that arrived, and "of N" when N means the same thing. */
export function doneText(result: TransferResult): { done: string; of: string | null } {
  // files_total counts files renamed into place too, so the two compare.
  const of = result.files_total > 0 ? formatCount(result.files_total) : null;
  return { done: formatCount(filesDone(result)), of };
}

/** "Renamed in place: 1,204 files (3.4 GB)", for a move that renamed folders on the same drive; else null. */
export function renamedInPlaceText(
  result: Pick<
    TransferResult,
    'entries_renamed_in_place' | 'files_renamed_in_place' | 'bytes_renamed_in_place'
  >,
): string | null {
  if (result.entries_renamed_in_place === 0 && result.files_renamed_in_place === 0) return null;
  return `Renamed in place: ${countOf(result.files_renamed_in_place, 'file')} (${formatBytes(result.bytes_renamed_in_place)})`;
}

/** "Removed 3 temporary files left by Wrangle jobs that had stopped.", when there were any; else null. */
export function housekeepingText(result: Pick<TransferResult, 'housekeeping'>): string | null {
  const removed = result.housekeeping?.temp_files_removed_count ?? 0;
  if (removed === 0) return null;
  return `Removed ${countOf(removed, 'temporary file')} left at the destination by Wrangle jobs that had stopped.`;
}

/**
 * The retry button's words for an ended job with a report, or null when there is nothing to run again:
 * "Retry failed" after a completion with failures; "Retry the rest" for a cancelled or failed job.
 */
export function retryLabel(
  state: JobState,
  result: Pick<TransferResult, 'failed_count'> | null | undefined,
): string | null {
  if (!result) return null;
  if (state === 'completed') return result.failed_count > 0 ? 'Retry failed' : null;
  // A retry of a job that stopped early also runs what it never reached, not only what failed.
  if (state === 'cancelled' || state === 'failed') return 'Retry the rest';
  return null;
}

/** What a job that failed mid-way kept, leading its report. */
export function failedNote(kind: TransferKind, result: TransferResult | null | undefined): string {
  if (kind === 'move') return 'Source files whose copy was not verified were left where they were.';
  if (!result) return 'Files copied before it stopped were kept; no partial file was left behind.';
  const count = filesDone(result);
  return `${countOf(count, 'file')} copied before it stopped ${count === 1 ? 'was' : 'were'} kept; no partial file was left behind.`;
}
