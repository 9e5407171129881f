/** The retry button's state: in flight, and why the last attempt was refused. */
import { useCallback, useState } from 'react';
import { errorText } from '../api';
import { retryFailedEntries } from './retry';

/** Retry `batchId`'s failed entries; `error` holds the engine's refusal, for the modal to show. */
export function useRetry(batchId: string): { retrying: boolean; error: string | null; retry(): void } {
  const [retrying, setRetrying] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const retry = useCallback((): void => {
    setRetrying(true);
    setError(null);
    // On success the new job's modal replaces this one, so only a refusal needs handling here.
    retryFailedEntries(batchId).catch((reason: unknown) => {
      setRetrying(false);
      setError(`Could not retry: ${errorText(reason)}`);
    });
  }, [batchId]);
  return { retrying, error, retry };
}
