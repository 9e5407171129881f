/** What `wrangle scan` prints when it is done: a short human summary. */
import type { ScanResult } from '../../src-shared/jobs';
import { countOf, formatBytes, formatCount, formatDuration } from '../../src-shared/format';

/** A few lines a person reads at the end of a scan. */
export function scanSummary(result: ScanResult): string {
  const lines = [
    `Scanned ${result.root} in ${formatDuration(result.duration_ms)}`,
    `  ${countOf(result.file_count, 'file')}, ${countOf(result.directory_count, 'folder')}, ${countOf(result.symlink_count, 'symlink')}`,
    `  ${formatBytes(result.total_size)} (${formatCount(result.total_size)} bytes)`,
  ];
  if (result.largest_dirs.length > 0) {
    lines.push('  Largest folders:');
    for (const dir of result.largest_dirs.slice(0, 5))
      lines.push(`    ${formatBytes(dir.total_size).padStart(9)}  ${dir.path}`);
  }
  if (result.error_count > 0) {
    lines.push(`  ${countOf(result.error_count, 'entry', 'entries')} could not be read:`);
    for (const error of result.errors.slice(0, 10)) lines.push(`    ${error.path}: ${error.message}`);
    if (result.error_count > 10)
      lines.push(`    … and ${formatCount(result.error_count - 10)} more (see --json)`);
  }
  return lines.join('\n');
}
