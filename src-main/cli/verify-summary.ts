/** What `wrangle verify` prints when it ends: the verdict, then what is changed, missing, new or unreadable. */
import { countOf, formatBytes, formatDuration } from '../../src-shared/format';
import type { JobState } from '../../src-shared/jobs';
import type { VerifyResult } from '../../src-shared/verify';

/** Paths printed per list before "… and N more". */
const SHOWN = 20;

/** The source of truth, in words. */
function sourceText(result: VerifyResult): string {
  const files = result.source_files;
  const named = files.length > 3 ? `${files.slice(0, 3).join(', ')}, …` : files.join(', ');
  return result.source === 'ascmhl'
    ? `its ASC MHL history (${named})`
    : `its checksum ${files.length === 1 ? 'file' : 'files'} ${named}`;
}

function listed(lines: string[], title: string, total: number, items: string[]): void {
  if (total === 0) return;
  lines.push(`  ${title}:`);
  for (const item of items.slice(0, SHOWN)) lines.push(`    ${item.replace(/[\n\r\t]/g, '?')}`);
  if (total > Math.min(items.length, SHOWN))
    lines.push(`    … and ${total - Math.min(items.length, SHOWN)} more`);
}

/** A few lines a person reads at the end of a verification. */
export function verifySummary(result: VerifyResult, state: JobState): string {
  const verdict =
    state === 'cancelled'
      ? 'STOPPED'
      : result.failed_count === 0
        ? 'VERIFIED'
        : `FAILED (${countOf(result.failed_count, 'problem')})`;
  const lines = [
    `${verdict}: ${result.root} against ${sourceText(result)}`,
    `  ${countOf(result.files_verified, 'file')} verified of ${countOf(result.files_checked, 'file')} read (${formatBytes(result.bytes_checked)}, ${result.formats.join(', ')}) in ${formatDuration(result.duration_ms)}` +
      `; changed ${result.files_changed}, missing ${result.files_missing}, new ${result.files_new}, unreadable ${result.files_unreadable}`,
  ];
  if (state === 'cancelled')
    lines.push('  Cancelled before the end: the files not yet read were not checked.');
  listed(
    lines,
    'Changed (the bytes no longer match)',
    result.files_changed,
    result.changed.map((item) => `${item.path}  ${item.format} was ${item.expected}, is ${item.actual}`),
  );
  listed(lines, 'Missing', result.files_missing, result.missing);
  listed(
    lines,
    'Unreadable',
    result.files_unreadable,
    result.unreadable.map((item) => `${item.path}  (${item.errno}) ${item.message}`),
  );
  listed(lines, 'New (listed nowhere; reported, not failed)', result.files_new, result.new);
  const dirs = result.directory_hashes;
  if (dirs && dirs.checked > 0) {
    const differ = dirs.checked - dirs.matching;
    let text = `  Directory hashes: ${dirs.matching} of ${dirs.checked} match`;
    if (differ > 0)
      text += `; ${differ} differ (${dirs.explained} explained by the files above): ${dirs.mismatched
        .slice(0, 5)
        .map((item) => `${item.path || '(root)'} ${item.part}`)
        .join(', ')}`;
    lines.push(text);
  }
  if (result.cache_bypass === 'not_held' || result.cache_bypass === 'partly')
    lines.push(
      `  Note: ${result.cache_bypass === 'partly' ? 'some files' : 'the files'} could not be dropped from the page cache, so they may have been read from memory rather than from the storage.`,
    );
  for (const warning of (result.warnings ?? []).slice(0, 5)) lines.push(`  Warning: ${warning}`);
  if (result.generation) lines.push(`  Recorded generation: ${result.generation}`);
  if (result.generation_error) lines.push(`  ${result.generation_error}`);
  lines.push(`  Report: ${result.report_path}`);
  return lines.join('\n');
}
