/** A copy or move: the request (one definition for IPC, the job record and the worker) and its result. */
import { z } from 'zod';
import { ErrorCodeSchema } from './error-codes';
import { DEFAULT_HASHES, HashListSchema } from './hash-formats';
import { count, isoTime } from './schema-parts';
import { TransferKindSchema } from './job-kinds';

/** How a copy treats a file that already exists at the destination. */
export const ConflictPolicySchema = z.enum(['skip', 'overwrite', 'rename', 'newer']);
export type ConflictPolicy = z.infer<typeof ConflictPolicySchema>;

const requestPath = z.string().min(1).max(4096);

/** Destinations beyond the first: offload tools write two or three copies; the engine takes up to eight. */
export const MAX_EXTRA_DESTINATIONS = 7;
/** Manifests listed per destination in a result (a history per copied top-level folder). */
const MAX_REPORTED_TOP_FOLDERS = 1000;

/**
 * A copy or move as asked for: the one definition the IPC argument, the job record and the worker's spec
 * build on.
 */
export const TransferRequestSchema = z.object({
  /** Folders or files; each lands inside `destination` under its own name. */
  sources: z.array(requestPath).min(1).max(1000),
  /** The folder to copy or move into. It may be created, but its parent must exist unless `create_parents`. */
  destination: requestPath,
  /**
   * More folders that get the same copies (`--also`): each source file is read once and its bytes go to
   * every destination. One failing destination does not stop the others.
   */
  also: z.array(requestPath).max(MAX_EXTRA_DESTINATIONS).default([]),
  policy: ConflictPolicySchema,
  /** Read every copy back and compare it with the source's hash (always on for a move across filesystems). */
  verify: z.boolean(),
  /** The hash formats computed from the one read of each source (schema order, no repeats). */
  hashes: HashListSchema.default([...DEFAULT_HASHES]),
  /** Write an ASC MHL history (ascmhl/) into each copied top-level folder at every destination. */
  mhl: z.boolean().default(false),
  /** Also write the checksums as a visible xxhsum-format file in each destination. */
  checksum_file: z.boolean(),
  /** Create the destination's missing parent folders too (`--parents`, or confirmed in the app). */
  create_parents: z.boolean().default(false),
});
export type TransferRequest = z.infer<typeof TransferRequestSchema>;

/** One file a copy or move could not handle, and why. */
export const TransferFailureSchema = z.object({
  path: z.string(),
  code: ErrorCodeSchema,
  errno: z.string(),
  message: z.string(),
});
export type TransferFailure = z.infer<typeof TransferFailureSchema>;

/**
 * Failures that share one cause: the same code and errno, and (when a folder failed) the same folder. One
 * blocked folder is one group, whatever it holds.
 */
export const FailureGroupSchema = z.object({
  code: ErrorCodeSchema,
  errno: z.string(),
  /** What went wrong, in words, once for the whole group. */
  cause: z.string(),
  /** The folder that could not be read or created, when that is the cause; null for per-file causes. */
  folder: z.string().nullable(),
  /** Files (and folders) not transferred because of it. */
  count: count,
  /** A few of the paths, for the reader to recognise. */
  examples: z.array(z.string()).max(5),
});
export type FailureGroup = z.infer<typeof FailureGroupSchema>;

/** At most this many failure groups travel in a result. */
export const MAX_FAILURE_GROUPS = 100;

/** Everything that happened to a transfer's destination beyond the copies: leftovers removed, timestamps. */
export const TransferHousekeepingSchema = z.object({
  /** Temporary files of Wrangle jobs that had died (not running any more), removed from destination folders. */
  temp_files_removed: z.array(z.string()).max(1000),
  temp_files_removed_count: count,
  /** The destination filesystem's timestamp precision, used to compare modified times (like rsync's --modify-window). */
  mtime_window_ns: count,
  /** How complete files were given their names: an unnamed file linked into place, or a temporary name renamed. */
  publish: z.enum(['tmpfile', 'rename', 'none']),
  /** Which file engine ran: the native addon (directory descriptors, copy_file_range) or Node's fs. */
  engine: z.enum(['native', 'node']),
  /**
   * Bytes the worker process read through read calls (the kernel's rchar, /proc/self/io), read-backs
   * included: without verification, about the source bytes once, however many destinations. Null where
   * the system does not say.
   */
  bytes_read: count.nullable().default(null),
});
export type TransferHousekeeping = z.infer<typeof TransferHousekeepingSchema>;

