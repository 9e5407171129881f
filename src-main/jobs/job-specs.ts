/**
 * A job's record as it is queued (and as it is recovered when its process is gone), and what its worker is
 * told: the spec built from the record and the settings.
 */
import { isTerminal, type JobKind, type ScanResult, type WorkerProgress } from '../../src-shared/jobs';
import type { JobSpec, ScanJobSpec } from '../../src-shared/worker-protocol';
import type { VerifyRequest } from '../../src-shared/verify';
import type { JobOwner } from './job-owner';
import type { JobRecord, JobStore, TransferParams } from './job-store';

/** The engine settings a spec is built from. */
export interface SpecSettings {
  store: JobStore;
  progressThrottleMs: number;
  scanThreads: number;
  scanLister: ScanJobSpec['lister'];
  scanMaxDirsPerSecond: number;
  scanSequences: boolean;
  /** Copy and move settings: bandwidth limit, file engine, how files get their names, copy threads. */
  copy: {
    maxBytesPerSecond: number;
    engine: 'auto' | 'native' | 'node';
    publish: 'auto' | 'rename';
    threads: number;
  };
}

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
  percentage: 0,
  estimate: 'none',
  rate: { files_per_second: 0, bytes_per_second: 0 },
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

/** The last completed scan of `root` among `records`, for an honest estimate of the next one. */
export function lastCompletedScan(
  records: Iterable<JobRecord>,
  root: string,
  exceptBatchId: string,
): ScanResult | undefined {
  let latest: JobRecord | undefined;
  for (const record of records) {
    if (record.info.batch_id === exceptBatchId || record.info.root !== root) continue;
    if (record.info.state !== 'completed' || !record.result) continue;
    if (!latest || record.info.created_at > latest.info.created_at) latest = record;
  }
  return latest?.result?.kind === 'scan' ? latest.result : undefined;
}

/** The spec that starts the worker for `record`. */
export function jobSpecFor(
  record: JobRecord,
  settings: SpecSettings,
  previous: ScanResult | undefined,
): JobSpec {
  const { info, transfer } = record;
  const { store } = settings;
  if (info.kind === 'verify') {
    if (!record.verify) throw new Error(`Job ${info.batch_id} has no verify parameters.`);
    return {
      kind: 'verify',
      batch_id: info.batch_id,
      ...record.verify,
      report_path: store.reportPath(info.batch_id),
      throttle_ms: settings.progressThrottleMs,
      max_bytes_per_second: settings.copy.maxBytesPerSecond,
    };
  }
  if (info.kind !== 'scan') {
    if (!transfer) throw new Error(`Job ${info.batch_id} has no copy or move parameters.`);
    return {
      kind: info.kind,
      batch_id: info.batch_id,
      ...transfer,
      report_path: store.reportPath(info.batch_id),
      retry_report: transfer.retry_of ? store.reportPath(transfer.retry_of) : null,
      throttle_ms: settings.progressThrottleMs,
      max_bytes_per_second: settings.copy.maxBytesPerSecond,
      engine: settings.copy.engine,
      publish: settings.copy.publish,
      threads: settings.copy.threads,
    };
  }
  return {
    kind: 'scan',
    batch_id: info.batch_id,
    root: info.root,
    tree_path: store.treePath(info.batch_id),
    previous: previous
      ? { file_count: previous.file_count, directory_count: previous.directory_count }
      : null,
    throttle_ms: settings.progressThrottleMs,
    threads: settings.scanThreads,
    lister: settings.scanLister,
    max_dirs_per_second: settings.scanMaxDirsPerSecond,
    sequences: settings.scanSequences,
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
