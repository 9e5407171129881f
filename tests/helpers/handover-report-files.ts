/**
 * Report files for the handover tests, written the way report-writer.ts writes them: the head JSON with
 * `"files":[`, one row per line joined by `,\n`, then `\n],` and the tail. And a CSV reader, to read the
 * handover CSV back.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

export type Json = Record<string, unknown>;

/** Writes a report file exactly as ReportWriter does (rows may be a generator: never gathered). */
export function writeReport(path: string, head: Json, rows: Iterable<Json>, tail: Json): void {
  const fd = openSync(path, 'w');
  let text = `${JSON.stringify(head).slice(0, -1)},"files":[\n`;
  let n = 0;
  for (const row of rows) {
    text += `${n++ === 0 ? '' : ',\n'}${JSON.stringify(row)}`;
    if (text.length > 1 << 16) {
      writeSync(fd, text);
      text = '';
    }
  }
  text += `\n],${JSON.stringify(tail).slice(1)}\n`;
  writeSync(fd, text);
  closeSync(fd);
}

/** RFC 4180 records. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || record.length > 0) throw new Error('CSV does not end with CRLF');
  return records;
}
