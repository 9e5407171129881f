/** The markup every row of the jobs panel shares: dot, kind, name, badge, path, bar and meta in one button. */
import type { ReactNode } from 'react';
import type { JobKind } from '../../../src-shared/jobs';
import { ltr } from '../components/path-text';
import { ProgressBar } from '../progress/ProgressBar';

interface JobRowFrameProps {
  batchId: string;
  /** The state or outcome that colours the row, its dot and its badge. */
  tone: string;
  /** The tag before the name ("Copy", "Verify"); a scan has none. */
  tag?: { kind: JobKind; text: string };
  name: string;
  badge: string;
  /** The second line: the folder, or where a transfer goes (shown start-ellipsized). */
  path: string;
  /** The bar's percentage while the job runs; null once it has ended (no bar). */
  percent: number | null;
  /** The job runs but its percentage is not known yet: an indeterminate bar. */
  estimating?: boolean;
  paused?: boolean;
  meta: string;
  /** Drawn between the bar and the meta line (a transfer's throughput sparkline). */
  extra?: ReactNode;
  /** The button's accessible name: the folder and its state. */
  label: string;
  /** The tooltip: the full folder or route. */
  title: string;
  selected: boolean;
  onOpen(): void;
}

export function JobRowFrame(props: JobRowFrameProps) {
  const { batchId, tone, tag, paused = false } = props;
  const pausedClass = paused ? ' paused' : '';
  return (
    <li
      role="listitem"
      data-testid={`job-${batchId}`}
      data-batch-id={batchId}
      className={`job-row ${tag ? 'job-transfer ' : ''}state-${tone}`}
    >
      <button
        type="button"
        className="job-button"
        aria-label={props.label}
        aria-current={props.selected ? 'true' : undefined}
        title={props.title}
        onClick={props.onOpen}
      >
        <span className="job-line">
          <span className={`job-dot state-${tone}${pausedClass}`} aria-hidden="true" />
          {tag && (
            <span className={`job-kind kind-${tag.kind}`} aria-hidden="true">
              {tag.text}
            </span>
          )}
          <span className="job-name">{props.name}</span>
          <span className={`job-badge state-${tone}${pausedClass}`} data-testid="job-badge">
            {props.badge}
          </span>
        </span>
        <span className="job-path">{ltr(props.path)}</span>
        {(props.percent !== null || props.estimating) && (
          <ProgressBar variant="row" percent={props.estimating ? null : props.percent} paused={paused} />
        )}
        {props.extra}
        <span className="job-meta">{props.meta}</span>
      </button>
    </li>
  );
}
