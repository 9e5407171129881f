/**
 * The verification's handover report (the reports library's HTML and CSV) beside its JSON report: the folder
 * checked as its one destination, what it was checked against as its sources, one row per file.
 */
import type { FailureGroup } from '../../src-shared/jobs';
import type { VerifyResult } from '../../src-shared/verify';
import { handoverPaths, renderHandover, type HandoverModel, type HandoverRow } from '../reports';
import type { VerifyReportRow } from './verify-report';

/** The problems by cause, as the report lists failures. */
function failureGroups(result: VerifyResult): FailureGroup[] {
  const groups: FailureGroup[] = [];
  if (result.files_changed > 0)
    groups.push({
      code: 'VERIFY_MISMATCH',
      errno: '',
      cause: 'The bytes no longer match the recorded hash (changed or corrupted)',
      folder: null,
      count: result.files_changed,
      examples: result.changed.slice(0, 5).map((item) => item.path),
    });
  if (result.files_missing > 0)
    groups.push({
      code: 'SOURCE_NOT_FOUND',
      errno: 'ENOENT',
      cause: 'Listed, but not in the folder (deleted, renamed or never copied)',
      folder: null,
      count: result.files_missing,
      examples: result.missing.slice(0, 5),
    });
  if (result.files_unreadable > 0)
    groups.push({
      code: 'SCAN_IO_ERROR',
      errno: result.unreadable[0]?.errno ?? '',
      cause: 'Could not be read',
      folder: null,
      count: result.files_unreadable,
      examples: result.unreadable.slice(0, 5).map((item) => item.path),
    });
  return groups.sort((a, b) => b.count - a.count);
}

/** The facts of a verification, for the report. */
function verifyModel(batchId: string, state: 'completed' | 'cancelled', result: VerifyResult): HandoverModel {
  const dirs = result.directory_hashes;
  return {
    kind: 'verify',
    batch_id: batchId,
    state,
    error: null,
    sources: result.source_files,
    destinations: [
      {
        path: result.root,
        read_back: result.cache_bypass,
        files: result.files_checked,
        bytes: result.bytes_checked,
        verified: result.files_verified,
        failed: result.failed_count,
        stopped: null,
        mhl_manifests: result.generation ? [result.generation] : null,
        checksum_file: null,
      },
    ],
    hashes: result.formats,
    verify: true,
    started_at: new Date(Date.parse(result.finished_at) - result.duration_ms).toISOString(),
    finished_at: result.finished_at,
    duration_ms: result.duration_ms,
    bytes: result.bytes_checked,
    failed_count: result.failed_count,
    failure_groups: failureGroups(result),
    facts: [
      {
        label: 'Checked against',
        value: result.source === 'ascmhl' ? 'ASC MHL history' : 'Checksum files',
      },
      { label: 'New files (listed nowhere)', value: String(result.files_new) },
      ...(dirs ? [{ label: 'Directory hashes', value: `${dirs.matching} of ${dirs.checked} match` }] : []),
      ...(result.generation ? [{ label: 'Generation recorded', value: result.generation }] : []),
      ...(result.generation_error ? [{ label: 'Generation', value: result.generation_error }] : []),
    ],
  };
}

/** A report row as a handover row: the hashes read (the recorded ones for a file that was not). */
async function* handoverRows(rows: AsyncIterable<VerifyReportRow>): AsyncGenerator<HandoverRow> {
  for await (const row of rows) {
    const hashes = row.actual ?? row.expected;
    yield {
      path: row.path,
      size: row.size ?? 0,
      status: row.status,
      ...(hashes ? { hashes } : {}),
      ...(row.detail ? { cause: row.detail } : {}),
    };
  }
}

/**
 * Write `report.html` and `report.csv` beside `reportPath`; their paths, or why they could not be written
 * (the verification stands either way).
 */
export async function writeHandover(
  reportPath: string,
  batchId: string,
  state: 'completed' | 'cancelled',
  result: VerifyResult,
  rows: AsyncIterable<VerifyReportRow>,
): Promise<{ html: string; csv: string } | { error: string }> {
  const out = handoverPaths(reportPath);
  try {
    await renderHandover(verifyModel(batchId, state, result), handoverRows(rows), out);
    return out;
  } catch (error) {
    return { error: `The HTML and CSV reports were not written: ${(error as Error).message}` };
  }
}
