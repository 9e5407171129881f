/** A copy or move in the progress modal: counting, byte progress, pause/resume, and the report once ended. */
import { useState } from 'react';
import { isTerminal, type Phase, type ProgressSnapshot, type TransferResult } from '../../../src-shared/jobs';
import { formatBytes, formatCount } from '../../../src-shared/format';
import { wrangle } from '../api';
import { usePauseControl } from '../hooks/use-pause-control';
import { useResult } from '../hooks/use-result';
import { useRetry } from '../hooks/use-retry';
import { appStore, useApp } from '../store/app-store';
import { CurrentFile } from './CurrentFile';
import { ProgressBar } from './ProgressBar';
import { effectiveState, etaText, wholePercent } from './job-labels';
import { failedCountOf, outcomeOf } from './outcome';
import { retryLabel } from './report-labels';
import { TransferReport } from './TransferReport';
import {
  isPaused,
  pendingControlText,
  throughputText,
  transferStatusText,
  type TransferKind,
} from './transfer-labels';

/** True while the job is still counting what it has to do. */
function counting(snapshot: ProgressSnapshot | undefined): boolean {
  const phase = snapshot?.phase;
  return !snapshot || phase === 'queued' || phase === 'starting' || phase === 'preparing';
}

/** The line under the bar while the job runs. */
function phaseText(
  kind: TransferKind,
  isCounting: boolean,
  paused: boolean,
  pausing: boolean,
  phase: Phase | undefined,
): string {
  if (isCounting) return `The percentage starts once everything to ${kind} is counted.`;
  if (pausing) return 'Stopping at the next chunk; nothing more is written once it says Paused.';
  if (paused) return 'Paused: nothing is being written. Resume to go on.';
  if (phase === 'finalizing') return 'Writing the report…';
  return '';
}

/** The modal's content for a copy or move. */
export function TransferContent({ batchId, kind }: { batchId: string; kind: TransferKind }) {
  const job = useApp((s) => s.jobs[batchId]);
  const snapshot = useApp((s) => s.snapshots[batchId]);
  const failure = useApp((s) => s.failures[batchId]);
  const state = effectiveState(job, snapshot);
  const ended = isTerminal(state);
  const anyResult = useResult(batchId, ended);
  const result: TransferResult | null | undefined =
    anyResult && anyResult.kind !== 'scan' ? anyResult : anyResult === undefined ? undefined : null;
  const error = failure?.error ?? job?.failure?.error;
  const failedCount = failedCountOf(job, result);
  const outcome = outcomeOf(state, failedCount);
  // Paused only when the engine says so: it reports phase paused once no byte moves any more.
  const paused = isPaused(state, snapshot?.phase);
  const { request, toggle } = usePauseControl(batchId, paused);
  const pending = ended ? null : pendingControlText(request, paused);
  const [cancelling, setCancelling] = useState(false);
  const retry = useRetry(batchId);
  const retryText = ended ? retryLabel(state, result) : null;

  const percent = wholePercent(state, snapshot);
  const isCounting = !ended && counting(snapshot);
  const cancel = (): void => {
    setCancelling(true);
    void wrangle()
      .cancel(batchId)
      .catch(() => setCancelling(false));
  };
  const close = (): void => appStore.getState().closeModal();
  const barClass = ended ? '' : paused ? 'progress-paused' : 'progress-running';

  return (
    <>
      {job?.retry_of && (
        <p className="report-note retry-note">Runs again what an earlier {kind} could not transfer.</p>
      )}
      <ProgressBar
        percent={percent}
        label={kind === 'copy' ? 'Copy progress' : 'Move progress'}
        className={`${barClass} ${isCounting ? 'progress-counting' : ''} state-${outcome}`}
        valueText={isCounting ? 'Counting files' : `${percent}%`}
      />
      {!ended && (
        <>
          <p className="phase">
            {phaseText(kind, isCounting, paused, request === 'pause' && !paused, snapshot?.phase)}
          </p>
          {isCounting ? <CountingCounters snapshot={snapshot} /> : <TransferCounters snapshot={snapshot} />}
          <dl className="rates">
            <div>
              <dt>Throughput</dt>
              <dd data-testid="rate">
                {isCounting || paused ? '—' : throughputText(snapshot?.rate.bytes_per_second ?? 0)}
              </dd>
            </div>
            <div>
              <dt>Time left</dt>
              <dd data-testid="eta">{isCounting || paused ? '—' : etaText(snapshot?.eta_ms)}</dd>
            </div>
          </dl>
          <div className="current">
            <span className="current-label">Current file</span>
            <CurrentFile path={snapshot?.current_file ?? null} />
          </div>
        </>
      )}

      <div
        className={`status status-${outcome} ${paused ? 'status-paused' : ''} ${pending ? 'status-pending' : ''}`}
        role="status"
        aria-live="polite"
      >
        {pending ?? transferStatusText(kind, state, snapshot?.phase, error, failedCount)}
      </div>

      {ended && <TransferReport kind={kind} state={state} result={result} snapshot={snapshot} />}
      {retry.error && (
        <p className="options-problem" role="alert" data-testid="retry-error">
          {retry.error}
        </p>
      )}

      <div className="modal-actions">
        {ended ? (
          <>
            {retryText && (
              <button
                type="button"
                className="btn"
                onClick={retry.retry}
                disabled={retry.retrying}
                title={`Start a new ${kind} of only the entries this one did not transfer`}
              >
                {retry.retrying ? 'Starting…' : retryText}
              </button>
            )}
            <button type="button" className="btn btn-primary" onClick={close}>
              Close
            </button>
          </>
        ) : (
          <>
            <button type="button" className="btn btn-ghost" onClick={close}>
              Run in background
            </button>
            <button
              type="button"
              className="btn"
              onClick={toggle}
              disabled={request !== null || cancelling || state !== 'running'}
            >
              {paused ? 'Resume' : 'Pause'}
            </button>
            <button type="button" className="btn btn-danger" onClick={cancel} disabled={cancelling}>
              Cancel
            </button>
          </>
        )}
      </div>
    </>
  );
}

