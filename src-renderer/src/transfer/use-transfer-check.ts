/** The engine's preflight for each destination being set up, run again (debounced) on every change. */
import { useEffect, useState } from 'react';
import type { TransferCheck, TransferRequest } from '../../../src-shared/ipc-channels';
import { wrangle } from '../api';
import type { TransferKind } from './transfer-labels';

/** How long typing must pause before a destination is checked again. */
export const CHECK_DEBOUNCE_MS = 200;

/** The check of one request as it is now. */
export interface TransferCheckState {
  /** The latest answer, for the request it was asked about (it may be older than the current request). */
  check: TransferCheck | null;
  /** True until the current request has its answer. */
  pending: boolean;
}

/** One request to keep checked; `id` ties answers to a row that may move as rows are removed. */
export interface CheckItem {
  id: string;
  /** null: nothing to check (an empty field). */
  request: TransferRequest | null;
}

/**
 * Check each item's request with window.wrangle.checkTransfer: at once when it first has one, then ~200 ms
 * after the last change. An answer that arrives after a newer request was made is dropped. A check that
 * fails to run (not a refusal: the IPC call itself) leaves the decision to Start, which runs the same checks.
 */
export function useTransferChecks(kind: TransferKind, items: readonly CheckItem[]): TransferCheckState[] {
  const keyed = items.map((item) => ({
    ...item,
    key: item.request ? JSON.stringify([kind, item.request]) : '',
  }));
  const signature = JSON.stringify(keyed.map((item) => [item.id, item.key]));
  const [answers, setAnswers] = useState<Record<string, { key: string; check: TransferCheck | null }>>({});
  useEffect(() => {
    const due = keyed.filter((item) => item.request !== null && answers[item.id]?.key !== item.key);
    if (due.length === 0) return;
    let live = true;
    const answer = (id: string, key: string, check: TransferCheck | null): void => {
      if (live) setAnswers((current) => ({ ...current, [id]: { key, check } }));
    };
    const run = (): void => {
      for (const { id, key, request } of due)
        if (request)
          void wrangle()
            .checkTransfer(kind, request)
            .then((check) => answer(id, key, check))
            .catch(() => answer(id, key, null));
    };
    const firstTime = due.every((item) => answers[item.id] === undefined);
    const timer = window.setTimeout(run, firstTime ? 0 : CHECK_DEBOUNCE_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
    // `signature` stands for kind and every request; `answers` only says which are due.
  }, [signature]);
  return keyed.map((item) => ({
    check: answers[item.id]?.check ?? null,
    pending: item.request !== null && answers[item.id]?.key !== item.key,
  }));
}
