/** A copy's, move's or verification's counters in the modal: found, then done out of the totals; rate and file. */
import { formatBytes, formatCount } from '../../../src-shared/format';
import type { JobProgress } from '../store/progress-slice';
import { CurrentFile } from './CurrentFile';
import { etaText, throughputText } from './progress-labels';

/** While counting: what has been found so far (the totals are not known yet). */
export function CountingCounters({ snapshot }: { snapshot: JobProgress | undefined }) {
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
export function TransferCounters({
  snapshot,
  failedLabel = 'Failed',
}: {
  snapshot: JobProgress | undefined;
  /** The third counter's name ("Failed"; a verification's "Problems"). */
  failedLabel?: string;
}) {
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
        <dt>{failedLabel}</dt>
        <dd data-testid="errors-count" className={errors > 0 ? 'warn' : ''}>
          {formatCount(errors)}
        </dd>
      </div>
    </dl>
  );
}

/** Throughput, time left and the current file; dashes while `idle` (counting, paused). */
export function RunningDetails({ snapshot, idle }: { snapshot: JobProgress | undefined; idle: boolean }) {
  return (
    <>
      <dl className="rates">
        <div>
          <dt>Throughput</dt>
          <dd data-testid="rate">
            {idle || !snapshot?.rate ? '—' : throughputText(snapshot.rate.bytes_per_second)}
          </dd>
        </div>
        <div>
          <dt>Time left</dt>
          <dd data-testid="eta">{idle ? '—' : etaText(snapshot?.eta_ms)}</dd>
        </div>
      </dl>
      <div className="current">
        <span className="current-label">Current file</span>
        <CurrentFile path={snapshot?.current_file ?? null} />
      </div>
    </>
  );
}
