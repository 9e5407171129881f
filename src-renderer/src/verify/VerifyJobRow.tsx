/** One verify job in the jobs panel: "SHOW", its state and percentage; reopens the modal with the report. */
import { isTerminal, type JobResult } from '../../../src-shared/jobs';
import { countOf } from '../../../src-shared/format';
import { folderName } from '../api';
import { appStore, useApp } from '../store/app-store';
import { byteProgressParts, effectiveState, ltr, shortTime, wholePercent } from './job-labels';
import { outcomeOf } from './outcome';
import { verifyBadgeText, verifyStateLabel } from './verify-labels';

/** A verification's result, or undefined for any other. */
function verifyTotals(result: JobResult | undefined) {
  return result?.kind === 'verify' ? result : undefined;
}

/** The row; reads only its own job, snapshot and result counts. */
export function VerifyRow({ batchId }: { batchId: string }) {
  const job = useApp((s) => s.jobs[batchId]);
  const snapshot = useApp((s) => s.snapshots[batchId]);
  const selected = useApp((s) => s.modalBatch === batchId);
  const verified = useApp((s) => verifyTotals(s.results[batchId])?.files_verified);
  const resultFailed = useApp((s) => verifyTotals(s.results[batchId])?.failed_count);
  if (!job) return null;
  const state = effectiveState(job, snapshot);
  const percent = wholePercent(state, snapshot);
  const ended = isTerminal(state);
  const phase = snapshot?.phase;
  const failed = Math.max(job.failed_count, resultFailed ?? 0);
  const outcome = outcomeOf(state, failed);
  const name = folderName(job.root);
  let meta: string;
  if (!ended) {
    if (state === 'queued' && !snapshot) meta = 'Verify queued';
    else if (phase === 'preparing' || !snapshot) meta = 'Counting files…';
    else meta = byteProgressParts(percent, snapshot).join(' · ');
  } else {
    meta = [
      verified !== undefined ? `${countOf(verified, 'file')} verified` : null,
      shortTime(job.finished_at ?? job.created_at),
    ]
      .filter(Boolean)
      .join(' · ');
  }
  return (
    <li role="listitem" data-testid={`job-${batchId}`} className={`job-row job-transfer state-${outcome}`}>
      <button
        type="button"
        className="job-button"
        aria-label={`${name} — ${verifyStateLabel(state, phase, percent, failed)}`}
        aria-current={selected ? 'true' : undefined}
        title={job.root}
        onClick={() => appStore.getState().openModal(batchId)}
      >
        <span className="job-line">
          <span className={`job-dot state-${outcome}`} aria-hidden="true" />
          <span className="job-kind kind-verify" aria-hidden="true">
            Verify
          </span>
          <span className="job-name">{name}</span>
          <span className={`job-badge state-${outcome}`} data-testid="job-badge">
            {verifyBadgeText(state, failed)}
          </span>
        </span>
        <span className="job-path">{ltr(job.root)}</span>
        {!ended && (
          <span className="job-bar" aria-hidden="true">
            <span className="job-bar-fill" style={{ width: `${percent}%` }} />
          </span>
        )}
        <span className="job-meta">{meta}</span>
      </button>
    </li>
  );
}
