/**
 * Every problem as CSV, for a handover or a render-farm ticket: RFC 4180 (fields with a comma, quote, CR or LF
 * quoted, quotes doubled, CRLF line ends), one header row, then one record per row in the list's order.
 */
import { sequenceFrames } from '../tree/sequence-model';
import { missingFramesText } from './frame-list-text';
import { dirLabel, type ProblemRow } from './problem-rows';

/** The columns, in order. */
export const PROBLEM_CSV_COLUMNS = [
  'path',
  'pattern',
  'kind',
  'first',
  'last',
  'missing_count',
  'missing_frames',
  'zero_byte_count',
  'suspect_small_count',
] as const;

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One record's fields: its folder relative to the root, its name, its kinds joined by ";", then counts. */
export function problemCsvFields(row: ProblemRow): string[] {
  const seq = row.seq;
  return [
    dirLabel(row.dir),
    row.name,
    row.kinds.join(';'),
    seq ? String(seq.first) : '',
    seq ? String(seq.last) : '',
    seq ? String(sequenceFrames(seq).missing.size) : '',
    seq ? missingFramesText(seq) : '',
    seq ? String(seq.zero_byte.length) : '',
    seq ? String(seq.suspect_small.length) : '',
  ];
}

/** The whole file: the header, then `rows` in the order given. */
export function problemsCsv(rows: readonly ProblemRow[]): string {
  const records = [PROBLEM_CSV_COLUMNS, ...rows.map(problemCsvFields)];
  return records.map((fields) => `${fields.map(field).join(',')}\r\n`).join('');
}
