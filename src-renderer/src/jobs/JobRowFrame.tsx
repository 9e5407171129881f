/** The markup every row of the jobs panel shares: dot, kind, name, badge, path, bar and meta in one button. */
import { useId, type ReactNode } from 'react';
import type { JobKind } from '../../../src-shared/jobs';
import { ltr } from '../components/path-text';
import { ProgressBar } from '../progress/ProgressBar';

/**
 * The button's name says what the row shows (size, files, time): "SHOW — completed, 4.1 GB, 240 files, 14:02".
 * The meta line's " · " separators become commas, which screen readers pause on rather than read out.
 */
export function rowName(label: string, meta: string): string {
  return meta ? `${label}, ${meta.split(' · ').join(', ')}` : label;
}

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
  /** The folder and its state: the start of the button's accessible name, which goes on with the meta line. */
  label: string;
  /** The tooltip: the full folder or route. */
  title: string;
  selected: boolean;
  onOpen(): void;
}

export function JobRowFrame(props: JobRowFrameProps) {
  const { batchId, tone, tag, paused = false } = props;
  const pausedClass = paused ? ' paused' : '';
  const pathId = useId();
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
        aria-label={rowName(props.label, props.meta)}
        aria-describedby={pathId}
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
        <span className="job-path" id={pathId}>
          {ltr(props.path)}
        </span>
        {(props.percent !== null || props.estimating) && (
          <ProgressBar variant="row" percent={props.estimating ? null : props.percent} paused={paused} />
        )}
        {props.extra}
        <span className="job-meta">{props.meta}</span>
      </button>
    </li>
  );
}
