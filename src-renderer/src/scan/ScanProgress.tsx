/** A scan in the progress modal: bar, files/folders/bytes, rate, current file, status and actions. */
import { formatBytes, formatCount } from '../../../src-shared/format';
import { useScanResult } from '../jobs/use-result';
import { CurrentFile } from '../progress/CurrentFile';
import { ModalActions } from '../progress/ModalActions';
import { etaText, knownPercent } from '../progress/progress-labels';
import { ProgressBar } from '../progress/ProgressBar';
import { useCancel } from '../progress/use-cancel';
import { appStore } from '../store/app-store';
import { useJob } from '../store/use-job';
import { ESTIMATING_TEXT, rateText, scanPhaseText, statusText, unreadableText } from './scan-labels';

/** The modal's content for a scan. */
export function ScanProgress({ batchId }: { batchId: string }) {
  const { state, ended, snapshot, failure } = useJob(batchId);
  const result = useScanResult(batchId, state === 'completed');
  const cancel = useCancel(batchId);

  // Null while a first scan's estimate cannot be trusted yet: an indeterminate bar over the counts found so far.
  const percent = knownPercent(state, snapshot);
  const estimating = !ended && percent === null;
  const final = state === 'completed' && result ? result : null;
  const files = final ? final.file_count : (snapshot?.files_processed ?? 0);
  const dirs = final ? final.directory_count : (snapshot?.dirs_processed ?? 0);
  const bytes = final ? final.total_size : (snapshot?.bytes_processed ?? 0);
  const seconds = final ? Math.max(final.duration_ms, 1) / 1000 : 0;
  const rate = final
    ? rateText(final.file_count / seconds, final.total_size / seconds)
    : ended || !snapshot?.rate
      ? '—'
      : rateText(snapshot.rate.files_per_second, snapshot.rate.bytes_per_second);
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
        valueText={estimating ? `Counting, ${formatCount(files)} files found` : undefined}
      />
      <p className="phase" data-testid="scan-phase">
        {ended ? '' : scanPhaseText(snapshot?.phase)}
        {!ended && snapshot?.estimate === 'history' ? ' · estimated from the previous scan' : ''}
        {estimating && snapshot?.phase === 'walking' ? ` · ${ESTIMATING_TEXT}` : ''}
      </p>

      <dl className="counters">
        <div className="counter">
          <dt>{estimating ? 'Files found' : 'Files'}</dt>
          <dd data-testid="files-count">{formatCount(files)}</dd>
        </div>
        <div className="counter">
          <dt>{estimating ? 'Folders found' : 'Folders'}</dt>
          <dd data-testid="dirs-count">{formatCount(dirs)}</dd>
        </div>
        <div className="counter">
          <dt>{estimating ? 'Size found' : 'Size'}</dt>
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
