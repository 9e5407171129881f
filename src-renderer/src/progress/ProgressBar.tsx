/** A job's progress bar: the modal's, or the slim one in a jobs panel row. Every kind of job uses this one. */

/** The modal's bar: announced to screen readers, with its percentage beside it. */
interface ModalBarProps {
  variant: 'modal';
  percent: number;
  label: string;
  /** The bar's look: running, paused, counting, and the job's state. */
  className: string;
  /** What a screen reader says instead of the percentage (while counting, say). */
  valueText?: string;
}

/** A row's bar: only a picture, as the row's own label says the percentage. */
interface RowBarProps {
  variant: 'row';
  percent: number;
  paused?: boolean;
}

export function ProgressBar(props: ModalBarProps | RowBarProps) {
  const { percent } = props;
  if (props.variant === 'row') {
    return (
      <span className={props.paused ? 'job-bar paused' : 'job-bar'} aria-hidden="true">
        <span className="job-bar-fill" style={{ width: `${percent}%` }} />
      </span>
    );
  }
  return (
    <div className="progress-row">
      <div
        className={`progress ${props.className}`}
        role="progressbar"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={props.valueText}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="percentage" data-testid="percentage">
        {percent}%
      </span>
    </div>
  );
}
