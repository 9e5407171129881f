/** A copy or move in the progress modal: counting, byte progress, pause/resume, and the report once ended. */
import { useEffect, useState } from 'react';
import { isTerminal, type ProgressSnapshot, type TransferResult } from '../../../src-shared/jobs';
import { formatBytes, formatCount } from '../../../src-shared/format';
import { wrangle } from '../api';
import { useResult } from '../hooks/use-result';
import { appStore, useApp } from '../store/app-store';
import { CurrentFile } from './CurrentFile';
import { effectiveState, etaText, wholePercent } from './job-labels';
import { TransferReport } from './TransferReport';
import { isPaused, throughputText, transferStatusText, type TransferKind } from './transfer-labels';

/** True while the job is still counting what it has to do. */
function counting(snapshot: ProgressSnapshot | undefined): boolean {
  const phase = snapshot?.phase;
  return !snapshot || phase === 'queued' || phase === 'starting' || phase === 'preparing';
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
  const paused = isPaused(state, snapshot?.phase);
  const [cancelling, setCancelling] = useState(false);
  // The pause/resume request in flight; cleared when the phase shows it took effect (or it failed).
  const [toggling, setToggling] = useState(false);
  useEffect(() => setToggling(false), [paused]);

  const percent = wholePercent(state, snapshot);
  const isCounting = !ended && counting(snapshot);
  const cancel = (): void => {
    setCancelling(true);
    void wrangle()
      .cancel(batchId)
      .catch(() => setCancelling(false));
  };
  const togglePause = (): void => {
    setToggling(true);
    const call = paused ? wrangle().resume(batchId) : wrangle().pause(batchId);
    void call.then((ok) => (ok ? undefined : setToggling(false))).catch(() => setToggling(false));
  };
  const close = (): void => appStore.getState().closeModal();

  return (
    <>
      {!ended && (
        <>
          <div className="progress-row">
            <div
              className={`progress ${paused ? 'progress-paused' : 'progress-running'} ${isCounting ? 'progress-counting' : ''} state-${state}`}
              role="progressbar"
              aria-label={kind === 'copy' ? 'Copy progress' : 'Move progress'}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
              aria-valuetext={isCounting ? 'Counting files' : `${percent}%`}
            >
              <div className="progress-fill" style={{ width: `${percent}%` }} />
            </div>
            <span className="percentage" data-testid="percentage">
              {percent}%
            </span>
          </div>
          <p className="phase">
            {isCounting
              ? `The percentage starts once everything to ${kind} is counted.`
              : paused
                ? 'Paused between files. Resume to go on.'
                : snapshot?.phase === 'finalizing'
                  ? 'Writing the report…'
                  : ''}
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
        className={`status status-${state} ${paused ? 'status-paused' : ''}`}
        role="status"
        aria-live="polite"
      >
        {transferStatusText(kind, state, snapshot?.phase, error)}
      </div>

      {ended && <TransferReport kind={kind} state={state} result={result} snapshot={snapshot} />}

      <div className="modal-actions">
        {ended ? (
          <button type="button" className="btn btn-primary" onClick={close}>
            Close
          </button>
        ) : (
          <>
            <button type="button" className="btn btn-ghost" onClick={close}>
              Run in background
            </button>
            <button
              type="button"
              className="btn"
              onClick={togglePause}
              disabled={toggling || cancelling || state !== 'running'}
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
