/** One copy or move in the jobs panel: "SHOW → /dest", its state and percentage; reopens the modal with the report. */
import { formatCount } from '../../../src-shared/format';
import type { JobResult, TransferResult } from '../../../src-shared/jobs';
import { folderName } from '../api';
import { JobRowFrame } from '../jobs/JobRowFrame';
import { outcomeOf } from '../jobs/outcome';
import { byteProgressParts, endedMeta } from '../jobs/row-labels';
import { wholePercent } from '../progress/progress-labels';
import { appStore, useApp } from '../store/app-store';
import { useJob } from '../store/use-job';
import {
  endedTotalsText,
  isPaused,
  transferBadgeText,
  transferStateLabel,
  type TransferKind,
} from './transfer-labels';
import { Sparkline } from './throughput/Sparkline';
import { useJobDestinations } from './use-job-destinations';

/** A transfer's totals, or undefined for any other result. */
function transferTotals(result: JobResult | undefined): TransferResult | undefined {
  return result?.kind === 'copy' || result?.kind === 'move' ? result : undefined;
}

/** The row; reads only its own job and result counts. */
export function TransferJobRow({ batchId, kind }: { batchId: string; kind: TransferKind }) {
  const { listing, state, ended, snapshot } = useJob(batchId);
  const selected = useApp((s) => s.modalBatch === batchId);
  const result = useApp((s) => transferTotals(s.results[batchId]));
  const resultFailed = result?.failed_count;
  const destinations = useJobDestinations(batchId, result);
  if (!listing) return null;
  const percent = wholePercent(state, snapshot);
  const phase = snapshot?.phase;
  const paused = isPaused(state, phase);
  // The job list says how many failed; the result, when loaded, says the same (whichever came first).
  const failed = Math.max(listing.failed_count, resultFailed ?? 0);
  const outcome = outcomeOf(state, failed);
  const name = folderName(listing.root);
  // "+1" when the copy goes to more destinations than the first.
  const more = destinations.length > 1 ? ` +${destinations.length - 1}` : '';
  const route = `${listing.root} → ${[listing.destination ?? '?', ...destinations.slice(1)].join(', ')}`;
  let meta: string;
  if (!ended) {
    if (state === 'queued' && !snapshot) meta = `${kind === 'copy' ? 'Copy' : 'Move'} queued`;
    else if (phase === 'preparing' || !snapshot) meta = 'Counting files…';
    else meta = [...byteProgressParts(percent, snapshot), ...(paused ? ['paused'] : [])].join(' · ');
  } else {
    meta = endedMeta(
      [
        ...endedTotalsText(kind, result),
        // A completed job's failures are in its badge already.
        failed && outcome !== 'completed-with-failures' ? `${formatCount(failed)} failed` : null,
      ],
      listing,
    );
  }
  return (
    <JobRowFrame
      batchId={batchId}
      tone={outcome}
      tag={{ kind, text: kind === 'copy' ? 'Copy' : 'Move' }}
      name={name}
      badge={transferBadgeText(kind, state, phase, failed)}
      path={`${name} → ${listing.destination ?? '?'}${more}`}
      percent={ended ? null : percent}
      paused={paused}
      meta={meta}
      extra={ended ? null : <Sparkline batchId={batchId} />}
      label={`${name} — ${transferStateLabel(kind, state, phase, percent, failed)}`}
      title={route}
      selected={selected}
      onOpen={() => appStore.getState().openModal(batchId)}
    />
  );
}
