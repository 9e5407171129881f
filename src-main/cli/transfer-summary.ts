/** What `wrangle copy` and `wrangle move` print when they end: what was done, and every file that was not. */
import type { TransferResult } from '../../src-shared/jobs';
import { countOf, formatBytes, formatDuration } from '../../src-shared/format';

/** How many failures are printed before "… and N more". */
const SHOWN = 10;

/** A few lines a person reads at the end of a copy or move. */
export function transferSummary(result: TransferResult, state: 'completed' | 'failed' | 'cancelled'): string {
  const verb = result.kind === 'copy' ? 'Copied' : 'Moved';
  const done = result.files_copied + result.entries_renamed_in_place;
  const lines = [
    `${verb} ${countOf(done, 'item')} (${formatBytes(result.bytes_copied)}) into ${result.destination} in ${formatDuration(result.duration_ms)}`,
  ];
  if (state === 'cancelled')
    lines.push('  Cancelled: the files completed so far were kept; no partial file was left.');
  const details = [
    result.entries_renamed_in_place > 0
      ? `${countOf(result.entries_renamed_in_place, 'entry', 'entries')} renamed in place`
      : '',
    result.files_skipped > 0 ? `${countOf(result.files_skipped, 'file')} skipped (already there)` : '',
    result.files_renamed > 0 ? `${countOf(result.files_renamed, 'file')} written as "name (1)"` : '',
    result.verify ? `${countOf(result.verified_files, 'file')} verified with xxHash64` : '',
    result.sources_removed > 0
      ? `${countOf(result.sources_removed, 'source file')} removed after verification`
      : '',
  ].filter(Boolean);
  if (details.length > 0) lines.push(`  ${details.join(', ')}`);
  if (result.checksum_file) lines.push(`  Checksums: ${result.checksum_file}`);
  if (result.failed_count > 0) {
    lines.push(
      `  ${countOf(result.failed_count, 'file')} could not be ${result.kind === 'copy' ? 'copied' : 'moved'}:`,
    );
    for (const failure of result.failures.slice(0, SHOWN))
      lines.push(`    ${failure.path}: ${failure.message}`);
    if (result.failed_count > SHOWN)
      lines.push(`    … and ${result.failed_count - SHOWN} more (full list: ${result.report_path})`);
  }
  if (result.left_in_place.length > 0) {
    lines.push(`  Left in place (the source was kept):`);
    for (const kept of result.left_in_place.slice(0, SHOWN)) lines.push(`    ${kept.path}: ${kept.message}`);
    if (result.left_in_place.length > SHOWN) lines.push(`    … and more (full list: ${result.report_path})`);
  }
  return lines.join('\n');
}
