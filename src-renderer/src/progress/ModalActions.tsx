/**
 * The buttons at the foot of a job's modal. While the job runs: "Run in background", any job-specific ones
 * (`running`, e.g. Pause), and Cancel. Once it has ended: the job's own (`whenEnded`, e.g. Close and Retry).
 */
import type { ReactNode } from 'react';
import { appStore } from '../store/app-store';
import type { CancelControl } from './use-cancel';

export function ModalActions({
  ended,
  whenEnded,
  running,
  cancel,
}: {
  ended: boolean;
  whenEnded: ReactNode;
  running?: ReactNode;
  /** The modal's cancel (its content shares `cancelling` with its own buttons). */
  cancel: CancelControl;
}) {
  return (
    <div className="modal-actions">
      {ended ? (
        whenEnded
      ) : (
        <>
          <button type="button" className="btn btn-ghost" onClick={() => appStore.getState().closeModal()}>
            Run in background
          </button>
          {running}
          <button
            type="button"
            className="btn btn-danger"
            onClick={cancel.cancel}
            disabled={cancel.cancelling}
          >
            Cancel
          </button>
        </>
      )}
    </div>
  );
}
