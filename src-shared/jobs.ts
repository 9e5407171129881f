/** Job vocabulary shared by the worker, main, the CLI and the renderer. */
import { z } from 'zod';
import { DEFAULT_HASHES, HashListSchema } from './hash-formats';
import { VerifyResultSchema } from './verify';

/** What a job does. */
export const JobKindSchema = z.enum(['scan', 'copy', 'move', 'verify']);
export type JobKind = z.infer<typeof JobKindSchema>;

/** Lifecycle of a job; the last three are terminal. */
export const JobStateSchema = z.enum(['queued', 'running', 'completed', 'failed', 'cancelled']);
export type JobState = z.infer<typeof JobStateSchema>;

export const TERMINAL_STATES: readonly JobState[] = ['completed', 'failed', 'cancelled'];

/** True once a job can no longer change state. */
export function isTerminal(state: JobState): boolean {
  return TERMINAL_STATES.includes(state);
}

/** Machine-readable failure and per-entry error codes. */
export const ErrorCodeSchema = z.enum([
  'SCAN_PERMISSION_ERROR',
  'SCAN_IO_ERROR',
  'SOURCE_NOT_FOUND',
  'NOT_A_DIRECTORY',
  'NO_SPACE',
  'WORKER_CRASHED',
  'INTERRUPTED',
  'INTERNAL_ERROR',
  // Copy and move: refusals before anything is written, and per-file reasons.
  'DESTINATION_INSIDE_SOURCE',
  'SAME_PATH',
  'COPY_PERMISSION_ERROR',
  'COPY_IO_ERROR',
  'SOURCE_VANISHED',
  'VERIFY_MISMATCH',
  // Refusals before anything is written (the CLI exits 2 for these).
  'DESTINATION_PARENT_MISSING',
  'DESTINATION_NOT_A_FOLDER',
  'VIRTUAL_FILESYSTEM',
  'NAME_COLLISION',
  'INSUFFICIENT_SPACE',
  // Per-entry reasons.
  'SOURCE_CHANGED',
  'CONFLICT',
  'DESTINATION_CHANGED',
  // Verify: a folder with neither an ASC MHL history nor checksum files (refused); a history that does not
  // hold together (its chain does not match its manifests, a manifest does not parse): nothing is written.
  'NO_VERIFY_REFERENCE',
  'MHL_HISTORY_INVALID',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** Codes of a copy or move refused before anything was written: bad arguments, in effect. */
export const REFUSAL_CODES: readonly ErrorCode[] = [
  'SOURCE_NOT_FOUND',
  'NOT_A_DIRECTORY',
  'DESTINATION_INSIDE_SOURCE',
  'SAME_PATH',
  'DESTINATION_PARENT_MISSING',
  'DESTINATION_NOT_A_FOLDER',
  'VIRTUAL_FILESYSTEM',
  'NAME_COLLISION',
  'INSUFFICIENT_SPACE',
  'NO_VERIFY_REFERENCE',
];

/** Phases a scan passes through, in order. */
export const PhaseSchema = z.enum([
  'queued',
  'starting',
  'walking',
  // Copy and move: count what is to be done, then do it; a paused job says so.
  'preparing',
  'copying',
  'moving',
  'paused',
  // Verify: files are hashed and compared (after `preparing` counted them).
  'verifying',
  'finalizing',
  'done',
]);
export type Phase = z.infer<typeof PhaseSchema>;

const count = z.number().int().nonnegative();
const isoTime = z.iso.datetime({ offset: true });

/** The worker's view of progress, sent at most once per throttle interval and only when changed. */
export const WorkerProgressSchema = z.object({
  phase: PhaseSchema,
  files_processed: count,
  dirs_processed: count,
  bytes_processed: count,
  errors_count: count,
  current_file: z.string().nullable(),
  /** 0..100, only rises, 100 only when the job has completed. See docs/progress-estimate.md. */
  percentage: z.number().min(0).max(100),
  /**
   * How the percentage was estimated: from the previous scan of this root, from the tree's shape, or (copy
   * and move) exactly, from bytes done out of bytes counted in the preparing phase.
   */
  estimate: z.enum(['history', 'tree', 'bytes', 'none']),
  /** Files and bytes the job will handle, once known (copy and move count them first); null for a scan. */
  files_total: count.nullable(),
  bytes_total: count.nullable(),
  rate: z.object({ files_per_second: z.number().nonnegative(), bytes_per_second: z.number().nonnegative() }),
  eta_ms: z.number().nonnegative().nullable(),
  /** Epoch milliseconds when the worker emitted this snapshot; lets clients measure latency. */
  emitted_at: z.number(),
  /**
   * Copy and move: what is done for good so far. If the worker dies, the job record still knows how far it
   * got (a move's moved sources are gone from the source).
   */
  tally: z
    .object({
      files_copied: count,
      bytes_copied: count,
      files_skipped: count,
      files_failed: count,
      sources_removed: count,
      entries_renamed_in_place: count,
    })
    .optional(),
});
export type WorkerProgress = z.infer<typeof WorkerProgressSchema>;

/** The snapshot main keeps per job: what polling returns and what `progress` carries. */
export const ProgressSnapshotSchema = WorkerProgressSchema.extend({
  batch_id: z.string().min(1),
  kind: JobKindSchema,
  root: z.string(),
  state: JobStateSchema,
  updated_at: isoTime,
});
export type ProgressSnapshot = z.infer<typeof ProgressSnapshotSchema>;

/** One entry the scan could not read. */
export const ScanErrorEntrySchema = z.object({
  path: z.string(),
  code: ErrorCodeSchema,
  /** The OS error (EACCES, EIO, …) behind the code. */
  errno: z.string(),
  message: z.string(),
});
export type ScanErrorEntry = z.infer<typeof ScanErrorEntrySchema>;

export const LargestDirSchema = z.object({
  path: z.string(),
  total_size: count,
  file_count: count,
  directory_count: count,
});
export type LargestDir = z.infer<typeof LargestDirSchema>;

export const LargestFileSchema = z.object({ path: z.string(), size: count });
export type LargestFile = z.infer<typeof LargestFileSchema>;

/** One image sequence a scan found: frames of one folder grouped the way fileseq does. */
export const SequenceEntrySchema = z.object({
  /** The folder, relative to the scanned root ('' for the root itself). */
  dir: z.string(),
  /** `name.####.exr` for 4-digit padding, `name.@@@.exr` for other widths. */
  pattern: z.string(),
  padding: z.number().int().positive(),
  first: z.number().int(),
  last: z.number().int(),
  count: count,
  /** Compact frame set: "1001-1100", "1-3,10,12-14", "1001-1010x3". */
  frames: z.string(),
  /** Missing frames within first..last, compact; "" when none. */
  missing: z.string(),
  zero_byte: z.array(z.number().int()),
  suspect_small: z.array(z.number().int()),
  total_size: count,
});
export type SequenceEntry = z.infer<typeof SequenceEntrySchema>;

/** True when a sequence has missing, zero-byte or suspiciously small frames. */
export function hasProblems(
  sequence: Pick<SequenceEntry, 'missing' | 'zero_byte' | 'suspect_small'>,
): boolean {
  return sequence.missing !== '' || sequence.zero_byte.length > 0 || sequence.suspect_small.length > 0;
}

/**
 * At most this many sequences travel in a result summary (problems first; the app lists up to 500 problems).
 * The tree file has them all. Every job record in the history carries its summary, so it stays small.
 */
export const MAX_REPORTED_SEQUENCES = 500;

/** At most this many errors travel in a result; `error_count` is always the full count. */
export const MAX_REPORTED_ERRORS = 1000;
/** How many of the largest folders and files a scan reports. */
export const LARGEST_LIMIT = 20;

/** Summary of a finished scan. Per-directory totals live in the job's tree file on disk. */
export const ScanResultSchema = z.object({
  kind: z.literal('scan'),
  root: z.string(),
  total_size: count,
  file_count: count,
  directory_count: count,
  symlink_count: count,
  /** FIFOs, sockets and device nodes: counted, never opened. */
  other_count: count,
  error_count: count,
  errors: z.array(ScanErrorEntrySchema).max(MAX_REPORTED_ERRORS),
  largest_dirs: z.array(LargestDirSchema).max(LARGEST_LIMIT),
  largest_files: z.array(LargestFileSchema).max(LARGEST_LIMIT),
  /** Image sequences: every one with problems first, then the rest, up to MAX_REPORTED_SEQUENCES. */
  sequences: z.array(SequenceEntrySchema).max(MAX_REPORTED_SEQUENCES).default([]),
  sequence_count: count.default(0),
  problem_sequence_count: count.default(0),
  scanned_at: isoTime,
  duration_ms: count,
});
export type ScanResult = z.infer<typeof ScanResultSchema>;

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
  kind: z.enum(['copy', 'move']),
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

/** A completed job whose result lists failures is "completed with failures": its own outcome, never green. */
export function hasFailures(info: Pick<JobInfo, 'state' | 'failed_count'>): boolean {
  return info.state === 'completed' && info.failed_count > 0;
}

/** Result of any job kind. Scans are tagged 'scan'; copies and moves share one shape; verify has its own. */
export const JobResultSchema = z.union([ScanResultSchema, TransferResultSchema, VerifyResultSchema]);
export type JobResult = z.infer<typeof JobResultSchema>;

/** Why a job failed. */
export const JobFailureSchema = z.object({ error: z.string(), code: ErrorCodeSchema });
export type JobFailure = z.infer<typeof JobFailureSchema>;

/** One row of the job list: enough to show and reopen a job. */
export const JobInfoSchema = z.object({
  batch_id: z.string().min(1),
  kind: JobKindSchema,
  root: z.string(),
  /** Copy and move: where to. */
  destination: z.string().nullable().default(null),
  state: JobStateSchema,
  created_at: isoTime,
  started_at: isoTime.nullable(),
  finished_at: isoTime.nullable(),
  failure: JobFailureSchema.nullable(),
  /** Entries a copy or move could not transfer (0 for scans); with state completed, the job ended with failures. */
  failed_count: count.default(0),
  /** The job whose failed entries this one runs again, or null. */
  retry_of: z.string().nullable().default(null),
});
export type JobInfo = z.infer<typeof JobInfoSchema>;
