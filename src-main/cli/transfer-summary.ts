/** What `wrangle copy` and `wrangle move` print when they end: what was done, and what was not, by cause. */
import type { JobState, TransferResult } from '../../src-shared/jobs';
import { countOf, formatBytes, formatDuration } from '../../src-shared/format';

/** How many failure groups are printed before "… and N more". */
const SHOWN = 10;

/** A few lines a person reads at the end of a copy or move. */
export function transferSummary(result: TransferResult, state: JobState, batchId: string): string {
  const moved = result.kind === 'move';
  const verb = moved ? 'Moved' : 'Copied';
  const done = result.files_copied + result.files_renamed_in_place;
  const of = result.files_total > done ? ` of ${countOf(result.files_total, 'file')}` : '';
  const bytes = formatBytes(result.bytes_copied + result.bytes_renamed_in_place);
  let head = `${verb} ${of ? done.toLocaleString('en-US') : countOf(done, 'file')}${of} (${bytes}) into ${result.destination} in ${formatDuration(result.duration_ms)}`;
  if (state === 'completed' && result.failed_count > 0)
    head += ` — completed with ${countOf(result.failed_count, 'failure')}`;
  const lines = [head];
  if (state === 'cancelled') {
    lines.push(
      moved
        ? '  Cancelled: the files moved so far are at the destination; the rest are still in the source. No partial file was left.'
        : '  Cancelled: the files copied so far were kept; no partial file was left.',
    );
  }
  const details = [
    result.entries_renamed_in_place > 0
      ? `${countOf(result.entries_renamed_in_place, 'folder or file', 'folders or files')} renamed in place (${countOf(result.files_renamed_in_place, 'file')})`
      : '',
    result.files_skipped > 0
      ? `${countOf(result.files_skipped, 'file')} skipped (already there, ${formatBytes(result.bytes_skipped)})`
      : '',
    result.files_renamed > 0 ? `${countOf(result.files_renamed, 'file')} written as "name (1)"` : '',
    result.verify ? `${countOf(result.verified_files, 'file')} verified with xxHash64` : '',
    result.sources_removed > 0
      ? `${countOf(result.sources_removed, 'source file')} removed after verification`
      : '',
  ].filter(Boolean);
  if (details.length > 0) lines.push(`  ${details.join(', ')}`);
  const removed = result.housekeeping?.temp_files_removed_count ?? 0;
  if (removed > 0)
    lines.push(`  Removed ${countOf(removed, 'temporary file')} left by Wrangle jobs that had died`);
  if (result.checksum_file) lines.push(`  Checksums: ${result.checksum_file}`);
  if (result.failed_count > 0) {
    lines.push(`  Not ${moved ? 'moved' : 'copied'} (${countOf(result.failed_count, 'file')}), by cause:`);
    const groups = result.failure_groups;
    for (const group of groups.slice(0, SHOWN)) {
      const where = group.folder ?? group.examples.slice(0, 3).join(', ');
      const more = !group.folder && group.count > 3 ? `, … (${group.count - 3} more)` : '';
      lines.push(`    ${countOf(group.count, 'file')}: ${group.cause} [${group.code}] — ${where}${more}`);
    }
    if (groups.length > SHOWN) lines.push(`    … and ${groups.length - SHOWN} more causes`);
    lines.push(
      `  Every file is listed in ${result.report_path}. To run just these again: wrangle retry ${batchId}`,
    );
  }
  if (moved && result.left_in_place.length > 0) {
    lines.push(
      `  ${countOf(result.left_in_place.length, 'source', 'sources')} kept in place (listed in the report).`,
    );
  }
  return lines.join('\n');
}
