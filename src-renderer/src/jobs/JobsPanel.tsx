/** The jobs panel: every queued, running and finished job, newest first, each reopenable. */
import { isTerminal, type JobResult, type ScanResult, type TransferResult } from '../../../src-shared/jobs';
import { countOf, formatBytes, formatCount } from '../../../src-shared/format';
import { folderName } from '../api';
import { appStore, useApp } from '../store/app-store';
import { byteProgressParts, effectiveState, ltr, shortTime, stateLabel, wholePercent } from './job-labels';
import { outcomeOf } from './outcome';
import { isPaused, transferBadgeText, transferStateLabel } from './transfer-labels';
import { useJobDestinations } from '../transfer/job-destinations';
import { VerifyRow } from './VerifyJobRow';

/** Open a job: its modal while it runs, its results once it has ended (other kinds: always their modal). */
function openJob(batchId: string, ended: boolean, completed: boolean, scan: boolean): void {
  const store = appStore.getState();
  if (!ended || !scan) {
    store.openModal(batchId);
    return;
  }
  store.openResults(batchId);
  if (completed) store.closeModal();
  else store.openModal(batchId);
}

/** A scan's totals, or undefined for any other result. */
function scanTotals(result: JobResult | undefined): ScanResult | undefined {
  return result?.kind === 'scan' ? result : undefined;
}

