/** The progress modal for `modalBatch`: bar, counters, rate, current file, connection and status. */
import { useEffect, useState } from 'react';
import { isTerminal } from '../../../src-shared/jobs';
import { formatBytes, formatCount } from '../../../src-shared/format';
import { folderName, wrangle } from '../api';
import { useDialogFocus } from '../hooks/use-dialog-focus';
import { useScanResult } from '../hooks/use-result';
import { appStore, useApp } from '../store/app-store';
import { ConnectionIndicator } from './ConnectionIndicator';
import { CurrentFile } from './CurrentFile';
import { ProgressBar } from './ProgressBar';
import { TransferContent } from './TransferProgress';
import { transferTitle } from './transfer-labels';
import { VerifyContent } from './VerifyProgress';
import { verifyTitle } from './verify-labels';
import { effectiveState, etaText, rateText, statusText, unreadableText, wholePercent } from './job-labels';
import { ModalActions } from './ModalActions';

const PHASE_TEXT: Record<string, string> = {
  queued: 'Waiting in queue',
  starting: 'Starting',
  walking: 'Walking folders',
  finalizing: 'Finalizing totals',
  done: 'Done',
};

/** The modal, when one is open. */
export function ProgressModal() {
  const batchId = useApp((s) => s.modalBatch);
  if (!batchId) return null;
  return <ModalBody key={batchId} batchId={batchId} />;
}

function ModalBody({ batchId }: { batchId: string }) {
  const job = useApp((s) => s.jobs[batchId]);
  const snapshot = useApp((s) => s.snapshots[batchId]);
  const state = effectiveState(job, snapshot);
  const ended = isTerminal(state);
  const { ref: dialogRef, onKeyDown: trapTab } = useDialogFocus<HTMLDivElement>();
  const kind = job?.kind ?? snapshot?.kind ?? 'scan';
  const root = job?.root ?? snapshot?.root ?? '';
  const name = folderName(root);
  const title =
    kind === 'scan' ? `Scanning ${name}` : kind === 'verify' ? verifyTitle(name) : transferTitle(kind, name);
  const destination = job?.destination ?? null;

  // A job from history may have no snapshot yet: fetch the latest once.
  const hasSnapshot = snapshot !== undefined;
  useEffect(() => {
    if (hasSnapshot) return;
    void wrangle()
      .getSnapshot(batchId)
      .then((snap) => {
        if (snap) appStore.getState().applySnapshot(snap);
      })
      .catch(() => undefined);
  }, [batchId, hasSnapshot]);

  // Esc closes, but only once the job has ended.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent): void => {
      if (event.key === 'Escape' && ended) {
        event.preventDefault();
        appStore.getState().closeModal();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [ended]);

  return (
    <div className="modal-backdrop">
      <div
        ref={dialogRef}
        className={`modal state-${state} ${kind === 'scan' ? '' : 'modal-transfer'}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        tabIndex={-1}
        onKeyDown={trapTab}
      >
        <div className="modal-head">
          <div className="modal-titles">
            <h2 className="modal-title">{title}</h2>
            <p className="modal-root" title={destination ? `${root} → ${destination}` : root}>
              {root}
              {destination && (
                <>
                  <span className="route-arrow" aria-hidden="true">
                    {' → '}
                  </span>
                  <span className="sr-only"> to </span>
                  {destination}
                </>
              )}
            </p>
          </div>
          <ConnectionIndicator />
        </div>
        {kind === 'scan' ? (
          <ScanContent batchId={batchId} />
        ) : kind === 'verify' ? (
          <VerifyContent batchId={batchId} root={root} />
        ) : (
          <TransferContent batchId={batchId} kind={kind} />
        )}
      </div>
    </div>
  );
}

/** A scan's progress: bar, files/folders/bytes, rate, current file, status and actions. */
function ScanContent({ batchId }: { batchId: string }) {
  const job = useApp((s) => s.jobs[batchId]);
  const snapshot = useApp((s) => s.snapshots[batchId]);
  const failure = useApp((s) => s.failures[batchId]);
  const state = effectiveState(job, snapshot);
  const ended = isTerminal(state);
  const result = useScanResult(batchId, state === 'completed');
  const [cancelling, setCancelling] = useState(false);

  const percent = wholePercent(state, snapshot);
  const final = state === 'completed' && result ? result : null;
  const files = final ? final.file_count : (snapshot?.files_processed ?? 0);
  const dirs = final ? final.directory_count : (snapshot?.dirs_processed ?? 0);
  const bytes = final ? final.total_size : (snapshot?.bytes_processed ?? 0);
  const seconds = final ? Math.max(final.duration_ms, 1) / 1000 : 0;
  const rate = final
    ? rateText(final.file_count / seconds, final.total_size / seconds)
    : ended
      ? '—'
      : rateText(snapshot?.rate.files_per_second ?? 0, snapshot?.rate.bytes_per_second ?? 0);
  const error = failure?.error ?? job?.failure?.error;
  const errorCount = final ? final.error_count : (snapshot?.errors_count ?? 0);

  const cancel = (): void => {
    setCancelling(true);
    void wrangle()
      .cancel(batchId)
      .catch(() => setCancelling(false));
  };
  const close = (): void => appStore.getState().closeModal();
  const viewResults = (): void => {
    const store = appStore.getState();
    store.openResults(batchId);
    store.closeModal();
  };

  return (
    <>
      <ProgressBar
        percent={percent}
        label="Scan progress"
        className={`${ended ? '' : 'progress-running'} state-${state}`}
      />
      <p className="phase">
        {ended ? '' : (PHASE_TEXT[snapshot?.phase ?? 'queued'] ?? '')}
        {!ended && snapshot?.estimate === 'history' ? ' · estimated from the previous scan' : ''}
      </p>

      <dl className="counters">
        <div className="counter">
          <dt>Files</dt>
          <dd data-testid="files-count">{formatCount(files)}</dd>
        </div>
        <div className="counter">
          <dt>Folders</dt>
          <dd data-testid="dirs-count">{formatCount(dirs)}</dd>
        </div>
        <div className="counter">
          <dt>Size</dt>
          <dd data-testid="bytes-count">{formatBytes(bytes)}</dd>
        </div>
      </dl>

      <dl className="rates">
        <div>
          <dt>{final ? 'Average rate' : 'Rate'}</dt>
          <dd data-testid="rate">{rate}</dd>
        </div>
        <div>
          <dt>Time left</dt>
          <dd data-testid="eta">{ended ? '—' : etaText(snapshot?.eta_ms)}</dd>
        </div>
      </dl>

      <div className="current">
        <span className="current-label">{ended ? 'Last file' : 'Current file'}</span>
        <CurrentFile path={snapshot?.current_file ?? null} />
      </div>

      <div className={`status status-${state}`} role="status" aria-live="polite">
        {statusText(state, error)}
      </div>
      {errorCount > 0 && (
        <p className="modal-errors" data-testid="unreadable">
          {unreadableText(errorCount)}
        </p>
      )}

      <ModalActions
        ended={ended}
        onBackground={close}
        onCancel={cancel}
        cancelling={cancelling}
        whenEnded={
          <>
            <button type="button" className="btn" onClick={close}>
              Close
            </button>
            {state === 'completed' && (
              <button type="button" className="btn btn-primary" onClick={viewResults}>
                View results
              </button>
            )}
          </>
        }
      />
    </>
  );
}
