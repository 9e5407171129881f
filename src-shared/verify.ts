/**
 * The verify job's shapes: what is asked (a folder, and whether to record a generation) and what it found.
 * Kept apart from jobs.ts, which builds its unions from these (this file imports nothing from it).
 */
import { z } from 'zod';
import { count, isoTime } from './schema-parts';
import { HashFormatSchema, HashListSchema } from './hash-formats';

/** At most this many paths of each list travel in a result; the report file beside the job has them all. */
export const MAX_VERIFY_PATHS = 1000;

/** A verification as asked for: the IPC argument, the job record and the worker's spec build on it. */
export const VerifyRequestSchema = z.object({
  /** The folder to check: it holds an `ascmhl/` history, or checksum files at its top. */
  root: z.string().min(1).max(4096),
  /** Append a verification generation to the folder's ASC MHL history (creating one when there is none). */
  record: z.boolean().default(false),
});
export type VerifyRequest = z.infer<typeof VerifyRequestSchema>;

/** Where the expected hashes came from. */
export const VerifySourceKindSchema = z.enum(['ascmhl', 'checksum-file']);
export type VerifySourceKind = z.infer<typeof VerifySourceKindSchema>;

/** The names of checksum files a folder's top may hold (`xxhsum`/`xxh64sum` and `md5sum` formats). */
export const CHECKSUM_FILE_PATTERN = /\.(xxh64|xxhsum|md5|md5sum)$/i;

/** True for a file name that is read as a checksum file when a folder has no ASC MHL history. */
export function isChecksumFileName(name: string): boolean {
  return CHECKSUM_FILE_PATTERN.test(name) && !name.startsWith('.');
}

/** Why a folder cannot be verified when it holds neither a history nor checksum files, and what to do. */
export function noReferenceMessage(root: string): string {
  return (
    `${root} holds no ASC MHL history (an ascmhl folder) and no checksum file (*.xxh64, *.xxhsum, *.md5, *.md5sum) ` +
    'at its top, so there is nothing to verify it against. Choose the folder that holds them, or copy it with ' +
    'checksums first.'
  );
}

/** How the files were read. */
export const VerifyCacheBypassSchema = z.enum([
  /** Every file was dropped from the page cache before it was read: the check read the storage itself. */
  'held',
  /** Some files were; the others may have been read from memory. */
  'partly',
  /** No file could be dropped from the cache: the check may have read memory, not the storage. */
  'not_held',
  /** Nothing was read. */
  'not_verified',
]);
export type VerifyCacheBypass = z.infer<typeof VerifyCacheBypassSchema>;

/** A file whose bytes no longer hash to what was recorded. */
export const VerifyChangedSchema = z.object({
  path: z.string(),
  format: HashFormatSchema,
  expected: z.string(),
  actual: z.string(),
  size: count,
});
export type VerifyChanged = z.infer<typeof VerifyChangedSchema>;

/** A file or folder that could not be read. */
export const VerifyUnreadableSchema = z.object({
  path: z.string(),
  errno: z.string(),
  message: z.string(),
});
export type VerifyUnreadable = z.infer<typeof VerifyUnreadableSchema>;

/** A recomputed directory hash that differs from the one the history recorded. */
export const DirectoryHashMismatchSchema = z.object({
  /** The folder, relative to the verified root ('' for the root itself). */
  path: z.string(),
  format: HashFormatSchema,
  /** Content (the files' hashes) or structure (the names too). */
  part: z.enum(['content', 'structure']),
  expected: z.string(),
  actual: z.string(),
});
export type DirectoryHashMismatch = z.infer<typeof DirectoryHashMismatchSchema>;

/** The directory hashes recomputed from this check's file hashes and compared with the history's. */
export const DirectoryHashCheckSchema = z.object({
  /** Folder hash values compared (a folder counts once per format and part). */
  checked: count,
  matching: count,
  mismatched: z.array(DirectoryHashMismatchSchema).max(MAX_VERIFY_PATHS),
  /** Mismatches under a folder that also has changed, missing or new files (explained by them). */
  explained: count,
});
export type DirectoryHashCheck = z.infer<typeof DirectoryHashCheckSchema>;

/** Summary of a finished (or stopped) verification. The full report is in `report_path`. */
export const VerifyResultSchema = z.object({
  kind: z.literal('verify'),
  root: z.string(),
  record: z.boolean(),
  /** The source of truth: the folder's ASC MHL history, or the checksum files at its top. */
  source: VerifySourceKindSchema,
  /** The manifests or checksum files read, relative to `root`. */
  source_files: z.array(z.string()).max(MAX_VERIFY_PATHS),
  /** The formats compared (each file is hashed once, in every format it was recorded with). */
  formats: HashListSchema,
  /** Files found (not ignored) and read. */
  files_checked: count,
  files_verified: count,
  files_changed: count,
  files_missing: count,
  /** Files found that no manifest or checksum file lists: reported; on their own they do not fail the check. */
  files_new: count,
  files_unreadable: count,
  /** Changed, missing and unreadable files: the job "completed with failures" when above 0. */
  failed_count: count,
  bytes_total: count,
  bytes_checked: count,
  changed: z.array(VerifyChangedSchema).max(MAX_VERIFY_PATHS),
  missing: z.array(z.string()).max(MAX_VERIFY_PATHS),
  new: z.array(z.string()).max(MAX_VERIFY_PATHS),
  unreadable: z.array(VerifyUnreadableSchema).max(MAX_VERIFY_PATHS),
  cache_bypass: VerifyCacheBypassSchema,
  /** Null when there is nothing to compare (checksum files hold no directory hashes). */
  directory_hashes: DirectoryHashCheckSchema.nullable(),
  /** The manifest of the generation `--record` appended, relative to `root`, or null. */
  generation: z.string().nullable(),
  /** Why `--record` wrote nothing (e.g. cancelled), or null. */
  generation_error: z.string().nullable().default(null),
  /** What the reader should know that did not fail the check (unreadable checksum lines, …). */
  warnings: z.array(z.string()).max(100).optional(),
  /** The full report (every file, its status and hashes) as JSON; HTML and CSV beside it when written. */
  report_path: z.string(),
  /** The handover report beside the JSON one, when it was written. */
  report_html: z.string().nullable().default(null),
  report_csv: z.string().nullable().default(null),
  finished_at: isoTime,
  duration_ms: count,
});
export type VerifyResult = z.infer<typeof VerifyResultSchema>;

/** True when a verification found every listed file present and unchanged. */
export function isVerified(result: Pick<VerifyResult, 'failed_count'>): boolean {
  return result.failed_count === 0;
}