/** One job row; reads only its own job and snapshot. */
function JobRow({ batchId }: { batchId: string }) {
  const job = useApp((s) => s.jobs[batchId]);
  const snapshot = useApp((s) => s.snapshots[batchId]);
  const selected = useApp((s) => s.resultsBatch === batchId || s.modalBatch === batchId);
  // Final totals come from the result when the store has it (primitives: no re-render on other jobs' results).
  const resultFiles = useApp((s) => scanTotals(s.results[batchId])?.file_count);
  const resultBytes = useApp((s) => scanTotals(s.results[batchId])?.total_size);
  if (!job) return null;
  if (job.kind === 'verify') return <VerifyRow batchId={batchId} />;
  if (job.kind !== 'scan') return <TransferRow batchId={batchId} />;
  const state = effectiveState(job, snapshot);
  const percent = wholePercent(state, snapshot);
  const ended = isTerminal(state);
  const name = folderName(job.root);
  const completedFiles = state === 'completed' ? (resultFiles ?? snapshot?.files_processed) : undefined;
  const completedBytes = state === 'completed' ? (resultBytes ?? snapshot?.bytes_processed) : undefined;
  const meta = !ended
    ? state === 'queued' && !snapshot
      ? 'Queued'
      : `${percent}%${snapshot ? ` · ${countOf(snapshot.files_processed, 'file')}` : ''}`
    : [
        completedBytes !== undefined ? formatBytes(completedBytes) : null,
        completedFiles !== undefined ? countOf(completedFiles, 'file') : null,
        shortTime(job.finished_at ?? job.created_at),
      ]
        .filter(Boolean)
        .join(' · ');
  return (
    <li role="listitem" data-testid={`job-${batchId}`} className={`job-row state-${state}`}>
      <button
        type="button"
        className="job-button"
        aria-label={`${name} — ${stateLabel(state, percent)}`}
        aria-current={selected ? 'true' : undefined}
        title={job.root}
        onClick={() => openJob(batchId, ended, state === 'completed', true)}
      >
        <span className="job-line">
          <span className={`job-dot state-${state}`} aria-hidden="true" />
          <span className="job-name">{name}</span>
          <span className={`job-badge state-${state}`}>{state}</span>
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

/** A transfer's totals, or undefined for any other result. */
function transferTotals(result: JobResult | undefined): TransferResult | undefined {
  return result?.kind === 'copy' || result?.kind === 'move' ? result : undefined;
}

/** One copy or move row: "SHOW → /dest", its state and percentage; reopens the modal with the report. */
function TransferRow({ batchId }: { batchId: string }) {
  const job = useApp((s) => s.jobs[batchId]);
  const snapshot = useApp((s) => s.snapshots[batchId]);
  const selected = useApp((s) => s.modalBatch === batchId);
  const copied = useApp((s) => transferTotals(s.results[batchId])?.files_copied);
  const bytesCopied = useApp((s) => transferTotals(s.results[batchId])?.bytes_copied);
  const resultFailed = useApp((s) => transferTotals(s.results[batchId])?.failed_count);
  const destinations = useJobDestinations(
    batchId,
    useApp((s) => transferTotals(s.results[batchId])),
  );
  if (!job || job.kind === 'scan' || job.kind === 'verify') return null;
  const kind = job.kind;
  const state = effectiveState(job, snapshot);
  const percent = wholePercent(state, snapshot);
  const ended = isTerminal(state);
  const phase = snapshot?.phase;
  const paused = isPaused(state, phase);
  // The job list says how many failed; the result, when loaded, says the same (whichever came first).
  const failed = Math.max(job.failed_count, resultFailed ?? 0);
  const outcome = outcomeOf(state, failed);
  const name = folderName(job.root);
  // "+1" when the copy goes to more destinations than the first.
  const more = destinations.length > 1 ? ` +${destinations.length - 1}` : '';
  const route = `${job.root} → ${[job.destination ?? '?', ...destinations.slice(1)].join(', ')}`;
  const badge = transferBadgeText(kind, state, phase, failed);
  let meta: string;
  if (!ended) {
    if (state === 'queued' && !snapshot) meta = `${kind === 'copy' ? 'Copy' : 'Move'} queued`;
    else if (phase === 'preparing' || !snapshot) meta = 'Counting files…';
    else meta = [...byteProgressParts(percent, snapshot), ...(paused ? ['paused'] : [])].join(' · ');
  } else {
    meta = [
      bytesCopied !== undefined ? formatBytes(bytesCopied) : null,
      copied !== undefined ? `${countOf(copied, 'file')} ${kind === 'copy' ? 'copied' : 'moved'}` : null,
      // A completed job's failures are in its badge already.
      failed && outcome !== 'completed-with-failures' ? `${formatCount(failed)} failed` : null,
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
        aria-label={`${name} — ${transferStateLabel(kind, state, phase, percent, failed)}`}
        aria-current={selected ? 'true' : undefined}
        title={route}
        onClick={() => openJob(batchId, ended, state === 'completed', false)}
      >
        <span className="job-line">
          <span className={`job-dot state-${outcome} ${paused ? 'paused' : ''}`} aria-hidden="true" />
          <span className={`job-kind kind-${kind}`} aria-hidden="true">
            {kind === 'copy' ? 'Copy' : 'Move'}
          </span>
          <span className="job-name">{name}</span>
          <span className={`job-badge state-${outcome} ${paused ? 'paused' : ''}`} data-testid="job-badge">
            {badge}
          </span>
        </span>
        <span className="job-path job-route">{ltr(`${name} → ${job.destination ?? '?'}${more}`)}</span>
        {!ended && (
          <span className={`job-bar ${paused ? 'paused' : ''}`} aria-hidden="true">
            <span className="job-bar-fill" style={{ width: `${percent}%` }} />
          </span>
        )}
        <span className="job-meta">{meta}</span>
      </button>
    </li>
  );
}

/** The list of jobs, newest first. */
export function JobsPanel() {
  const order = useApp((s) => s.jobOrder);
  return (
    <aside className="jobs-panel">
      <h2 className="panel-title">
        Jobs <span className="panel-count">{order.length > 0 ? order.length : ''}</span>
      </h2>
      <ul role="list" aria-label="Jobs" className="jobs-list">
        {order.map((id) => (
          <JobRow key={id} batchId={id} />
        ))}
      </ul>
      {order.length === 0 && <p className="panel-empty">No jobs yet. Drop a folder to scan it.</p>}
    </aside>
  );
}
