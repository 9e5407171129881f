/** A copy's or move's handover reports, from its JSON report file (version 2 or 3). */
import { countOf, formatBytes } from '../../src-shared/format';
import type { ConflictPolicy, TransferFailure } from '../../src-shared/jobs';
import type { HashFormat } from '../../src-shared/hash-formats';
import {
  statusTone,
  type HandoverDestination,
  type HandoverFact,
  type HandoverModel,
  type HandoverRow,
} from './model';
import { renderHandover, type HandoverOptions, type HandoverOutput } from './render';
import {
  readTransferReport,
  readTransferReportTail,
  ReportFormatError,
  type TransferReportHead,
  type TransferReportPart,
  type TransferReportRow,
  type TransferReportTail,
} from './transfer-report';

const POLICY_WORDS: Record<ConflictPolicy, string> = {
  skip: 'Skip: files already at the destination were left alone',
  overwrite: 'Overwrite: files already at the destination were replaced',
  rename: 'Keep both: a copy whose name was taken got a new name ("name (1).ext")',
  newer: 'Newer: files already at the destination were replaced only by newer ones',
};

/** The neutral model of a copy or move, from its report's head and tail. */
export function transferHandoverModel(head: TransferReportHead, tail: TransferReportTail): HandoverModel {
  const result = tail.result;
  const summaries = result.destinations ?? [];
  const paths =
    head.version >= 3 || summaries.length === 0
      ? head.destinations
      : summaries.map((summary, i) => summary.path ?? head.destinations[i] ?? '');
  const verify = head.verify ?? result.verify ?? false;
  const mhl = head.mhl ?? result.mhl ?? false;
  const destinations = paths.map((path, i): HandoverDestination => {
    const summary = summaries.find((s) => s.path === path) ?? summaries[i];
    if (summary) {
      return {
        path,
        read_back: summary.cache_bypass ?? null,
        files: summary.files_copied ?? null,
        bytes: summary.bytes_copied ?? null,
        verified: verify ? (summary.verified_files ?? null) : null,
        failed: summary.failed_count ?? null,
        stopped: summary.failure ?? null,
        mhl_manifests: summary.mhl_manifests ?? (mhl ? null : []),
        checksum_file: summary.checksum_file ?? null,
      };
    }
    // A version 2 report: one destination, its numbers are the result's.
    const only = paths.length === 1;
    return {
      path,
      read_back: verify ? null : 'not_verified',
      files: only ? (result.files_copied ?? null) : null,
      bytes: only ? (result.bytes_copied ?? null) : null,
      verified: only && verify ? (result.verified_files ?? null) : null,
      failed: only ? (result.failed_count ?? null) : null,
      stopped: null,
      mhl_manifests: mhl ? null : [],
      checksum_file: only ? (result.checksum_file ?? null) : null,
    };
  });
  const hashes: HashFormat[] = head.hashes ?? result.hashes ?? ['xxh64'];
  const finishedAt = result.finished_at ?? null;
  const duration = result.duration_ms ?? null;
  let startedAt = head.started_at;
  if (startedAt === null && finishedAt !== null && duration !== null) {
    const start = Date.parse(finishedAt) - duration;
    if (Number.isFinite(start)) startedAt = new Date(start).toISOString();
  }

  const facts: HandoverFact[] = [];
  if (result.policy) facts.push({ label: 'Conflict policy', value: POLICY_WORDS[result.policy] });
  facts.push({
    label: 'ASC MHL',
    value: mhl
      ? 'A history (ascmhl/) written into each copied top-level folder at every destination'
      : 'Not written',
  });
  if (head.kind === 'move') {
    if (result.sources_removed !== undefined)
      facts.push({
        label: 'Sources removed',
        value: `${countOf(result.sources_removed, 'file')}, each after its copy was verified`,
      });
    if ((result.files_renamed_in_place ?? 0) > 0 || (result.entries_renamed_in_place ?? 0) > 0)
      facts.push({
        label: 'Renamed in place',
        value: `${countOf(result.files_renamed_in_place ?? 0, 'file')} (${formatBytes(result.bytes_renamed_in_place ?? 0)}) moved by a rename on the same drive: not read or written`,
      });
    if (tail.left_in_place.length > 0)
      facts.push({
        label: 'Left in place',
        value: `${countOf(tail.left_in_place.length, 'source file')} kept where ${tail.left_in_place.length === 1 ? 'it was' : 'they were'} (not copied, or the copy not verified)`,
      });
  }
  if (result.retry_of)
    facts.push({ label: 'Retry of', value: `Batch ${result.retry_of} (its failed files only)` });
  const housekeeping = result.housekeeping;
  if (housekeeping) {
    facts.push({
      label: 'File engine',
      value: housekeeping.engine === 'native' ? 'Native (Wrangle addon)' : 'Node.js fs (fallback)',
    });
    if (housekeeping.temp_files_removed_count > 0)
      facts.push({
        label: 'Cleaned up',
        value: `${countOf(housekeeping.temp_files_removed_count, 'temporary file')} left by Wrangle jobs that had stopped`,
      });
  }
  if (result.report_path) facts.push({ label: 'Full JSON report', value: [result.report_path] });

  return {
    kind: head.kind,
    batch_id: head.batch_id,
    state: tail.state,
    error: tail.error,
    sources: head.sources,
    destinations,
    hashes,
    verify,
    started_at: startedAt,
    finished_at: finishedAt,
    duration_ms: duration,
    bytes: result.bytes_copied ?? null,
    failed_count: result.failed_count ?? tail.failures.length,
    failure_groups: tail.failure_groups.length > 0 ? tail.failure_groups : (result.failure_groups ?? []),
    facts,
  };
}

