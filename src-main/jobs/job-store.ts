/** Keeps job records and results on disk, so they outlive the job and the app. */
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  JobInfoSchema,
  JobResultSchema,
  ProgressSnapshotSchema,
  TransferRequestSchema,
} from '../../src-shared/jobs';
import { VerifyRequestSchema } from '../../src-shared/verify';
import { retryOnDescriptorShortage } from './fd-retry';
import { JobOwnerSchema } from './job-owner';
import { BatchIdSchema } from '../../src-shared/schema-parts';
import { writeFileAtomic } from '../../src-node/atomic-file';

/** What a copy or move was asked to do, kept so a queued job can start and a crashed one can run again. */
export const TransferParamsSchema = TransferRequestSchema.extend({
  /** Run only the entries this earlier job could not transfer (from its report). */
  retry_of: z.string().nullable().default(null),
});
export type TransferParams = z.infer<typeof TransferParamsSchema>;

/** What is kept for one job. */
export const JobRecordSchema = z.object({
  version: z.literal(1),
  info: JobInfoSchema,
  snapshot: ProgressSnapshotSchema,
  result: JobResultSchema.nullable(),
  /** Copy and move only. */
  transfer: TransferParamsSchema.nullable().default(null),
  /** Verify only. */
  verify: VerifyRequestSchema.nullable().optional(),
  /** The process that runs the job; absent in records written before owners were kept. */
  owner: JobOwnerSchema.nullable().optional(),
});
export type JobRecord = z.infer<typeof JobRecordSchema>;

/** True for ids that are safe to use as a folder name. */
export function isSafeBatchId(batchId: string): boolean {
  return BatchIdSchema.safeParse(batchId).success;
}

/** A folder of job records: `<dataDir>/jobs/<batch_id>/job.json`, plus the worker's `tree.json`. */
export class JobStore {
  readonly jobsDir: string;

  constructor(dataDir: string) {
    this.jobsDir = join(dataDir, 'jobs');
  }

  /** Folder that holds one job's files. */
  jobDir(batchId: string): string {
    if (!isSafeBatchId(batchId)) throw new Error(`Invalid batch id ${JSON.stringify(batchId)}.`);
    return join(this.jobsDir, batchId);
  }

  /** Where the transfer worker writes its full report. */
  reportPath(batchId: string): string {
    return join(this.jobDir(batchId), 'report.json');
  }

  /** Where the scan worker writes the per-directory tree. */
  treePath(batchId: string): string {
    return join(this.jobDir(batchId), 'tree.json');
  }

  /** Make the jobs folder and prove a record can be written there, before any job is taken. */
  async prepare(): Promise<void> {
    await mkdir(this.jobsDir, { recursive: true });
    const probe = join(this.jobsDir, `.write-test.${process.pid}.tmp`);
    await writeFile(probe, '');
    await rm(probe, { force: true });
  }

  /**
   * Write a record atomically: a crash mid-write leaves the previous version intact. A save that finds no free
   * file descriptor is retried for a moment: a record lost then shows a finished job as failed at next start.
   */
  async save(record: JobRecord): Promise<void> {
    const dir = this.jobDir(record.info.batch_id);
    const text = JSON.stringify(record);
    await retryOnDescriptorShortage(async () => {
      await mkdir(dir, { recursive: true });
      await writeFileAtomic(join(dir, 'job.json'), text);
    });
  }

  /** Every readable record, oldest first. Unreadable ones are reported, not fatal. */
  async loadAll(onBadRecord: (path: string, reason: string) => void = () => undefined): Promise<JobRecord[]> {
    let names: string[];
    try {
      names = await readdir(this.jobsDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const records: JobRecord[] = [];
    for (const name of names.filter(isSafeBatchId)) {
      const path = join(this.jobsDir, name, 'job.json');
      try {
        const parsed = JobRecordSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
        if (parsed.success) records.push(parsed.data);
        else onBadRecord(path, parsed.error.issues[0]?.message ?? 'invalid record');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') onBadRecord(path, (error as Error).message);
      }
    }
    return records.sort((a, b) => a.info.created_at.localeCompare(b.info.created_at));
  }

  /** Read the tree file a scan wrote, as raw JSON text (large; parsed by whoever needs it). */
  async readTree(batchId: string): Promise<string | undefined> {
    try {
      return await readFile(this.treePath(batchId), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** Forget a job entirely. */
  async remove(batchId: string): Promise<void> {
    await rm(this.jobDir(batchId), { recursive: true, force: true });
  }
}
