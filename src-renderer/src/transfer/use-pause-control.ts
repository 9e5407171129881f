/** Pause and resume for a running copy or move, with the request pending until the engine's snapshots show it. */
import { useCallback, useEffect, useState } from 'react';
import { wrangle } from '../api';
import type { ControlRequest } from './transfer-labels';

/**
 * `paused` comes from the latest snapshot (the engine reports phase paused only once no byte moves), never
 * from the button: the request stays pending (the UI says "Pausing…") until the phase flips.
 */
export function usePauseControl(
  batchId: string,
  paused: boolean,
): { request: ControlRequest; toggle(): void } {
  const [request, setRequest] = useState<ControlRequest>(null);
  // The phase flipped: whatever was asked for has taken effect.
  useEffect(() => setRequest(null), [paused]);
  const toggle = useCallback((): void => {
    const next = paused ? 'resume' : 'pause';
    setRequest(next);
    const call = next === 'resume' ? wrangle().resume(batchId) : wrangle().pause(batchId);
    // The engine refused (the job just ended) or the call failed: nothing is pending any more.
    void call.then((ok) => (ok ? undefined : setRequest(null))).catch(() => setRequest(null));
  }, [batchId, paused]);
  return { request, toggle };
}
