/**
 * The job's full report, written as it goes: one row per file as soon as the file is settled, so a tree of
 * millions of files never sits in memory. The finished report is one JSON document, renamed into place.
 */
import { renameSync } from 'node:fs';
import type { FailureGroup, TransferFailure, TransferResult } from '../../src-shared/jobs';
import { PartialFile } from './partial-file';
import type { HashFormat, HashValues } from '../../src-shared/hash-formats';

/** What happened to one file or symlink. */
export type FileStatus =
  'copied' | 'renamed' | 'skipped' | 'failed' | 'moved' | 'left_in_place' | 'cancelled';

/** One row of the report. */
export interface ReportRow {
  /** Relative to its source's parent folder (so it starts with the source's name). */
  path: string;
  status: FileStatus;
  size: number;
  /** Where it landed, relative to the destination, when that differs from `path` (policy rename). */
  destination?: string;
  xxh64?: string;
  /** Every chosen hash of the source. */
  hashes?: HashValues;
  /** With several destinations: what each got, in the order of `destinations`. */
  outs?: { status: FileStatus; cause?: string }[];
}

/** The head of the report, known when the job starts. */
export interface ReportHead {
  batch_id: string;
  kind: 'copy' | 'move';
  sources: string[];
  destination: string;
  destinations: string[];
  hashes: HashFormat[];
  verify: boolean;
  mhl: boolean;
  started_at: string;
}

/** The tail, known at the end. */
export interface ReportTail {
  state: 'completed' | 'cancelled' | 'failed';
  error: string | null;
  result: TransferResult;
  failures: TransferFailure[];
  failure_groups: FailureGroup[];
  left_in_place: TransferFailure[];
  renamed_in_place: { source: string; destination: string }[];
}

/** Streams the report to a temporary file beside `path`; `finish` completes it and renames it into place. */
export class ReportWriter {
  private readonly file: PartialFile;
  private rows = 0;

  constructor(
    private readonly path: string,
    head: ReportHead,
  ) {
    this.file = new PartialFile(`${path}.partial-${process.pid}`);
    const opening = JSON.stringify({ version: 3, ...head });
    this.file.append(`${opening.slice(0, -1)},"files":[\n`);
  }

  /** Add one file's row. */
  row(row: ReportRow): void {
    this.file.append(`${this.rows++ === 0 ? '' : ',\n'}${JSON.stringify(row)}`);
  }

  /** Complete the report; returns false (and removes the partial file) when it could not be written. */
  finish(tail: ReportTail): boolean {
    try {
      this.file.append(`\n],${JSON.stringify(tail).slice(1)}\n`);
      this.file.close();
      renameSync(this.file.temp, this.path);
      return true;
    } catch {
      this.file.discard();
      return false;
    }
  }
}

/** The xxh64sum (`xxhsum -H1`) format: "<16 hex>  <path>", with GNU escaping for backslashes and newlines. */
export function checksumLine(path: string, xxh64: string): string {
  if (/[\\\n\r]/.test(path)) {
    const escaped = path.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
    return `\\${xxh64}  ${escaped}\n`;
  }
  return `${xxh64}  ${path}\n`;
}
