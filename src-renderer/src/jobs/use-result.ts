/** A finished job's result, fetched on demand (once) when it is not in the store yet. */
import { useEffect, useState } from 'react';
import type { JobResult, ScanResult } from '../../../src-shared/jobs';
import { wrangle } from '../api';
import { appStore, useApp } from '../store/app-store';

const inflight = new Map<string, Promise<boolean>>();

/** Fetch a result into the store; resolves to whether one exists. */
function fetchResult(batchId: string): Promise<boolean> {
  let pending = inflight.get(batchId);
  if (!pending) {
    pending = wrangle()
      .getResult(batchId)
      .then((result) => {
        if (!result) return false;
        appStore.getState().putResult(batchId, result);
        return true;
      })
      .catch(() => false)
      .finally(() => inflight.delete(batchId));
    inflight.set(batchId, pending);
  }
  return pending;
}

/** The result of `batchId`: the object, undefined while loading, or null when there is none. */
export function useResult(batchId: string, enabled: boolean): JobResult | null | undefined {
  const result = useApp((state) => state.results[batchId]);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    if (!enabled || result) return;
    let live = true;
    void fetchResult(batchId).then((found) => {
      if (live && !found) setMissing(true);
    });
    return () => {
      live = false;
    };
  }, [batchId, enabled, result]);
  if (result) return result;
  return missing ? null : undefined;
}

/** The result of a scan (undefined while loading, null when there is none or the job is not a scan). */
export function useScanResult(batchId: string, enabled: boolean): ScanResult | null | undefined {
  const result = useResult(batchId, enabled);
  if (result === undefined || result === null) return result;
  return result.kind === 'scan' ? result : null;
}
