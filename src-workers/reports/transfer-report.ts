/**
 * Reads a copy's or move's JSON report (report-writer.ts) as a stream: the head, then one row per line, then
 * the tail. A report can hold millions of rows, so rows are parsed one at a time and never gathered.
 *
 * The file's shape (version 3; version 2 had no `destinations`, `hashes` or `outs`, and maybe an `xxh64` per
 * row):
 *   {"version":3,"batch_id":…,…,"files":[
 *   {row},
 *   {row}
 *   ],"state":…,"result":{…},…}
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { z } from 'zod';
import {
  DestinationSummarySchema,
  TransferResultSchema,
  type DestinationSummary,
  type FailureGroup,
  type TransferFailure,
  type TransferResult,
} from '../../src-shared/jobs';
import { HASH_FORMATS, type HashFormat, type HashValues } from '../../src-shared/hash-formats';
import type { HandoverOut, HandoverRow, HandoverState } from './model';

/** The head of a report, normalised to version 3. */
export interface TransferReportHead {
  version: number;
  batch_id: string;
  kind: 'copy' | 'move';
  sources: string[];
  destination: string;
  /** Every destination; version 2: `[destination]`. */
  destinations: string[];
  /** The hash formats computed; null when the head does not say (version 2: see the result). */
  hashes: HashFormat[] | null;
  verify: boolean | null;
  mhl: boolean | null;
  started_at: string | null;
}

/** A result read field by field: what did not read as expected is absent. */
export type LenientResult = Omit<Partial<TransferResult>, 'destinations'> & {
  destinations?: Partial<DestinationSummary>[];
};

/** One file of the report (a version 2 row's `xxh64` is moved into `hashes`). */
export type TransferReportRow = HandoverRow;

/** The tail of a report: how it ended, the result, the failures. */
export interface TransferReportTail {
  state: HandoverState;
  error: string | null;
  /** The job's result; fields that did not read as expected are left out. */
  result: LenientResult;
  failures: TransferFailure[];
  failure_groups: FailureGroup[];
  left_in_place: TransferFailure[];
  renamed_in_place: { source: string; destination: string }[];
}

export type TransferReportPart =
  | { type: 'head'; head: TransferReportHead }
  | { type: 'row'; row: TransferReportRow }
  | { type: 'tail'; tail: TransferReportTail };

/** A report that cannot be read: not a Wrangle report, an unknown version, or cut short. */
export class ReportFormatError extends Error {
  constructor(path: string, detail: string) {
    super(`${path}: ${detail}`);
    this.name = 'ReportFormatError';
  }
}

const SUPPORTED_VERSIONS = [2, 3];
/** A head or tail longer than this is not a Wrangle report. */
const MAX_EDGE_CHARS = 64 * 1024 * 1024;

