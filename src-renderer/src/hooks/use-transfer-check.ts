/** The engine's preflight for the request being set up, run again (debounced) on every change. */
import { useEffect, useState } from 'react';
import type { TransferCheck, TransferRequest } from '../../../src-shared/ipc-channels';
import { wrangle } from '../api';
import type { TransferKind } from '../components/transfer-labels';

/** How long typing must pause before the destination is checked again. */
export const CHECK_DEBOUNCE_MS = 200;

/** The check of the request as it is now. */
export interface TransferCheckState {
  /** The latest answer, for the request it was asked about (it may be older than the current request). */
  check: TransferCheck | null;
  /** True until the current request has its answer. */
  pending: boolean;
}

/**
 * Check `request` with window.wrangle.checkTransfer: at once when the dialog opens, then ~200 ms after the
 * last change. An answer that arrives after a newer request was made is dropped. A check that fails to run
 * (not a refusal: the IPC call itself) leaves the decision to Start, which runs the same checks.
 */
export function useTransferCheck(kind: TransferKind, request: TransferRequest | null): TransferCheckState {
  const key = request ? JSON.stringify([kind, request]) : '';
  const [answer, setAnswer] = useState<{ key: string; check: TransferCheck | null } | null>(null);
  useEffect(() => {
    if (!request) return;
    let live = true;
    const run = (): void => {
      void wrangle()
        .checkTransfer(kind, request)
        .then((check) => live && setAnswer({ key, check }))
        .catch(() => live && setAnswer({ key, check: null }));
    };
    const timer = window.setTimeout(run, answer === null ? 0 : CHECK_DEBOUNCE_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
    // `key` stands for kind and request; `answer` only chooses the first delay.
  }, [key]);
  return { check: answer?.check ?? null, pending: request !== null && answer?.key !== key };
}