/** How a destination's copies were read back. */
export const CacheBypassSchema = z.enum([
  /** Every copy was read back from storage: flushed, then dropped from the page cache before reading. */
  'held',
  /** Some copies were (others could not be dropped from the cache: still read back, maybe from memory). */
  'partly',
  /** No copy could be dropped from the cache: the read-back may have come from memory. */
  'not_held',
  /** Nothing was read back (verification off, or nothing copied). */
  'not_verified',
]);
export type CacheBypass = z.infer<typeof CacheBypassSchema>;

/** What one destination of a copy or move got. */
export const DestinationSummarySchema = z.object({
  path: z.string(),
  files_copied: count,
  bytes_copied: count,
  verified_files: count,
  failed_count: count,
  /** Why the whole destination stopped taking copies (full, unplugged), or null. */
  failure: z.string().nullable(),
  cache_bypass: CacheBypassSchema,
  /** ASC MHL manifests written there (one per copied top-level folder). */
  mhl_manifests: z.array(z.string()).max(MAX_REPORTED_TOP_FOLDERS),
  checksum_file: z.string().nullable(),
});
export type DestinationSummary = z.infer<typeof DestinationSummarySchema>;

/** At most this many paths travel in a result; the report file beside the job has them all. */
export const MAX_REPORTED_PATHS = 1000;

/** Summary of a finished (or cancelled) copy or move. The full report is in `report_path`. */
export const TransferResultSchema = z.object({
  kind: TransferKindSchema,
  sources: z.array(z.string()).min(1),
  destination: z.string(),
  policy: ConflictPolicySchema,
  verify: z.boolean(),
  hashes: HashListSchema.default([...DEFAULT_HASHES]),
  mhl: z.boolean().default(false),
  /** Every destination (the first is `destination`), each with its own tally. */
  destinations: z.array(DestinationSummarySchema).default([]),
  files_total: count,
  bytes_total: count,
  /** Files written under their real name (for a move across filesystems: copied, verified, source removed). */
  files_copied: count,
  bytes_copied: count,
  /** Files left alone by the conflict policy (identical, or not newer). */
  files_skipped: count,
  /** Files written as "name (1).ext" because the name was taken (policy rename). */
  files_renamed: count,
  /** Bytes of the files skipped (not written, not counted against a bandwidth limit). */
  bytes_skipped: count.default(0),
  /** Entries moved by a rename on the same filesystem (instant). */
  entries_renamed_in_place: count,
  /** Files and bytes inside those entries (counted after the rename). */
  files_renamed_in_place: count.default(0),
  bytes_renamed_in_place: count.default(0),
  symlinks_copied: count,
  dirs_created: count,
  verified_files: count,
  /** Source files a move removed after their copy was verified. */
  sources_removed: count,
  failed_count: count,
  failures: z.array(TransferFailureSchema).max(MAX_REPORTED_PATHS),
  /** The failures grouped by cause, biggest first. */
  failure_groups: z.array(FailureGroupSchema).max(MAX_FAILURE_GROUPS).default([]),
  /** Source files a move left in place (the copy failed or did not verify), with why. */
  left_in_place: z.array(TransferFailureSchema).max(MAX_REPORTED_PATHS),
  /** Where the full report (every file, checksums) was written. */
  report_path: z.string(),
  /** The handover report beside it (self-contained HTML, and CSV with every file), when written. */
  report_html: z.string().nullable().default(null),
  report_csv: z.string().nullable().default(null),
  /** The xxh64sum-format checksum file written beside the destination, when asked for. */
  checksum_file: z.string().nullable(),
  /** The job this one retried (its failed entries only), or null. */
  retry_of: z.string().nullable().default(null),
  housekeeping: TransferHousekeepingSchema.optional(),
  finished_at: isoTime,
  duration_ms: count,
});
export type TransferResult = z.infer<typeof TransferResultSchema>;