/** Yields the head, then each row in file order, then the tail; throws ReportFormatError on a bad file. */
export async function* readTransferReport(path: string): AsyncGenerator<TransferReportPart, void, undefined> {
  const input = createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  let stage: 'head' | 'rows' | 'tail' = 'head';
  let headText = '';
  let tailText = '';
  let version = 0;
  let lineNo = 0;
  let rest = '';
  try {
    for await (const chunk of input as AsyncIterable<string>) {
      let text = rest === '' ? chunk : rest + chunk;
      let from = 0;
      for (;;) {
        const nl = text.indexOf('\n', from);
        if (nl < 0) break;
        const line = text.slice(from, nl);
        from = nl + 1;
        lineNo++;
        if (stage === 'rows') {
          if (line === '') continue;
          if (line.charCodeAt(0) === 93 /* ] */) {
            stage = 'tail';
            tailText = line;
            continue;
          }
          yield { type: 'row', row: parseRow(path, line, lineNo, version) };
        } else if (stage === 'head') {
          headText += line;
          if (/"files"\s*:\s*\[\s*$/.test(headText)) {
            const head = parseHead(path, headText);
            version = head.version;
            headText = '';
            stage = 'rows';
            yield { type: 'head', head };
          } else if (headText.length > MAX_EDGE_CHARS) {
            throw new ReportFormatError(path, 'not a Wrangle report (no file list at its start)');
          }
        } else {
          tailText += `\n${line}`;
          if (tailText.length > MAX_EDGE_CHARS) throw new ReportFormatError(path, 'its end is too long');
        }
      }
      text = text.slice(from);
      rest = text;
      if (rest.length > MAX_EDGE_CHARS) throw new ReportFormatError(path, `line ${lineNo + 1} is too long`);
    }
  } finally {
    input.destroy();
  }
  // The last line may lack its newline.
  if (rest !== '') {
    if (stage === 'tail') tailText += `\n${rest}`;
    else if (stage === 'rows' && rest.charCodeAt(0) === 93) {
      stage = 'tail';
      tailText = rest;
    }
  }
  if (stage === 'head') throw new ReportFormatError(path, 'not a Wrangle report (no file list at its start)');
  if (stage !== 'tail')
    throw new ReportFormatError(path, 'the report ends early: it has no end after its rows');
  yield { type: 'tail', tail: parseTail(path, tailText) };
}

/**
 * Reads only the tail, from the end of the file: the facts (result, failures) are known before the rows are
 * streamed. The tail is the last line that starts with `]`; rows never contain a raw newline.
 */
export async function readTransferReportTail(path: string): Promise<TransferReportTail> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const chunks: Buffer[] = [];
    let gathered = 0;
    let position = size;
    while (position > 0 && gathered < MAX_EDGE_CHARS) {
      const length = Math.min(position, Math.max(64 * 1024, gathered));
      position -= length;
      const chunk = Buffer.alloc(length);
      await readFully(handle, chunk, position);
      chunks.unshift(chunk);
      gathered += length;
      const joined = chunks.length === 1 ? chunk : Buffer.concat(chunks);
      chunks.length = 0;
      chunks.push(joined);
      // "\n]" in bytes: the line that starts the tail.
      const at = joined.lastIndexOf('\n]');
      if (at >= 0) return parseTail(path, joined.subarray(at + 1).toString('utf8'));
      if (position === 0 && joined[0] === 93) return parseTail(path, joined.toString('utf8'));
    }
    throw new ReportFormatError(path, 'the report ends early: it has no end after its rows');
  } finally {
    await handle.close();
  }
}

