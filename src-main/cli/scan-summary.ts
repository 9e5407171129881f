/** What `wrangle scan` prints when it is done: a short human summary. */
import { hasProblems, type ScanResult, type SequenceEntry } from '../../src-shared/jobs';
import { countOf, formatBytes, formatCount, formatDuration } from '../../src-shared/format';
import { frameListText, frameRangeText, missingText } from '../../src-shared/frame-text';

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
  if (result.file_types.length > 0) {
    // A short table: the types that hold the most bytes; --json has up to 30 and the rest as "(other)".
    lines.push(
      `${'  By file type:'.padEnd(20)} ${'files'.padStart(9)} ${'size'.padStart(9)} ${'share'.padStart(7)}`,
    );
    const total = Math.max(1, result.total_size);
    for (const type of result.file_types.slice(0, 8)) {
      const share = `${((type.bytes / total) * 100).toFixed(1)}%`;
      lines.push(
        `    ${type.ext.padEnd(16)} ${formatCount(type.count).padStart(9)} ${formatBytes(type.bytes).padStart(9)} ${share.padStart(7)}`,
      );
    }
  }
  if (result.sequence_count > 0) {
    lines.push(
      `  ${countOf(result.sequence_count, 'image sequence')}, ${countOf(result.problem_sequence_count, 'with problems', 'with problems')}`,
    );
    const problems = result.sequences.filter(hasProblems);
    for (const sequence of problems.slice(0, 10)) {
      const where = `${sequence.dir ? `${sequence.dir}/` : ''}${sequence.pattern}`;
      const range = `${frameRangeText(sequence.first, sequence.last)} (${countOf(sequence.count, 'frame')})`;
      lines.push(`    ${where} ${range} — ${problemText(sequence)}`);
    }
    if (result.problem_sequence_count > 10)
      lines.push(`    … and ${result.problem_sequence_count - 10} more (see --json)`);
  }
  pathList(lines, result.zero_byte_file_count, 'zero-byte file', result.zero_byte_files);
  pathList(lines, result.empty_folder_count, 'empty folder', result.empty_folders);
  if (result.error_count > 0) {
    lines.push(`  ${countOf(result.error_count, 'entry', 'entries')} could not be read:`);
    for (const error of result.errors.slice(0, 10)) lines.push(`    ${error.path}: ${error.message}`);
    if (result.error_count > 10)
      lines.push(`    … and ${formatCount(result.error_count - 10)} more (see --json)`);
  }
  return lines.join('\n');
}

/** "3 zero-byte files:" and the first few of their paths (a capped list; `count` is all of them). */
function pathList(lines: string[], count: number, noun: string, paths: readonly string[]): void {
  if (count === 0) return;
  lines.push(`  ${countOf(count, noun)}:`);
  for (const path of paths.slice(0, 10)) lines.push(`    ${path}`);
  if (count > 10) lines.push(`    … and ${formatCount(count - 10)} more (see --json)`);
}

/** "2 missing: 1107, 1188; 1 zero-byte: 1200" — at most a few frames or ranges named per kind. */
function problemText(sequence: SequenceEntry): string {
  const parts: string[] = [];
  if (sequence.missing) parts.push(missingText(sequence.missing));
  const list = (frames: number[]): string => frameListText(frames, 5);
  if (sequence.zero_byte.length > 0)
    parts.push(`${sequence.zero_byte.length} zero-byte: ${list(sequence.zero_byte)}`);
  if (sequence.suspect_small.length > 0) {
    parts.push(`${sequence.suspect_small.length} suspiciously small: ${list(sequence.suspect_small)}`);
  }
  return parts.join('; ');
}
