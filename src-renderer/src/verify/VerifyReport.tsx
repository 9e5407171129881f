/** The report of an ended verification: verified / changed / missing / new, the files, the source of truth. */
import { countOf, formatBytes, formatCount, formatDuration } from '../../../src-shared/format';
import type { JobState } from '../../../src-shared/jobs';
import type { VerifyResult } from '../../../src-shared/verify';
import { ltr } from '../components/path-text';
import { ReportItem } from '../components/ReportItem';
import { ReportPathLine } from '../components/ReportPathLine';
import { hashesText } from '../transfer/destination-labels';
import { directoryHashText, sourceOfTruthText, verifyReadText } from './verify-labels';

/** Files listed per kind in the modal; the full report has them all. */
const SHOWN = 100;

/** The modal's final report; a cancelled or failed verification shows what it checked before it stopped. */
export function VerifyReport({
  state,
  result,
}: {
  state: JobState;
  result: VerifyResult | null | undefined;
}) {
  if (result === undefined) return <p className="report-note">Loading the report…</p>;
  if (result === null)
    return state === 'completed' ? (
      <p className="report-note">The report of this verification is no longer available.</p>
    ) : null;
  const read = verifyReadText(result.cache_bypass);
  const folders = directoryHashText(result);
  return (
    <div className="report" data-testid="verify-report">
      {state === 'cancelled' && (
        <p className="report-note">Cancelled: the counts are what was checked before it stopped.</p>
      )}
      <dl className="report-totals">
        <ReportItem label="Verified" testId="verify-verified">
          {formatCount(result.files_verified)}
        </ReportItem>
        <ReportItem label="Changed" testId="verify-changed" danger={result.files_changed > 0}>
          {formatCount(result.files_changed)}
        </ReportItem>
        <ReportItem label="Missing" testId="verify-missing" warn={result.files_missing > 0}>
          {formatCount(result.files_missing)}
        </ReportItem>
        <ReportItem label="New" testId="verify-new">
          {formatCount(result.files_new)}
        </ReportItem>
        {result.files_unreadable > 0 && (
          <ReportItem label="Unreadable" testId="verify-unreadable" warn>
            {formatCount(result.files_unreadable)}
          </ReportItem>
        )}
        <ReportItem label="Bytes read" testId="verify-bytes">
          {formatBytes(result.bytes_checked)}
        </ReportItem>
        <ReportItem label="Duration" testId="verify-duration">
          {formatDuration(result.duration_ms)}
        </ReportItem>
      </dl>
      <p className="report-note" data-testid="verify-source">
        Checked against the {sourceOfTruthText(result)} · {hashesText(result.formats)}
      </p>
      <p className={`report-note ${read.caution ? 'caution' : ''}`} data-testid="verify-read">
        {read.text}
      </p>
      {folders && <p className="report-note">{folders}</p>}
      {result.files_new > 0 && (
        <p className="report-note">
          {countOf(result.files_new, 'file')} not in the{' '}
          {result.source === 'ascmhl' ? 'history' : 'checksum files'}{' '}
          {result.files_new === 1 ? 'was' : 'were'} found; new files alone do not fail the check.
        </p>
      )}
      <FileList
        title={`Changed (${formatCount(result.files_changed)})`}
        label="Changed files"
        tone="danger"
        total={result.files_changed}
        items={result.changed.map((file) => ({
          path: file.path,
          reason: `${file.format} recorded ${file.expected}, now ${file.actual} (${formatBytes(file.size)})`,
        }))}
      />
      <FileList
        title={`Missing (${formatCount(result.files_missing)})`}
        label="Missing files"
        tone="warn"
        total={result.files_missing}
        items={result.missing.map((path) => ({ path, reason: null }))}
      />
      <FileList
        title={`Unreadable (${formatCount(result.files_unreadable)})`}
        label="Unreadable files"
        tone="warn"
        total={result.files_unreadable}
        items={result.unreadable.map((file) => ({
          path: file.path,
          reason: `${file.message} ${file.errno}`,
        }))}
      />
      {(result.warnings ?? []).map((warning) => (
        <p key={warning} className="report-note caution" data-testid="verify-warning">
          {warning}
        </p>
      ))}
      {result.generation && (
        <ReportPathLine label="Recorded as" path={result.generation} testId="verify-generation" />
      )}
      {result.generation_error && (
        <p className="report-note caution" data-testid="verify-generation-error">
          Nothing was recorded: {result.generation_error}
        </p>
      )}
      <ReportPathLine
        label="Full report"
        path={result.report_html ?? result.report_path}
        testId="report-path"
      />
    </div>
  );
}

/** A capped, scrollable list of files with why each is listed. */
function FileList({
  title,
  label,
  tone,
  total,
  items,
}: {
  title: string;
  label: string;
  tone: 'warn' | 'danger';
  total: number;
  items: { path: string; reason: string | null }[];
}) {
  if (items.length === 0) return null;
  const shown = items.slice(0, SHOWN);
  return (
    <section className="report-list">
      <h3 className={`report-list-title tone-${tone}`}>{title}</h3>
      <ul role="list" aria-label={label} className="report-items">
        {shown.map((item) => (
          <li key={item.path} role="listitem" className="report-item">
            <span className="report-item-path" title={item.path}>
              {ltr(item.path)}
            </span>
            {item.reason && <span className="report-item-reason report-item-code">{item.reason}</span>}
          </li>
        ))}
      </ul>
      {total > shown.length && (
        <p className="report-note">…and {formatCount(total - shown.length)} more in the full report.</p>
      )}
    </section>
  );
}
