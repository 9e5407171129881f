/** A copy or move in the progress modal: counting, byte progress, pause/resume, and the report once ended. */
import type { Phase, TransferResult } from '../../../src-shared/jobs';
import { failedCountOf, outcomeOf } from '../jobs/outcome';
import { useResult } from '../jobs/use-result';
import { CurrentFile } from '../progress/CurrentFile';
import { CountingCounters, TransferCounters } from '../progress/JobCounters';
import { ModalActions } from '../progress/ModalActions';
import { counting, wholePercent } from '../progress/progress-labels';
import { ProgressBar } from '../progress/ProgressBar';
import { useCancel } from '../progress/use-cancel';
import { appStore } from '../store/app-store';
import { useJob } from '../store/use-job';
import { DestinationCount } from './DestinationCount';
import { retryLabel } from './report-labels';
import { ThroughputGraph } from './throughput/ThroughputGraph';
import { isPaused, pendingControlText, transferStatusText, type TransferKind } from './transfer-labels';
import { TransferReport } from './TransferReport';
import { usePauseControl } from './use-pause-control';
import { useRetry } from './use-retry';
import { useShortcutAction } from '../keyboard/actions';
import { ariaKeys, currentPlatform, withKeys } from '../keyboard/match';

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
  if (phase === 'verifying') return 'Reading each copy back from storage and comparing its hash.';
  if (phase === 'finalizing') return 'Writing the report…';
  return '';
}

/** The modal's content for a copy or move. */
export function TransferProgress({ batchId, kind }: { batchId: string; kind: TransferKind }) {
  const { listing, state, ended, snapshot, failure } = useJob(batchId);
  const anyResult = useResult(batchId, ended);
  const result: TransferResult | null | undefined =
    anyResult && (anyResult.kind === 'copy' || anyResult.kind === 'move')
      ? anyResult
      : anyResult === undefined
        ? undefined
        : null;
  const failedCount = failedCountOf(listing, result);
  const outcome = outcomeOf(state, failedCount);
  // Paused only when the engine says so: it reports phase paused once no byte moves any more.
  const paused = isPaused(state, snapshot?.phase);
  const { request, toggle } = usePauseControl(batchId, paused);
  const pending = ended ? null : pendingControlText(request, paused);
  const cancel = useCancel(batchId);
  const retry = useRetry(batchId);
  const retryText = ended ? retryLabel(state, result) : null;
  const canToggle = request === null && !cancel.cancelling && state === 'running';
  // Space pauses or resumes the transfer whose modal is open.
  useShortcutAction('pause', toggle, canToggle);

  const percent = wholePercent(state, snapshot);
  const isCounting = !ended && counting(snapshot);
  const close = (): void => appStore.getState().closeModal();
  const verifying = !ended && !paused && snapshot?.phase === 'verifying';
  const barClass = ended ? '' : paused ? 'progress-paused' : 'progress-running';

  return (
    <>
      {listing?.retry_of && (
        <p className="report-note retry-note">Runs again what an earlier {kind} could not transfer.</p>
      )}
      <DestinationCount batchId={batchId} result={result} />
      <ProgressBar
        variant="modal"
        percent={percent}
        label={kind === 'copy' ? 'Copy progress' : 'Move progress'}
        className={`${barClass} ${isCounting ? 'progress-counting' : ''} ${verifying ? 'progress-verifying' : ''} state-${outcome}`}
        valueText={isCounting ? 'Counting files' : verifying ? `Verifying, ${percent}%` : `${percent}%`}
      />
      {!ended && (
        <>
          <p className={`phase ${verifying ? 'phase-verifying' : ''}`} data-testid="transfer-phase">
            {verifying && <span className="phase-badge">Verifying</span>}
            {phaseText(kind, isCounting, paused, request === 'pause' && !paused, snapshot?.phase)}
          </p>
          {isCounting ? <CountingCounters snapshot={snapshot} /> : <TransferCounters snapshot={snapshot} />}
          <ThroughputGraph batchId={batchId} kind={kind} snapshot={snapshot} idle={isCounting || paused} />
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
        {pending ?? transferStatusText(kind, state, snapshot?.phase, failure?.error, failedCount)}
      </div>

      {ended && <TransferReport kind={kind} state={state} result={result} snapshot={snapshot} />}
      {retry.error && (
        <p className="options-problem" role="alert" data-testid="retry-error">
          {retry.error}
        </p>
      )}

      <ModalActions
        ended={ended}
        cancel={cancel}
        running={
          <button
            type="button"
            className="btn"
            onClick={toggle}
            disabled={!canToggle}
            title={withKeys(paused ? 'Resume' : 'Pause', 'pause', currentPlatform())}
            aria-keyshortcuts={ariaKeys('pause', currentPlatform())}
          >
            {paused ? 'Resume' : 'Pause'}
          </button>
        }
        whenEnded={
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
        }
      />
    </>
  );
}
