/**
 * The settings part of every job spec: what a worker is told by configuration rather than by the job itself.
 * Each kind's settings are its spec minus the job's own fields, in the spec's own field names, so config.ts
 * fills them once and a spec spreads them in untouched: a new setting is its spec field, its value in
 * config.ts, and its use in the worker.
 */
import type {
  ScanJobSpec,
  TransferJobSpec,
  VerifyJobSpec,
  WatchJobSpec,
} from '../../src-shared/worker-protocol';
import type { VerifyRequest } from '../../src-shared/verify';
import type { TransferParams } from './job-store';

/** Spec fields every kind takes from the job: which worker, which job. */
type JobFields = 'kind' | 'batch_id';

/** Scan spec fields that come from the job and the store: its root, tree file and the previous scan. */
type ScanJobFields = JobFields | 'root' | 'tree_path' | 'previous';

/** Copy and move spec fields that come from the request and the store. */
type TransferJobFields = JobFields | keyof TransferParams | 'report_path' | 'retry_report';

/** Verify spec fields that come from the request and the store. */
type VerifyJobFields = JobFields | keyof VerifyRequest | 'report_path';

/** Settings of each job kind, built once from the environment in config.ts. */
export interface JobSettings {
  scan: Omit<ScanJobSpec, ScanJobFields>;
  /** Copy and move: one worker, one set of settings. */
  transfer: Omit<TransferJobSpec, TransferJobFields>;
  verify: Omit<VerifyJobSpec, VerifyJobFields>;
  watch: Omit<WatchJobSpec, JobFields | 'root'>;
}
