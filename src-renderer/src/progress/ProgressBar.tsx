/** The modal's bar and its percentage, for scans and transfers alike. */
export function ProgressBar({
  percent,
  label,
  className,
  valueText,
}: {
  percent: number;
  label: string;
  /** The bar's look: running, paused, counting, and the job's state. */
  className: string;
  /** What a screen reader says instead of the percentage (while counting, say). */
  valueText?: string;
}) {
  return (
    <div className="progress-row">
      <div
        className={`progress ${className}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={valueText}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="percentage" data-testid="percentage">
        {percent}%
      </span>
    </div>
  );
}
