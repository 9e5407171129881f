/**
 * The handover CSV: RFC 4180 (comma-separated, CRLF line ends, fields with a comma, quote, CR or LF quoted,
 * quotes doubled), UTF-8, one header row, then one record per file. Values are written exactly as they are (no
 * spreadsheet-formula escaping), so the file reads back to the very paths.
 */
import type { HandoverModel, HandoverRow } from './model';

/** One field, quoted when it must be. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One record, with its CRLF. */
export function csvRecord(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/**
 * The columns: path, size, status, renamed_to (copy and move), one per hash format, then per destination
 * `dest<N>_status` and `dest<N>_cause` (N from 1, in the order of HandoverModel.destinations; the HTML report
 * names each destination's folder).
 */
export function csvHeader(model: Pick<HandoverModel, 'kind' | 'hashes' | 'destinations'>): string[] {
  const columns = ['path', 'size', 'status'];
  if (model.kind !== 'verify') columns.push('renamed_to');
  columns.push(...model.hashes);
  const count = Math.max(1, model.destinations.length);
  for (let d = 1; d <= count; d++) columns.push(`dest${d}_status`, `dest${d}_cause`);
  return columns;
}

/** One file's fields, in csvHeader's order. */
export function csvFields(
  model: Pick<HandoverModel, 'kind' | 'hashes' | 'destinations'>,
  row: HandoverRow,
): string[] {
  const fields = [row.path, String(row.size), row.status];
  if (model.kind !== 'verify') fields.push(row.destination ?? '');
  for (const format of model.hashes) fields.push(row.hashes?.[format] ?? '');
  const count = Math.max(1, model.destinations.length);
  for (let d = 0; d < count; d++) {
    const out = row.outs?.[d];
    if (out && out.status !== '') fields.push(out.status, out.cause ?? '');
    else fields.push(row.status, row.cause ?? '');
  }
  return fields;
}
