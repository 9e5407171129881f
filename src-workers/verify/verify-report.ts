/**
 * The verification's full report, written as it goes (one row per file, never the whole tree in memory) and
 * renamed into place complete: every file with its status and hashes, then the result and the warnings.
 */
import { appendFileSync, createReadStream, mkdirSync, renameSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { dirname } from 'node:path';
import type { HashValues } from '../../src-shared/hash-formats';
import type { DirectoryHashMismatch, VerifyResult } from '../../src-shared/verify';
import { PartialFile } from '../transfer/partial-file';
import type { FileStatus } from './verify-tally';

/** One row of the report. */
export interface VerifyReportRow {
  /** Relative to the verified folder. */
  path: string;
  status: FileStatus;
  size: number | null;
  expected: HashValues | null;
  actual: HashValues | null;
  /** Why it could not be read, or what differs. */
  detail?: string;
}

/** The tail, known at the end. */
export interface VerifyReportTail {
  state: 'completed' | 'cancelled' | 'failed';
  result: VerifyResult;
  warnings: string[];
  /** Every directory hash that differs (the result lists the first ones). */
  directory_mismatches: DirectoryHashMismatch[];
}

/** Streams the report to a temporary file beside `path`; `finish` completes it and renames it into place. */
export class VerifyReportWriter {
  private readonly file: PartialFile;
  private rowCount = 0;

  constructor(
    private readonly path: string,
    head: { batch_id: string; root: string; source: string; source_files: string[] },
  ) {
    mkdirSync(dirname(path), { recursive: true });
    this.file = new PartialFile(`${path}.partial-${process.pid}`);
    const opening = JSON.stringify({ version: 1, kind: 'verify', ...head });
    this.file.append(`${opening.slice(0, -1)},"files":[\n`);
  }

  row(row: VerifyReportRow): void {
    this.file.append(`${this.rowCount++ === 0 ? '' : ',\n'}${JSON.stringify(row)}`);
  }

  /** Write out the rows; `rows()` then reads them back (for the handover report) before `complete`. */
  closeRows(): void {
    this.file.append('\n');
    this.file.close();
  }

  /** The rows written, read back from the temporary file one line at a time. */
  async *rows(): AsyncGenerator<VerifyReportRow> {
    const lines = createInterface({ input: createReadStream(this.file.temp, 'utf8'), crlfDelay: Infinity });
    let first = true;
    for await (const line of lines) {
      if (first) {
        first = false; // the head
        continue;
      }
      if (line === '') continue;
      yield JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line) as VerifyReportRow;
    }
  }

  /** Complete the report (after closeRows); returns false (and removes it) when it could not be written. */
  complete(tail: VerifyReportTail): boolean {
    try {
      appendFileSync(this.file.temp, `],${JSON.stringify(tail).slice(1)}\n`);
      renameSync(this.file.temp, this.path);
      return true;
    } catch {
      this.file.discard();
      return false;
    }
  }

  /** Drop it. */
  discard(): void {
    this.file.discard();
  }
}
