/** One verify job in the jobs panel: "SHOW", its state and percentage; reopens the modal with the report. */
import { countOf } from '../../../src-shared/format';
import type { JobResult } from '../../../src-shared/jobs';
import { folderName } from '../api';
import { JobRowFrame } from '../jobs/JobRowFrame';
import { outcomeOf } from '../jobs/outcome';
import { byteProgressParts, endedMeta } from '../jobs/row-labels';
import { wholePercent } from '../progress/progress-labels';
import { appStore, useApp } from '../store/app-store';
import { useJob } from '../store/use-job';
import { Sparkline } from '../transfer/throughput/Sparkline';
import { verifyBadgeText, verifyStateLabel } from './verify-labels';

/** A verification's result, or undefined for any other. */
function verifyTotals(result: JobResult | undefined) {
  return result?.kind === 'verify' ? result : undefined;
}

/** The row; reads only its own job and result counts. */
export function VerifyJobRow({ batchId }: { batchId: string }) {
  const { listing, state, ended, snapshot } = useJob(batchId);
  const selected = useApp((s) => s.modalBatch === batchId);
  const verified = useApp((s) => verifyTotals(s.results[batchId])?.files_verified);
  const resultFailed = useApp((s) => verifyTotals(s.results[batchId])?.failed_count);
  if (!listing) return null;
  const percent = wholePercent(state, snapshot);
  const phase = snapshot?.phase;
  const failed = Math.max(listing.failed_count, resultFailed ?? 0);
  const outcome = outcomeOf(state, failed);
  const name = folderName(listing.root);
  let meta: string;
  if (!ended) {
    if (state === 'queued' && !snapshot) meta = 'Verify queued';
    else if (phase === 'preparing' || !snapshot) meta = 'Counting files…';
    else meta = byteProgressParts(percent, snapshot).join(' · ');
  } else {
    meta = endedMeta([verified !== undefined ? `${countOf(verified, 'file')} verified` : null], listing);
  }
  return (
    <JobRowFrame
      batchId={batchId}
      tone={outcome}
      tag={{ kind: 'verify', text: 'Verify' }}
      name={name}
      badge={verifyBadgeText(state, failed)}
      path={listing.root}
      percent={ended ? null : percent}
      meta={meta}
      extra={ended ? null : <Sparkline batchId={batchId} />}
      label={`${name} — ${verifyStateLabel(state, phase, percent, failed)}`}
      title={listing.root}
      selected={selected}
      onOpen={() => appStore.getState().openModal(batchId)}
    />
  );
}
