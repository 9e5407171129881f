/** The failures of a copy or move, one line per cause: one blocked folder is one line, with its count. */
import { useId } from 'react';
import { formatCount } from '../../../src-shared/format';
import type { TransferResult } from '../../../src-shared/jobs';
import { ltr } from '../components/path-text';
import { failureGroupRows, failureSectionTitle, unlistedFailures } from './report-labels';

/** The report's "Failed" section, from `result.failure_groups`. */
export function FailureGroups({
  result,
}: {
  result: Pick<TransferResult, 'failed_count' | 'failure_groups'>;
}) {
  const titleId = useId();
  const rows = failureGroupRows(result.failure_groups);
  const unlisted = unlistedFailures(result);
  return (
    <section className="report-list" aria-labelledby={titleId}>
      <h3 className="report-list-title" id={titleId} data-testid="failures-title">
        {failureSectionTitle(result.failed_count, rows.length)}
      </h3>
      <ul role="list" aria-label="Failures by cause" className="report-items failure-groups">
        {rows.map((row) => (
          <li key={row.key} role="listitem" className="failure-group" data-testid="failure-group">
            <span className="failure-count" data-testid="failure-count">
              {row.count}
            </span>
            <span className="sr-only"> not transferred: </span>
            <span className="failure-body">
              <span className="failure-cause">
                {row.cause} <span className="report-item-code">{row.code}</span>
              </span>
              {row.paths.length > 0 && (
                <span className="failure-place">
                  <span className="failure-place-label">{row.placeLabel}</span>
                  <span className="failure-paths">
                    {row.paths.map((path) => (
                      <span key={path} className="report-item-path" title={path}>
                        {ltr(path)}
                      </span>
                    ))}
                  </span>
                </span>
              )}
              {row.more > 0 && <span className="failure-more">…and {formatCount(row.more)} more</span>}
            </span>
          </li>
        ))}
      </ul>
      {unlisted > 0 && (
        <p className="report-note">…and {formatCount(unlisted)} more failures in the full report.</p>
      )}
    </section>
  );
}