/**
 * Why each listed failure happened, by row path (failures name the source's absolute path; rows are relative
 * to the source's parent). Bounded: the tail lists at most MAX_REPORTED_PATHS of each.
 */
function causesByRow(head: TransferReportHead, tail: TransferReportTail): Map<string, string> {
  const parents = head.sources.map((source) => {
    const trimmed = source.length > 1 ? source.replace(/\/+$/, '') : source;
    return trimmed.slice(0, trimmed.lastIndexOf('/') + 1);
  });
  const causes = new Map<string, string>();
  const add = (failure: TransferFailure): void => {
    if (failure.message === '') return;
    let key = failure.path;
    for (const parent of parents)
      if (parent !== '' && key.startsWith(parent)) {
        key = key.slice(parent.length);
        break;
      }
    if (!causes.has(key)) causes.set(key, failure.message);
  };
  tail.failures.forEach(add);
  tail.left_in_place.forEach(add);
  return causes;
}

async function* transferRows(
  parts: AsyncIterable<TransferReportPart>,
  causes: Map<string, string>,
): AsyncGenerator<HandoverRow> {
  for await (const part of parts) {
    if (part.type !== 'row') continue;
    const row: TransferReportRow = part.row;
    if (row.cause === undefined && row.outs === undefined && statusTone(row.status) !== 'ok') {
      const cause = causes.get(row.path);
      if (cause !== undefined) row.cause = cause;
    }
    yield row;
  }
}

/**
 * Writes the HTML and CSV handover reports of a copy or move from its JSON report. Reads the report's head and
 * end first (the facts), then streams its rows once; both outputs are written atomically (temporary name, then
 * rename).
 */
export async function writeHandoverReports(
  reportJsonPath: string,
  out: HandoverOutput,
  options: HandoverOptions = {},
): Promise<void> {
  const parts = readTransferReport(reportJsonPath);
  try {
    // The head first (its first line): a file that is not a report is named as such, not as one cut short.
    const first = await parts.next();
    if (first.done || first.value.type !== 'head')
      throw new ReportFormatError(reportJsonPath, 'not a Wrangle report (no head)');
    const head = first.value.head;
    const tail = await readTransferReportTail(reportJsonPath);
    await renderHandover(
      transferHandoverModel(head, tail),
      transferRows(parts, causesByRow(head, tail)),
      out,
      options,
    );
  } finally {
    await parts.return(undefined);
  }
}
