/** The verification's result, from its tally and what it read and wrote. */
import { HASH_FORMATS, type HashFormat } from '../../src-shared/hash-formats';
import { MAX_VERIFY_PATHS, type DirectoryHashCheck, type VerifyResult } from '../../src-shared/verify';
import type { ExpectedHashes } from './expected-hashes';
import type { VerifyTally } from './verify-tally';

/** What the result needs besides the tally. */
export interface ResultParts {
  root: string;
  record: boolean;
  reference: ExpectedHashes;
  /** Formats actually compared. */
  compared: ReadonlySet<HashFormat>;
  bytesTotal: number;
  directories: DirectoryHashCheck | null;
  generation: string | null;
  generationError: string | null;
  reportPath: string;
  reportHtml: string | null;
  reportCsv: string | null;
  startedAt: number;
}

/** The result as it travels to main (lists capped; the report has everything). */
export function verifyResult(tally: VerifyTally, parts: ResultParts): VerifyResult {
  const now = Date.now();
  const compared = HASH_FORMATS.filter((format) => parts.compared.has(format));
  return {
    kind: 'verify',
    root: parts.root,
    record: parts.record,
    source: parts.reference.source,
    source_files: parts.reference.sourceFiles.slice(0, MAX_VERIFY_PATHS),
    // At least one format: a folder whose reference lists nothing still names what it would compare.
    formats:
      compared.length > 0
        ? compared
        : parts.reference.formats.length > 0
          ? parts.reference.formats
          : ['xxh64'],
    files_checked: tally.checked,
    files_verified: tally.verified,
    files_changed: tally.changedCount,
    files_missing: tally.missingCount,
    files_new: tally.newCount,
    files_unreadable: tally.unreadableCount,
    failed_count: tally.failed,
    bytes_total: parts.bytesTotal,
    bytes_checked: tally.bytesChecked,
    changed: tally.changed,
    missing: tally.missing,
    new: tally.added,
    unreadable: tally.unreadable,
    cache_bypass: tally.cacheBypass,
    directory_hashes: parts.directories,
    generation: parts.generation,
    generation_error: parts.generationError,
    report_path: parts.reportPath,
    report_html: parts.reportHtml,
    report_csv: parts.reportCsv,
    warnings: parts.reference.warnings.slice(0, 100),
    finished_at: new Date(now).toISOString(),
    duration_ms: Math.max(0, now - parts.startedAt),
  };
}
