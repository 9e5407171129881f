/** The job's full report (every file, reasons, checksums) and the xxh64sum file, both written atomically. */
import { renameSync, writeFileSync } from 'node:fs';
import type { TransferFailure, TransferResult } from '../../../src-shared/jobs';

/** What happened to one file or symlink. */
export type FileStatus =
  'copied' | 'renamed' | 'skipped' | 'failed' | 'moved' | 'left_in_place' | 'cancelled';

/** One row of the report. */
export interface ReportedFile {
  /** Source path relative to its source's parent. */
  path: string;
  status: FileStatus;
  size: number;
  /** Where it landed, relative to the destination, when that differs from `path` (policy rename). */
  destination?: string;
  xxh64?: string;
}

/** The report file's content. */
export interface TransferReport {
  version: 1;
  batch_id: string;
  state: 'completed' | 'cancelled' | 'failed';
  error: string | null;
  result: TransferResult;
  /** Every failure, uncapped. */
  failures: TransferFailure[];
  /** Every source file a move left in place, uncapped. */
  left_in_place: TransferFailure[];
  /** Whole sources moved by one rename (their contents are not listed one by one). */
  renamed_in_place: { source: string; destination: string }[];
  files: ReportedFile[];
}

/** Write `content` to `path` via a temporary file and a rename, so readers never see half of it. */
export function writeAtomically(path: string, content: string): void {
  const temp = `${path}.tmp-${process.pid}`;
  writeFileSync(temp, content);
  renameSync(temp, path);
}

/** Write the report as JSON. */
export function writeReport(path: string, report: TransferReport): void {
  writeAtomically(path, JSON.stringify(report, null, 1) + '\n');
}

/** The xxh64sum (`xxhsum -H1`) format: "<16 hex>  <path>", with GNU escaping for backslashes and newlines. */
export function checksumLines(rows: { path: string; xxh64: string }[]): string {
  let out = '';
  for (const { path, xxh64 } of rows) {
    if (/[\\\n\r]/.test(path)) {
      const escaped = path.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
      out += `\\${xxh64}  ${escaped}\n`;
    } else out += `${xxh64}  ${path}\n`;
  }
  return out;
}
