/**
 * A watch job that lives as long as the toggle is on and the results stay open: started on, cancelled off
 * (and on leaving), followed over the progress socket or by polling like any job.
 */
import { useEffect, useState } from 'react';
import type { WatchUpdate } from '../../../src-shared/watch-shapes';
import { errorText, wrangle } from '../api';
import { subscribeProgress } from '../progress/client/progress-wiring';
import { appStore, useApp } from '../store/app-store';

export interface LiveWatch {
  /** The whole state once the first update has arrived. */
  state: WatchUpdate | undefined;
  /** Why the watch could not start, or ended with a failure. */
  error: string | null;
  /** The running watch job, or null. */
  batchId: string | null;
}

/** Run a watch of `root` while `on`. */
export function useLiveWatch(root: string, on: boolean): LiveWatch {
  const [batchId, setBatchId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!on) return;
    let cancelled = false;
    let started: string | null = null;
    setError(null);
    void wrangle()
      .startWatch(root)
      .then((outcome) => {
        if (!outcome.ok) return setError(outcome.error);
        started = outcome.job.batch_id;
        // Turned off (or left) while it was starting: stop it at once.
        if (cancelled) return void wrangle().cancel(started);
        subscribeProgress(started);
        setBatchId(started);
      })
      .catch((failure: unknown) => setError(errorText(failure)));
    return () => {
      cancelled = true;
      setBatchId(null);
      if (started === null) return;
      void wrangle().cancel(started);
      appStore.getState().dropWatch(started);
    };
  }, [root, on]);
  const state = useApp((s) => (batchId ? s.watches[batchId] : undefined));
  const failure = useApp((s) => (batchId ? s.failures[batchId]?.error : undefined));
  return { state, error: error ?? failure ?? null, batchId };
}
