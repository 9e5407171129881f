/** The progress modal for `modalBatch`: bar, counters, rate, current file, connection and status. */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { isTerminal } from '../../../src-shared/jobs';
import { formatBytes, formatCount, middleEllipsis } from '../../../src-shared/format';
import { folderName, wrangle } from '../api';
import { useElementSize } from '../hooks/use-element-size';
import { useScanResult } from '../hooks/use-result';
import { appStore, useApp } from '../store/app-store';
import { ConnectionIndicator } from './ConnectionIndicator';
import { effectiveState, etaText, rateText, statusText, unreadableText, wholePercent } from './job-labels';

const PHASE_TEXT: Record<string, string> = {
  queued: 'Waiting in queue',
  starting: 'Starting',
  walking: 'Walking folders',
  finalizing: 'Finalizing totals',
  done: 'Done',
};

/** Approximate width of one character of the monospaced path font, in px. */
const PATH_CHAR_PX = 7.3;

/** The current file, cut in the middle to fit; the full path is in the tooltip. */
function CurrentFile({ path }: { path: string | null }) {
  const [ref, size] = useElementSize<HTMLDivElement>();
  const chars = Math.max(12, Math.floor(size.width / PATH_CHAR_PX));
  return (
    <div className="current-file" ref={ref}>
      <span data-testid="current-file" title={path ?? ''}>
        {path ? middleEllipsis(path, chars) : '—'}
      </span>
    </div>
  );
}

/** The modal, when one is open. */
export function ProgressModal() {
  const batchId = useApp((s) => s.modalBatch);
  if (!batchId) return null;
  return <ModalBody key={batchId} batchId={batchId} />;
}

function focusables(root: HTMLElement): HTMLElement[] {
  return Array.from(
    root.querySelectorAll<HTMLElement>('button:not([disabled]), [href], [tabindex]:not([tabindex="-1"])'),
  );
}

function ModalBody({ batchId }: { batchId: string }) {
  const job = useApp((s) => s.jobs[batchId]);
  const snapshot = useApp((s) => s.snapshots[batchId]);
  const failure = useApp((s) => s.failures[batchId]);
  const state = effectiveState(job, snapshot);
  const ended = isTerminal(state);
  const result = useScanResult(batchId, state === 'completed');
  const [cancelling, setCancelling] = useState(false);
  const dialogRef = useRef<HTMLDivElement>(null);

  const root = job?.root ?? snapshot?.root ?? '';
  const name = folderName(root);
  const title = `Scanning ${name}`;
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

  // Focus moves into the dialog when it opens, and back where it was when it closes.
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialogRef.current?.focus();
    return () => {
      if (previous?.isConnected) previous.focus();
    };
  }, []);

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

  const trapTab = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'Tab' || !dialogRef.current) return;
    const items = focusables(dialogRef.current);
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (
      event.shiftKey &&
      (document.activeElement === first || document.activeElement === dialogRef.current)
    ) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

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
    <div className="modal-backdrop">
      <div
        ref={dialogRef}
        className={`modal state-${state}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        tabIndex={-1}
        onKeyDown={trapTab}
      >
        <div className="modal-head">
          <div className="modal-titles">
            <h2 className="modal-title">{title}</h2>
            <p className="modal-root" title={root}>
              {root}
            </p>
          </div>
          <ConnectionIndicator />
        </div>

        <div className="progress-row">
          <div
            className={`progress ${ended ? '' : 'progress-running'} state-${state}`}
            role="progressbar"
            aria-label="Scan progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
          >
            <div className="progress-fill" style={{ width: `${percent}%` }} />
          </div>
          <span className="percentage" data-testid="percentage">
            {percent}%
          </span>
        </div>
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

        <div className="modal-actions">
          {ended ? (
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
          ) : (
            <>
              <button type="button" className="btn btn-ghost" onClick={close}>
                Run in background
              </button>
              <button type="button" className="btn btn-danger" onClick={cancel} disabled={cancelling}>
                Cancel
              </button>
            </>
          )}
        </div>
      </div>
    </div>
  );
}
