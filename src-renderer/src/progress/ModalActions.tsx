/**
 * The buttons at the foot of a job's modal. While the job runs: "Run in background", any job-specific ones
 * (`running`, e.g. Pause), and Cancel. Once it has ended: the job's own (`ended`, e.g. Close and Retry).
 */
import type { ReactNode } from 'react';

export function ModalActions({
  ended,
  whenEnded,
  running,
  onBackground,
  onCancel,
  cancelling,
}: {
  ended: boolean;
  whenEnded: ReactNode;
  running?: ReactNode;
  onBackground: () => void;
  onCancel: () => void;
  cancelling: boolean;
}) {
  return (
    <div className="modal-actions">
      {ended ? (
        whenEnded
      ) : (
        <>
          <button type="button" className="btn btn-ghost" onClick={onBackground}>
            Run in background
          </button>
          {running}
          <button type="button" className="btn btn-danger" onClick={onCancel} disabled={cancelling}>
            Cancel
          </button>
        </>
      )}
    </div>
  );
}
