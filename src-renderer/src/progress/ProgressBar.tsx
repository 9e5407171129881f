/** A job's progress bar: the modal's, or the slim one in a jobs panel row. Every kind of job uses this one. */

/** The modal's bar: announced to screen readers, with its percentage beside it. */
interface ModalBarProps {
  variant: 'modal';
  /** Null while the percentage is not known yet: an indeterminate bar, with no number beside it. */
  percent: number | null;
  label: string;
  /** The bar's look: running, paused, counting, and the job's state. */
  className: string;
  /** What a screen reader says instead of the percentage (while counting, say). */
  valueText?: string;
}

/** A row's bar: only a picture, as the row's own label says the percentage. */
interface RowBarProps {
  variant: 'row';
  /** Null while the percentage is not known yet (indeterminate). */
  percent: number | null;
  paused?: boolean;
}

export function ProgressBar(props: ModalBarProps | RowBarProps) {
  const { percent } = props;
  if (props.variant === 'row') {
    const look = `job-bar${props.paused ? ' paused' : ''}${percent === null ? ' indeterminate' : ''}`;
    return (
      <span className={look} aria-hidden="true">
        <span className="job-bar-fill" style={{ width: `${percent ?? 0}%` }} />
      </span>
    );
  }
  return (
    <div className="progress-row">
      {/* An indeterminate progressbar has no aria-valuenow (WAI-ARIA); the indeterminate look is the counting one. */}
      <div
        className={`progress ${props.className}${percent === null ? ' progress-counting' : ''}`}
        role="progressbar"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={props.valueText}
      >
        <div className="progress-fill" style={{ width: `${percent ?? 0}%` }} />
      </div>
      <span className="percentage" data-testid="percentage">
        {percent === null ? '' : `${percent}%`}
      </span>
    </div>
  );
}
