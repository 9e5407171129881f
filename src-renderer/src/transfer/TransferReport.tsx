/** The report of an ended copy or move: counts, bytes, duration, failures by cause, files left in place. */
import { countOf, formatBytes, formatCount, formatDuration } from '../../../src-shared/format';
import type { JobState, TransferFailure, TransferResult } from '../../../src-shared/jobs';
import { ltr } from '../components/path-text';
import { ReportItem } from '../components/ReportItem';
import { ReportPathLine } from '../components/ReportPathLine';
import type { JobProgress } from '../store/progress-slice';
import { DestinationReports } from './DestinationReports';
import { FailureGroups } from './FailureGroups';
import { doneText, failedNote, housekeepingText, renamedInPlaceText, skippedText } from './report-labels';
import { cancelledNote, type TransferKind } from './transfer-labels';

interface TransferReportProps {
  kind: TransferKind;
  state: JobState;
  /** The summary: undefined while loading, null when there is none. */
  result: TransferResult | null | undefined;
  snapshot: JobProgress | undefined;
}

/** The modal's final report; a cancelled or failed job shows what it did before it stopped. */
export function TransferReport({ kind, state, result, snapshot }: TransferReportProps) {
  const note =
    state === 'cancelled' ? (
      <p className="report-note">{cancelledNote(kind, result)}</p>
    ) : state === 'failed' ? (
      <p className="report-note">{failedNote(kind, result)}</p>
    ) : null;
  if (result === undefined) {
    return (
      <>
        {note}
        <p className="report-note">Loading the report…</p>
      </>
    );
  }
  if (result === null) {
    return (
      <>
        {note}
        {snapshot && snapshot.files_processed > 0 && (
          <p className="report-note">
            {countOf(snapshot.files_processed, 'file')} ({formatBytes(snapshot.bytes_processed)}) handled
            before it stopped.
          </p>
        )}
      </>
    );
  }
  const moved = kind === 'move';
  const done = doneText(result);
  const skipped = skippedText(result);
  const inPlace = moved ? renamedInPlaceText(result) : null;
  const housekeeping = housekeepingText(result);
  // Older job records have no groups: list their failures one by one, as before.
  const ungroupedShown = result.failure_groups.length === 0 ? result.failures.length : 0;
  return (
    <div className="report" data-testid="transfer-report">
      {note}
      <dl className="report-totals">
        {/* With several destinations the job's count is of files every destination got (each has its own below). */}
        <ReportItem
          label={`${moved ? 'Moved' : 'Copied'}${result.destinations.length > 1 ? ' to all' : ''}`}
          testId="report-copied"
        >
          {done.done}
          {done.of !== null && <span className="of"> of {done.of}</span>}
        </ReportItem>
        <ReportItem label="Skipped" testId="report-skipped">
          {skipped.count}
          {skipped.bytes !== null && <span className="of"> · {skipped.bytes}</span>}
        </ReportItem>
        <ReportItem label="Renamed" testId="report-renamed">
          {formatCount(result.files_renamed)}
        </ReportItem>
        <ReportItem label="Verified" testId="report-verified">
          {result.verify || result.verified_files > 0 ? formatCount(result.verified_files) : 'off'}
        </ReportItem>
        <ReportItem label="Failed" testId="report-failed" warn={result.failed_count > 0}>
          {formatCount(result.failed_count)}
        </ReportItem>
        <ReportItem label="Bytes copied" testId="report-bytes">
          {formatBytes(result.bytes_copied)}
        </ReportItem>
        <ReportItem label="Duration" testId="report-duration">
          {formatDuration(result.duration_ms)}
        </ReportItem>
        {moved && (
          <ReportItem label="Sources removed" testId="report-removed">
            {formatCount(result.sources_removed)}
          </ReportItem>
        )}
      </dl>
      {inPlace && (
        <p className="report-note" data-testid="report-in-place">
          {inPlace}
        </p>
      )}
      {housekeeping && (
        <p className="report-note" data-testid="report-housekeeping">
          {housekeeping}
        </p>
      )}
      <DestinationReports result={result} state={state} />
      {result.failure_groups.length > 0 && <FailureGroups result={result} />}
      {ungroupedShown > 0 && (
        <PathList
          label="Failed files"
          title={`Failed (${formatCount(result.failed_count)})`}
          items={result.failures}
          more={result.failed_count - ungroupedShown}
        />
      )}
      {moved && result.left_in_place.length > 0 && (
        <PathList
          label="Left in place"
          title={`Left in place (${formatCount(result.left_in_place.length)})`}
          items={result.left_in_place}
          more={0}
        />
      )}
      {result.checksum_file && result.destinations.length === 0 && (
        <ReportPathLine label="Checksum file" path={result.checksum_file} testId="checksum-file" />
      )}
      <ReportPathLine
        label="Full report"
        path={result.report_html ?? result.report_path}
        testId="report-path"
      />
    </div>
  );
}

/** A scrollable list of paths with the reason for each. */
function PathList({
  label,
  title,
  items,
  more,
}: {
  label: string;
  title: string;
  items: TransferFailure[];
  more: number;
}) {
  return (
    <section className="report-list">
      <h3 className="report-list-title">{title}</h3>
      <ul role="list" aria-label={label} className="report-items">
        {items.map((item, index) => (
          <li key={`${index}:${item.path}`} role="listitem" className="report-item">
            <span className="report-item-path" title={item.path}>
              {ltr(item.path)}
            </span>
            <span className="report-item-reason">
              {item.message} <span className="report-item-code">{item.errno || item.code}</span>
            </span>
          </li>
        ))}
      </ul>
      {more > 0 && <p className="report-note">…and {formatCount(more)} more in the full report.</p>}
    </section>
  );
}
