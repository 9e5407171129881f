/** Messages between main (the host) and a job's worker process. Both sides validate every message. */
import { z } from 'zod';
import { ErrorCodeSchema, JobResultSchema, WorkerProgressSchema } from './jobs';

const seq = z.number().int().nonnegative();

/** What the scan worker needs to run one scan. */
export const ScanJobSpecSchema = z.object({
  kind: z.literal('scan'),
  batch_id: z.string().min(1),
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
});
export type ScanJobSpec = z.infer<typeof ScanJobSpecSchema>;

export const JobSpecSchema = z.discriminatedUnion('kind', [ScanJobSpecSchema]);
export type JobSpec = z.infer<typeof JobSpecSchema>;

/** Host to worker. */
export const HostMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), seq, spec: JobSpecSchema }),
  z.object({ type: z.literal('cancel'), seq }),
]);
export type HostMessage = z.infer<typeof HostMessageSchema>;

/** Worker to host. Exactly one of completed, failed or cancelled ends a job. */
export const WorkerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), seq }),
  z.object({ type: z.literal('progress'), seq, progress: WorkerProgressSchema }),
  z.object({ type: z.literal('completed'), seq, progress: WorkerProgressSchema, result: JobResultSchema }),
  z.object({ type: z.literal('failed'), seq, error: z.string(), code: ErrorCodeSchema }),
  z.object({ type: z.literal('cancelled'), seq }),
]);
export type WorkerMessage = z.infer<typeof WorkerMessageSchema>;

/** Distributive Omit, so each union member keeps its own fields. */
export type WithoutSeq<T> = T extends unknown ? Omit<T, 'seq'> : never;
