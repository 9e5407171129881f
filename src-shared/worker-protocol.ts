/** Messages between main (the host) and a job's worker process. Both sides validate every message. */
import { z } from 'zod';
import { ErrorCodeSchema, JobResultSchema, TransferRequestSchema, WorkerProgressSchema } from './jobs';
import { VerifyRequestSchema } from './verify';
import { BatchIdSchema } from './schema-parts';
import { TransferKindSchema } from './job-kinds';
import { SequenceExtensionsSchema } from './sequence-extensions';
import { WatchFocusSchema, WatchUpdateSchema } from './watch-shapes';

/** What the scan worker needs to run one scan. */
export const ScanJobSpecSchema = z.object({
  kind: z.literal('scan'),
  batch_id: BatchIdSchema,
  root: z.string().min(1),
  /** Where the worker writes the per-directory tree (JSON) when it completes. */
  tree_path: z.string().min(1),
  /** Entry counts from the last completed scan of this root, for an honest estimate. */
  previous: z.object({ file_count: z.number().int(), directory_count: z.number().int() }).nullable(),
  throttle_ms: z.number().int().positive(),
  threads: z.number().int().min(1).max(64),
  /** Directory lister: native (readdir + fstatat in C) when it loads, else Node's fs; or forced. */
  lister: z.enum(['auto', 'native', 'node']),
  /** Gentle mode for busy shared storage: at most this many folders a second; 0 for no limit. */
  max_dirs_per_second: z.number().nonnegative(),
  /** Group each folder's frames into image sequences. */
  sequences: z.boolean(),
  /** Which files may be frames, by extension ("*" for any): see src-shared/sequence-extensions.ts. */
  sequence_extensions: SequenceExtensionsSchema,
});
export type ScanJobSpec = z.infer<typeof ScanJobSpecSchema>;

/** What the transfer worker needs for one copy or move. */
export const TransferJobSpecSchema = TransferRequestSchema.extend({
  kind: TransferKindSchema,
  batch_id: BatchIdSchema,
  /** Where the worker writes the full report (every file, reasons, checksums) as JSON. */
  report_path: z.string().min(1),
  /** Retry: the report of the earlier job whose failed entries are all this job transfers; else null. */
  retry_report: z.string().nullable().default(null),
  retry_of: z.string().nullable().default(null),
  throttle_ms: z.number().int().positive(),
  /** Bandwidth limit for busy shared storage (bytes a second); 0 for none. */
  max_bytes_per_second: z.number().nonnegative(),
  /** File engine: the native addon (directory descriptors, copy_file_range) when it loads, else Node's fs; or forced. */
  engine: z.enum(['auto', 'native', 'node']).default('auto'),
  /** How complete files get their names: `auto` links an unnamed O_TMPFILE where the filesystem can; `rename` forces a temporary name. */
  publish: z.enum(['auto', 'rename']).default('auto'),
  /** Threads that move file data at once. */
  threads: z.number().int().min(1).max(16).default(2),
});
export type TransferJobSpec = z.infer<typeof TransferJobSpecSchema>;

/** What the verify worker needs to check one folder against its history or checksum files. */
export const VerifyJobSpecSchema = VerifyRequestSchema.extend({
  kind: z.literal('verify'),
  batch_id: BatchIdSchema,
  /** Where the worker writes the full report (every file, its status and hashes) as JSON. */
  report_path: z.string().min(1),
  throttle_ms: z.number().int().positive(),
  /** Read limit for busy shared storage (bytes a second); 0 for none. */
  max_bytes_per_second: z.number().nonnegative().default(0),
});
export type VerifyJobSpec = z.infer<typeof VerifyJobSpecSchema>;

/** What the watch worker needs to keep one folder's sequences and totals live until it is cancelled. */
export const WatchJobSpecSchema = z.object({
  kind: z.literal('watch'),
  batch_id: BatchIdSchema,
  root: z.string().min(1),
  /** Poll (the root and the open folders) instead of inotify events, as on network filesystems (WRANGLE_WATCH_POLL). */
  force_polling: z.boolean(),
  /** How often polled folders are checked. */
  poll_interval_ms: z.number().int().positive(),
  /** How often every watched folder is re-read anyway, in case events were lost (an inotify queue overflow). */
  reconcile_interval_ms: z.number().int().positive(),
  /** Changes are coalesced and sent at most once per this interval. */
  update_interval_ms: z.number().int().positive(),
  /** Most inotify watches this job may use; 0 takes a share of fs.inotify.max_user_watches. */
  max_watches: z.number().int().nonnegative(),
  /** Which files may be frames of a sequence: the scan's list, so both report the same sequences. */
  sequence_extensions: SequenceExtensionsSchema,
});
export type WatchJobSpec = z.infer<typeof WatchJobSpecSchema>;

export const JobSpecSchema = z.union([
  ScanJobSpecSchema,
  TransferJobSpecSchema,
  VerifyJobSpecSchema,
  WatchJobSpecSchema,
]);
export type JobSpec = z.infer<typeof JobSpecSchema>;

/** Host to worker. */
export const HostMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), spec: JobSpecSchema }),
  z.object({ type: z.literal('cancel') }),
  // Copy and move stop between files while paused; a scan ignores these.
  z.object({ type: z.literal('pause') }),
  z.object({ type: z.literal('resume') }),
  // A polled watch polls these folders (and the root); the others wait for the reconcile. Others ignore it.
  z.object({ type: z.literal('watch_focus'), folders: WatchFocusSchema }),
]);
export type HostMessage = z.infer<typeof HostMessageSchema>;

/** Worker to host. Exactly one of completed, failed or cancelled ends a job. */
export const WorkerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('progress'), progress: WorkerProgressSchema }),
  // A watch job's coalesced changes; it sends no progress of its own and runs until cancelled.
  z.object({ type: z.literal('watch'), update: WatchUpdateSchema }),
  z.object({ type: z.literal('completed'), progress: WorkerProgressSchema, result: JobResultSchema }),
  // A copy that stops part-way still reports what it did (the files it completed stay and are listed).
  z.object({
    type: z.literal('failed'),
    error: z.string(),
    code: ErrorCodeSchema,
    result: JobResultSchema.optional(),
  }),
  z.object({ type: z.literal('cancelled'), result: JobResultSchema.optional() }),
]);
export type WorkerMessage = z.infer<typeof WorkerMessageSchema>;
