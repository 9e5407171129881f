/** Job vocabulary shared by the worker, main, the CLI and the renderer. */
import { z } from 'zod';
import { FileTypesSchema } from './file-types';
import { ErrorCodeSchema } from './error-codes';
import { BatchIdSchema, count, isoTime } from './schema-parts';
import { TransferResultSchema } from './transfer-shapes';
import { VerifyResultSchema } from './verify';
import { JobKindSchema } from './job-kinds';

// Defined in their own files, and part of this vocabulary: every importer of jobs.ts keeps finding them here.
export { ErrorCodeSchema, REFUSAL_CODES, type ErrorCode } from './error-codes';
export * from './transfer-shapes';

/** What a job does. */
export { JobKindSchema, TransferKindSchema, type JobKind, type TransferKind } from './job-kinds';

/** Lifecycle of a job; the last three are terminal. */
export const JobStateSchema = z.enum(['queued', 'running', 'completed', 'failed', 'cancelled']);
export type JobState = z.infer<typeof JobStateSchema>;

export const TERMINAL_STATES: readonly JobState[] = ['completed', 'failed', 'cancelled'];

/** True once a job can no longer change state. */
export function isTerminal(state: JobState): boolean {
  return TERMINAL_STATES.includes(state);
}

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

/** The worker's view of progress, sent at most once per throttle interval and only when changed. */
export const WorkerProgressSchema = z.object({
  phase: PhaseSchema,
  files_processed: count,
  dirs_processed: count,
  bytes_processed: count,
  errors_count: count,
  current_file: z.string().nullable(),
  /**
   * 0..100, only rises, 100 only when the job has completed. Null while it is not known yet: a first scan
   * (no history) until its tree estimate can be trusted; once a number, never null again. See
   * docs/progress-estimate.md.
   */
  percentage: z.number().min(0).max(100).nullable(),
  /**
   * How the percentage was estimated: from the previous scan of this root, from the tree's shape, or (copy
   * and move) exactly, from bytes done out of bytes counted in the preparing phase.
   */
  estimate: z.enum(['history', 'tree', 'bytes', 'none']),
  /** Files and bytes the job will handle, once known (copy and move count them first); null for a scan. */
  files_total: count.nullable(),
  bytes_total: count.nullable(),
  /** Smoothed rates; null until enough time has passed for a rate to mean something (a scan's first second). */
  rate: z
    .object({
      files_per_second: z.number().nonnegative(),
      /** Bytes written a second (a scan: bytes found). */
      bytes_per_second: z.number().nonnegative(),
      /** A verified copy or move: bytes of the copies read back a second (what the verifying phase moves). */
      read_back_bytes_per_second: z.number().nonnegative().optional(),
    })
    .nullable(),
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
  batch_id: BatchIdSchema,
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
  /**
   * Compact frame set, fileseq's notation for tools: "1001-1100", "1-3,10,12-14", "1001-1010x3" (every 3rd
   * frame from 1001 to 1010). People read it as frame-text.ts writes it.
   */
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
/**
 * At most this many paths of each problem kind that is not a sequence (empty files, empty folders) travel in a
 * result, the first by path; its `…_count` is always the full count.
 */
export const MAX_REPORTED_PROBLEM_PATHS = 500;

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
  /** Empty regular files, by absolute path, except frames of a sequence (the sequence lists those). */
  zero_byte_files: z.array(z.string()).max(MAX_REPORTED_PROBLEM_PATHS).default([]),
  zero_byte_file_count: count.default(0),
  /** Folders below the root with nothing at all in them, by absolute path. */
  empty_folders: z.array(z.string()).max(MAX_REPORTED_PROBLEM_PATHS).default([]),
  empty_folder_count: count.default(0),
  /** Files and bytes by extension, largest by bytes first (see file-types.ts). */
  file_types: FileTypesSchema.default([]),
  scanned_at: isoTime,
  duration_ms: count,
});
export type ScanResult = z.infer<typeof ScanResultSchema>;

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
  batch_id: BatchIdSchema,
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
