/**
 * How a job's record changes: queued, updated from its worker's progress, recovered when its process is gone,
 * and what a retry of it runs. Pure functions; the JobManager keeps and saves the records.
 */
import {
  isTerminal,
  type JobInfo,
  type JobKind,
  type JobState,
  type WorkerProgress,
} from '../../src-shared/jobs';
import { percentageAfter } from '../../src-shared/percentage';
import type { VerifyRequest } from '../../src-shared/verify';
import type { JobOwner } from './job-owner';
import type { JobRecord, TransferParams } from './job-store';

/** A job's progress before it starts. */
const ZERO_PROGRESS: Omit<WorkerProgress, 'emitted_at'> = {
  files_total: null,
  bytes_total: null,
  phase: 'queued',
  files_processed: 0,
  dirs_processed: 0,
  bytes_processed: 0,
  errors_count: 0,
  current_file: null,
  percentage: null,
  estimate: 'none',
  rate: null,
  eta_ms: null,
};

/** The record of a job just queued, by the engine `owner`. */
export function queuedRecord(
  batchId: string,
  kind: JobKind,
  root: string,
  destination: string | null,
  transfer: TransferParams | null,
  verify: VerifyRequest | null = null,
  owner: JobOwner | null = null,
): JobRecord {
  const now = new Date().toISOString();
  return {
    version: 1,
    info: {
      batch_id: batchId,
      kind,
      root,
      destination,
      state: 'queued',
      created_at: now,
      started_at: null,
      finished_at: null,
      failure: null,
      failed_count: 0,
      retry_of: transfer?.retry_of ?? null,
    },
    snapshot: {
      ...ZERO_PROGRESS,
      emitted_at: Date.now(),
      batch_id: batchId,
      kind,
      root,
      state: 'queued',
      updated_at: now,
    },
    result: null,
    transfer,
    verify,
    owner,
  };
}

/** Apply a change of `info` and of progress to `record` in place; its snapshot follows its state. */
export function updateRecord(
  record: JobRecord,
  info: Partial<JobInfo>,
  progress: Partial<WorkerProgress>,
): void {
  record.info = { ...record.info, ...info };
  const previous = record.snapshot;
  record.snapshot = {
    ...previous,
    ...progress,
    // Never let a late or reordered message move the bar backwards.
    percentage:
      progress.percentage === undefined
        ? previous.percentage
        : percentageAfter(previous.percentage, progress.percentage),
    state: record.info.state,
    updated_at: new Date().toISOString(),
  };
}

/** The states a job ends in. */
export type EndState = Extract<JobState, 'completed' | 'failed' | 'cancelled'>;

/** Mark `record` ended in `state`, now. A copy, move or verification counts its failed entries from its result. */
export function endRecord(record: JobRecord, state: EndState): void {
  const result = record.result;
  const counted = result && result.kind !== 'scan' ? { failed_count: result.failed_count } : {};
  updateRecord(
    record,
    { ...counted, state, finished_at: new Date().toISOString() },
    state === 'completed' ? { phase: 'done' } : {},
  );
}

/** An unfinished record whose process is gone, as failed: it says the job never finished. */
export function interruptedRecord(record: JobRecord): JobRecord {
  return {
    ...record,
    info: {
      ...record.info,
      state: 'failed',
      finished_at: record.snapshot.updated_at,
      failure: { error: 'Wrangle quit before this job finished. Run it again.', code: 'INTERRUPTED' },
    },
    snapshot: { ...record.snapshot, state: 'failed' },
  };
}

/**
 * The parameters of a job that runs again what `record`'s job could not transfer. Throws, saying why, when it
 * is not a copy or move, has not ended, left no report, or has nothing to retry.
 */
export function retryParams(record: JobRecord | undefined, batchId: string): TransferParams {
  if (!record || record.info.kind === 'scan' || !record.transfer)
    throw new Error(`No copy or move job ${batchId} to retry.`);
  if (!isTerminal(record.info.state))
    throw new Error(`The job ${batchId} is still running; retry it once it has ended.`);
  const result = record.result;
  if (!result || result.kind === 'scan') {
    throw new Error(
      `The job ${batchId} left no report of what it did, so its failed entries are unknown. Run it again instead.`,
    );
  }
  if (result.failed_count === 0 && record.info.state === 'completed')
    throw new Error(`The job ${batchId} has no failed entries.`);
  return { ...record.transfer, retry_of: batchId };
}
