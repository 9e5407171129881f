/** Job vocabulary shared by the worker, main, the CLI and the renderer. */
import { z } from 'zod';

/** What a job does. Copy and move join this list later. */
export const JobKindSchema = z.enum(['scan']);
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
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** Phases a scan passes through, in order. */
export const PhaseSchema = z.enum(['queued', 'starting', 'walking', 'finalizing', 'done']);
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
  /** How the percentage was estimated: from the previous scan of this root, or from the tree's shape. */
  estimate: z.enum(['history', 'tree', 'none']),
  rate: z.object({ files_per_second: z.number().nonnegative(), bytes_per_second: z.number().nonnegative() }),
  eta_ms: z.number().nonnegative().nullable(),
  /** Epoch milliseconds when the worker emitted this snapshot; lets clients measure latency. */
  emitted_at: z.number(),
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
  scanned_at: isoTime,
  duration_ms: count,
});
export type ScanResult = z.infer<typeof ScanResultSchema>;

/** Result of any job kind, tagged by kind. */
export const JobResultSchema = z.discriminatedUnion('kind', [ScanResultSchema]);
export type JobResult = z.infer<typeof JobResultSchema>;

/** Why a job failed. */
export const JobFailureSchema = z.object({ error: z.string(), code: ErrorCodeSchema });
export type JobFailure = z.infer<typeof JobFailureSchema>;

/** One row of the job list: enough to show and reopen a job. */
export const JobInfoSchema = z.object({
  batch_id: z.string().min(1),
  kind: JobKindSchema,
  root: z.string(),
  state: JobStateSchema,
  created_at: isoTime,
  started_at: isoTime.nullable(),
  finished_at: isoTime.nullable(),
  failure: JobFailureSchema.nullable(),
});
export type JobInfo = z.infer<typeof JobInfoSchema>;
