/** One scan in the jobs panel: its folder, state and progress; opens its modal or, once ended, its results. */
import { countOf, formatBytes } from '../../../src-shared/format';
import type { JobResult, ScanResult } from '../../../src-shared/jobs';
import { folderName } from '../api';
import { JobRowFrame } from '../jobs/JobRowFrame';
import { endedMeta } from '../jobs/row-labels';
import { knownPercent } from '../progress/progress-labels';
import { appStore, useApp } from '../store/app-store';
import { useJob } from '../store/use-job';
import { stateLabel } from './scan-labels';

/** A scan's totals, or undefined for any other result. */
function scanTotals(result: JobResult | undefined): ScanResult | undefined {
  return result?.kind === 'scan' ? result : undefined;
}

/** Open a scan: its modal while it runs; once ended its results, with the modal only if it did not complete. */
function openScan(batchId: string, ended: boolean, completed: boolean): void {
  const store = appStore.getState();
  if (!ended) {
    store.openModal(batchId);
    return;
  }
  store.openResults(batchId);
  if (completed) store.closeModal();
  else store.openModal(batchId);
}

/** The row; reads only its own job and result totals. */
export function ScanJobRow({ batchId }: { batchId: string }) {
  const { listing, state, ended, snapshot } = useJob(batchId);
  const selected = useApp((s) => s.resultsBatch === batchId || s.modalBatch === batchId);
  // Final totals come from the result when the store has it (primitives: no re-render on other jobs' results).
  const resultFiles = useApp((s) => scanTotals(s.results[batchId])?.file_count);
  const resultBytes = useApp((s) => scanTotals(s.results[batchId])?.total_size);
  if (!listing) return null;
  // Null while a first scan's percentage is not known yet: the row shows what was found so far.
  const percent = knownPercent(state, snapshot);
  const name = folderName(listing.root);
  const completedFiles = state === 'completed' ? (resultFiles ?? snapshot?.files_processed) : undefined;
  const completedBytes = state === 'completed' ? (resultBytes ?? snapshot?.bytes_processed) : undefined;
  const meta = !ended
    ? state === 'queued' && !snapshot
      ? 'Queued'
      : percent === null
        ? `${countOf(snapshot?.files_processed ?? 0, 'file')} · ${formatBytes(snapshot?.bytes_processed ?? 0)} found`
        : `${percent}%${snapshot ? ` · ${countOf(snapshot.files_processed, 'file')}` : ''}`
    : endedMeta(
        [
          completedBytes !== undefined ? formatBytes(completedBytes) : null,
          completedFiles !== undefined ? countOf(completedFiles, 'file') : null,
        ],
        listing,
      );
  return (
    <JobRowFrame
      batchId={batchId}
      tone={state}
      name={name}
      badge={state}
      path={listing.root}
      percent={ended ? null : percent}
      estimating={!ended && percent === null}
      meta={meta}
      label={`${name} — ${stateLabel(state, percent)}`}
      title={listing.root}
      selected={selected}
      onOpen={() => openScan(batchId, ended, state === 'completed')}
    />
  );
}