async function readFully(
  handle: Awaited<ReturnType<typeof open>>,
  buffer: Buffer,
  position: number,
): Promise<void> {
  let done = 0;
  while (done < buffer.length) {
    const { bytesRead } = await handle.read(buffer, done, buffer.length - done, position + done);
    if (bytesRead === 0) throw new Error('The report file shrank while it was read');
    done += bytesRead;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOr<T>(value: unknown, fallback: T): string | T {
  return typeof value === 'string' ? value : fallback;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function hashList(value: unknown): HashFormat[] | null {
  if (!Array.isArray(value)) return null;
  return HASH_FORMATS.filter((format) => value.includes(format));
}

function parseHead(path: string, text: string): TransferReportHead {
  let raw: unknown;
  try {
    raw = JSON.parse(`${text}]}`);
  } catch {
    throw new ReportFormatError(path, 'not a Wrangle report (its start is not JSON)');
  }
  if (!isObject(raw) || typeof raw.batch_id !== 'string')
    throw new ReportFormatError(path, 'not a Wrangle report (no batch id)');
  const version = raw.version;
  if (typeof version !== 'number' || !SUPPORTED_VERSIONS.includes(version))
    throw new ReportFormatError(path, `report version ${String(version)} is not one this Wrangle reads`);
  const destination = stringOr(raw.destination, '');
  const destinations = strings(raw.destinations);
  return {
    version,
    batch_id: raw.batch_id,
    kind: raw.kind === 'move' ? 'move' : 'copy',
    sources: strings(raw.sources),
    destination,
    destinations: destinations.length > 0 ? destinations : [destination],
    hashes: hashList(raw.hashes),
    verify: typeof raw.verify === 'boolean' ? raw.verify : null,
    mhl: typeof raw.mhl === 'boolean' ? raw.mhl : null,
    started_at: stringOr(raw.started_at, null),
  };
}

function parseRow(path: string, line: string, lineNo: number, version: number): TransferReportRow {
  const text = line.charCodeAt(line.length - 1) === 44 /* , */ ? line.slice(0, -1) : line;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ReportFormatError(path, `line ${lineNo} is not a JSON row`);
  }
  if (!isObject(raw) || typeof raw.path !== 'string' || typeof raw.status !== 'string')
    throw new ReportFormatError(path, `line ${lineNo} is not a file row`);
  const row: TransferReportRow = {
    path: raw.path,
    status: raw.status,
    size: typeof raw.size === 'number' ? raw.size : 0,
  };
  if (typeof raw.destination === 'string') row.destination = raw.destination;
  if (isObject(raw.hashes)) {
    const hashes: HashValues = {};
    for (const format of HASH_FORMATS) {
      const value = raw.hashes[format];
      if (typeof value === 'string') hashes[format] = value;
    }
    row.hashes = hashes;
  } else if (typeof raw.xxh64 === 'string' && version <= 2) {
    row.hashes = { xxh64: raw.xxh64 };
  }
  if (typeof raw.cause === 'string') row.cause = raw.cause;
  if (Array.isArray(raw.outs)) {
    row.outs = raw.outs.map((out): HandoverOut => {
      if (!isObject(out)) return { status: '' };
      const entry: HandoverOut = { status: stringOr(out.status, '') };
      if (typeof out.cause === 'string') entry.cause = out.cause;
      return entry;
    });
  }
  return row;
}

function parseTail(path: string, text: string): TransferReportTail {
  const body = text.slice(1).trimStart();
  let raw: unknown;
  try {
    raw = JSON.parse(body.startsWith(',') ? `{${body.slice(1)}` : body.startsWith('}') ? '{}' : body);
  } catch {
    throw new ReportFormatError(path, 'its end (after the rows) is not JSON: the report is incomplete');
  }
  if (!isObject(raw)) throw new ReportFormatError(path, 'its end (after the rows) is not a JSON object');
  const state = raw.state === 'cancelled' || raw.state === 'failed' ? raw.state : 'completed';
  return {
    state,
    error: stringOr(raw.error, null),
    result: lenientResult(raw.result),
    failures: failureList(raw.failures),
    failure_groups: groupList(raw.failure_groups),
    left_in_place: failureList(raw.left_in_place),
    renamed_in_place: Array.isArray(raw.renamed_in_place)
      ? raw.renamed_in_place.filter(isObject).map((entry) => ({
          source: stringOr(entry.source, ''),
          destination: stringOr(entry.destination, ''),
        }))
      : [],
  };
}

function failureList(value: unknown): TransferFailure[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isObject).map(
    (entry) =>
      ({
        path: stringOr(entry.path, ''),
        code: stringOr(entry.code, 'INTERNAL_ERROR'),
        errno: stringOr(entry.errno, ''),
        message: stringOr(entry.message, ''),
      }) as TransferFailure,
  );
}

function groupList(value: unknown): FailureGroup[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isObject).map(
    (entry) =>
      ({
        code: stringOr(entry.code, 'INTERNAL_ERROR'),
        errno: stringOr(entry.errno, ''),
        cause: stringOr(entry.cause, ''),
        folder: stringOr(entry.folder, null),
        count: typeof entry.count === 'number' ? entry.count : 0,
        examples: strings(entry.examples),
      }) as FailureGroup,
  );
}

/** Each field of `raw` that reads as the schema's field; the others are left out. */
function lenientObject<T extends z.ZodObject>(schema: T, raw: unknown): Partial<z.infer<T>> {
  if (!isObject(raw)) return {};
  const whole = schema.safeParse(raw);
  if (whole.success) return whole.data as Partial<z.infer<T>>;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const parsed = field.safeParse(raw[key]);
    if (parsed.success && parsed.data !== undefined) out[key] = parsed.data;
  }
  return out as Partial<z.infer<T>>;
}

/** The result, field by field: a newer or older writer's oddity costs that field, not the report. */
function lenientResult(raw: unknown): LenientResult {
  const result: LenientResult = lenientObject(TransferResultSchema, raw);
  if (isObject(raw) && Array.isArray(raw.destinations) && result.destinations === undefined)
    result.destinations = raw.destinations.map((entry) => lenientObject(DestinationSummarySchema, entry));
  return result;
}
