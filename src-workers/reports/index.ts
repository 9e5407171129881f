/**
 * Handover reports: what a copy, move or verify job hands to the people who take the media over. Two files
 * per job, each written atomically (temporary name, then rename):
 * - an HTML page, self-contained (inline CSS, no script, nothing fetched; it opens offline and prints on A4 or
 *   Letter): the job's facts, per destination what it got and how it was verified, failures by cause, and the
 *   files as image sequences per folder (frame ranges with their gaps) plus the other files by name, capped;
 * - a CSV (RFC 4180, UTF-8, header row) with every file: path, size, status, one column per hash format, and
 *   per destination `destN_status` / `destN_cause`.
 * Rows are streamed once: memory follows folders and sequences, not files (a report may hold millions).
 *
 * Entry points:
 * - `writeHandoverReports(reportJsonPath, { html, csv }, options?)`: for a copy or move, from its JSON report
 *   (report-writer.ts, version 2 or 3).
 * - `renderHandover(model, rows, { html, csv }, options?)`: for any job that builds a `HandoverModel` (the facts)
 *   and streams `HandoverRow`s (an AsyncIterable or Iterable). A verify job passes kind 'verify', the folder it
 *   checked as its one destination, `sources` as what it checked against, and rows with the statuses
 *   verified | changed | missing | new | unreadable (a problem row's `cause` says why).
 * - `readTransferReport(path)` yields a JSON report's head, then each row, then its tail;
 *   `readTransferReportTail(path)` reads only the tail, from the end of the file.
 * - `transferHandoverModel(head, tail)` builds the model of a copy or move.
 *
 * `options`: `version` (the Wrangle version shown; the build's by default), `generatedAt`, `timeZone` (IANA; the
 * machine's by default), `limits` (caps on memory and on what the HTML lists; the CSV always lists every row).
 */
export {
  compareStatuses,
  readBackWords,
  statusLabel,
  statusTone,
  type HandoverDestination,
  type HandoverFact,
  type HandoverKind,
  type HandoverModel,
  type HandoverOut,
  type HandoverRow,
  type HandoverState,
  type HandoverStatus,
  type StatusTone,
  type TransferFileStatus,
  type VerifyFileStatus,
} from './model';
export { renderHandover, wrangleVersion, type HandoverOptions, type HandoverOutput } from './render';
export { transferHandoverModel, writeHandoverReports } from './transfer-handover';
export {
  readTransferReport,
  readTransferReportTail,
  ReportFormatError,
  type LenientResult,
  type TransferReportHead,
  type TransferReportPart,
  type TransferReportRow,
  type TransferReportTail,
} from './transfer-report';
export { csvField, csvFields, csvHeader, csvRecord } from './csv';
export { escapeHtml } from './html-markup';
export { DEFAULT_SUMMARY_LIMITS, type SummaryLimits } from './file-tree-summary';
export { DEFAULT_HTML_LIMITS, type HtmlLimits } from './html-files';
export { handoverPaths } from './handover-paths';
