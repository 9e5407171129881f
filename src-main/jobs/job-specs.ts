/** What a job's worker is told: the spec, from the job's record, the store's paths and the kind's settings. */
import type { ScanResult } from '../../src-shared/jobs';
import type { JobSpec } from '../../src-shared/worker-protocol';
import type { JobSettings } from './job-settings';
import type { JobRecord, JobStore } from './job-store';

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

/** The spec that starts the worker for `record`; `previous` is the last completed scan of a scan's root. */
export function jobSpecFor(
  record: JobRecord,
  settings: JobSettings,
  store: JobStore,
  previous: ScanResult | undefined,
): JobSpec {
  const { info, transfer } = record;
  if (info.kind === 'verify') {
    if (!record.verify) throw new Error(`Job ${info.batch_id} has no verify parameters.`);
    return {
      ...settings.verify,
      kind: 'verify',
      batch_id: info.batch_id,
      ...record.verify,
      report_path: store.reportPath(info.batch_id),
    };
  }
  if (info.kind === 'watch')
    return { ...settings.watch, kind: 'watch', batch_id: info.batch_id, root: info.root };
  if (info.kind !== 'scan') {
    if (!transfer) throw new Error(`Job ${info.batch_id} has no copy or move parameters.`);
    return {
      ...settings.transfer,
      kind: info.kind,
      batch_id: info.batch_id,
      ...transfer,
      report_path: store.reportPath(info.batch_id),
      retry_report: transfer.retry_of ? store.reportPath(transfer.retry_of) : null,
    };
  }
  return {
    ...settings.scan,
    kind: 'scan',
    batch_id: info.batch_id,
    root: info.root,
    tree_path: store.treePath(info.batch_id),
    previous: previous
      ? { file_count: previous.file_count, directory_count: previous.directory_count }
      : null,
  };
}
