/** A scan in the progress modal: bar, files/folders/bytes, rate, current file, status and actions. */
import { formatBytes, formatCount } from '../../../src-shared/format';
import { useScanResult } from '../jobs/use-result';
import { CurrentFile } from '../progress/CurrentFile';
import { ModalActions } from '../progress/ModalActions';
import { etaText, wholePercent } from '../progress/progress-labels';
import { ProgressBar } from '../progress/ProgressBar';
import { useCancel } from '../progress/use-cancel';
import { appStore } from '../store/app-store';
import { useJob } from '../store/use-job';
import { rateText, scanPhaseText, statusText, unreadableText } from './scan-labels';

/** The modal's content for a scan. */
export function ScanProgress({ batchId }: { batchId: string }) {
  const { state, ended, snapshot, failure } = useJob(batchId);
  const result = useScanResult(batchId, state === 'completed');
  const cancel = useCancel(batchId);

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
  const errorCount = final ? final.error_count : (snapshot?.errors_count ?? 0);

  const close = (): void => appStore.getState().closeModal();
  const viewResults = (): void => {
    const store = appStore.getState();
    store.openResults(batchId);
    store.closeModal();
  };

  return (
    <>
      <ProgressBar
        variant="modal"
        percent={percent}
        label="Scan progress"
        className={`${ended ? '' : 'progress-running'} state-${state}`}
      />
      <p className="phase">
        {ended ? '' : scanPhaseText(snapshot?.phase)}
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
        {statusText(state, failure?.error)}
      </div>
      {errorCount > 0 && (
        <p className="modal-errors" data-testid="unreadable">
          {unreadableText(errorCount)}
        </p>
      )}

      <ModalActions
        ended={ended}
        cancel={cancel}
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
