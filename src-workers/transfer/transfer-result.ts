/** The summary a transfer ends with (also when cancelled or failed), built from its ledger and counters. */
import { readFileSync } from 'node:fs';
import type { TransferResult, WorkerProgress } from '../../src-shared/jobs';
import type { TransferJobSpec } from '../../src-shared/worker-protocol';
import type { DestinationTally } from './destination-tally';
import type { OutcomeLedger } from './outcome-ledger';
import type { ReportTail } from './report-writer';
import type { TransferCounters } from './transfer-meter';

/** What this process has read through read calls (all its threads), from /proc/self/io; null elsewhere. */
function processBytesRead(): number | null {
  try {
    const match = /^rchar: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** What the result is made of, beyond the ledger. */
export interface ResultInputs {
  spec: TransferJobSpec;
  ledger: OutcomeLedger;
  counters: TransferCounters;
  sources: string[];
  destination: string;
  verify: boolean;
  windowNs: number;
  tmpfile: boolean;
  engine: 'native' | 'node';
  checksumFile: string | null;
  startedAt: number;
  /** One per destination (the first is `destination`). */
  tallies: DestinationTally[];
}

/** The TransferResult of the job so far. */
export function transferResult(inputs: ResultInputs): TransferResult {
  const { spec, ledger, counters } = inputs;
  const { tally } = ledger;
  return {
    kind: spec.kind,
    sources: inputs.sources,
    destination: inputs.destination,
    policy: spec.policy,
    verify: inputs.verify,
    hashes: spec.hashes,
    mhl: spec.mhl,
    destinations: inputs.tallies.map((each) =>
      // One destination: its counts are the job's (the pass counts per destination only with several).
      inputs.tallies.length === 1
        ? {
            ...each.summary(),
            files_copied: tally.filesCopied,
            bytes_copied: tally.bytesCopied,
            failed_count: ledger.failedCount,
          }
        : each.summary(),
    ),
    files_total: counters.filesTotal ?? 0,
    bytes_total: counters.bytesTotal ?? 0,
    files_copied: tally.filesCopied,
    bytes_copied: tally.bytesCopied,
    files_skipped: tally.filesSkipped,
    bytes_skipped: tally.bytesSkipped,
    files_renamed: tally.filesRenamed,
    entries_renamed_in_place: tally.entriesRenamedInPlace,
    files_renamed_in_place: tally.filesRenamedInPlace,
    bytes_renamed_in_place: tally.bytesRenamedInPlace,
    symlinks_copied: tally.symlinks,
    dirs_created: tally.dirsCreated,
    verified_files: tally.verified,
    sources_removed: tally.sourcesRemoved,
    failed_count: ledger.failedCount,
    failures: ledger.failures,
    failure_groups: ledger.failureGroups(),
    left_in_place: ledger.leftInPlace,
    report_path: spec.report_path,
    report_html: null,
    report_csv: null,
    checksum_file: inputs.checksumFile,
    retry_of: spec.retry_of,
    housekeeping: {
      temp_files_removed: ledger.tempRemoved,
      temp_files_removed_count: ledger.tempRemovedCount,
      mtime_window_ns: inputs.windowNs,
      publish: inputs.tmpfile
        ? 'tmpfile'
        : tally.filesCopied > 0 || tally.dirsCreated > 0
          ? 'rename'
          : 'none',
      engine: inputs.engine,
      bytes_read: processBytesRead(),
    },
    finished_at: new Date().toISOString(),
    duration_ms: Date.now() - inputs.startedAt,
  };
}

/** The report's tail: how it ended, and every failure and rename. */
export function reportTail(
  state: ReportTail['state'],
  error: string | null,
  result: TransferResult,
  ledger: OutcomeLedger,
  renamedWhole: { source: string; destination: string }[],
): ReportTail {
  return {
    state,
    error,
    result,
    failures: ledger.failures,
    failure_groups: ledger.failureGroups(),
    left_in_place: ledger.leftInPlace,
    renamed_in_place: renamedWhole,
  };
}

/** What a progress snapshot carries of what is done for good (a crash report uses it). */
export function progressTally(ledger: OutcomeLedger): NonNullable<WorkerProgress['tally']> {
  const { tally, failedCount } = ledger;
  return {
    files_copied: tally.filesCopied,
    bytes_copied: tally.bytesCopied,
    files_skipped: tally.filesSkipped,
    files_failed: failedCount,
    sources_removed: tally.sourcesRemoved,
    entries_renamed_in_place: tally.entriesRenamedInPlace,
  };
}
