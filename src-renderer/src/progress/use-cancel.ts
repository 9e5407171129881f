/** Cancel for a job's modal: asks the engine once, and lets the button be pressed again if the call fails. */
import { useCallback, useState } from 'react';
import { wrangle } from '../api';

/** The Cancel button's state and action. */
export interface CancelControl {
  /** True once asked (the job's own cancelled state then ends the modal's running view). */
  cancelling: boolean;
  cancel(): void;
}

/** Cancel `batchId` from its modal. */
export function useCancel(batchId: string): CancelControl {
  const [cancelling, setCancelling] = useState(false);
  const cancel = useCallback((): void => {
    setCancelling(true);
    void wrangle()
      .cancel(batchId)
      .catch(() => setCancelling(false));
  }, [batchId]);
  return { cancelling, cancel };
}