/** While counting: what has been found so far (the totals are not known yet). */
function CountingCounters({ snapshot }: { snapshot: ProgressSnapshot | undefined }) {
  const files = snapshot?.files_total ?? snapshot?.files_processed ?? 0;
  const bytes = snapshot?.bytes_total ?? snapshot?.bytes_processed ?? 0;
  return (
    <dl className="counters counters-2">
      <div className="counter">
        <dt>Files found</dt>
        <dd data-testid="files-count">{formatCount(files)}</dd>
      </div>
      <div className="counter">
        <dt>Size found</dt>
        <dd data-testid="bytes-count">{formatBytes(bytes)}</dd>
      </div>
    </dl>
  );
}

/** While copying: files and bytes done out of the totals counted first. */
function TransferCounters({ snapshot }: { snapshot: ProgressSnapshot | undefined }) {
  const filesTotal = snapshot?.files_total;
  const bytesTotal = snapshot?.bytes_total;
  const errors = snapshot?.errors_count ?? 0;
  return (
    <dl className="counters">
      <div className="counter">
        <dt>Files</dt>
        <dd>
          <span data-testid="files-count">{formatCount(snapshot?.files_processed ?? 0)}</span>
          <span className="of">
            {' of '}
            <span data-testid="files-total">
              {filesTotal === null || filesTotal === undefined ? '—' : formatCount(filesTotal)}
            </span>
          </span>
        </dd>
      </div>
      <div className="counter">
        <dt>Bytes</dt>
        <dd>
          <span data-testid="bytes-count">{formatBytes(snapshot?.bytes_processed ?? 0)}</span>
          <span className="of">
            {' of '}
            <span data-testid="bytes-total">
              {bytesTotal === null || bytesTotal === undefined ? '—' : formatBytes(bytesTotal)}
            </span>
          </span>
        </dd>
      </div>
      <div className="counter">
        <dt>Failed</dt>
        <dd data-testid="errors-count" className={errors > 0 ? 'warn' : ''}>
          {formatCount(errors)}
        </dd>
      </div>
    </dl>
  );
}
