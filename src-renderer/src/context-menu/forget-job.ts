/** Removing an ended job from the history (its record and results only; never the files it scanned or copied). */
import { isTerminal } from '../../../src-shared/jobs';
import { errorText, folderName, wrangle } from '../api';
import { appStore } from '../store/app-store';

/** Forget `batchId`: gone from the panel, and its results or modal closed if they were showing it. */
export async function forgetJob(batchId: string): Promise<void> {
  const store = appStore.getState();
  const name = folderName(store.jobs[batchId]?.root ?? batchId);
  const state = store.states[batchId];
  if (state && !isTerminal(state)) {
    store.pushToast({ kind: 'info', text: `${name} is still ${state}: cancel it before removing it.` });
    return;
  }
  try {
    await wrangle().forgetJob(batchId);
  } catch (error) {
    store.pushToast({ kind: 'error', text: `Could not remove ${name}: ${errorText(error)}` });
    return;
  }
  const after = appStore.getState();
  if (after.resultsBatch === batchId) after.openResults(null);
  if (after.modalBatch === batchId) after.closeModal();
  after.removeJob(batchId);
  after.forgetThroughput(batchId);
}

/** The job row (its batch id) the focus is on, if any. */
export function focusedJob(): string | null {
  const row = document.activeElement?.closest<HTMLElement>('.jobs-panel [data-batch-id]');
  return row?.dataset.batchId ?? null;
}

/** Forget the focused job, then put the focus on the row that takes its place. */
export async function forgetFocusedJob(): Promise<boolean> {
  const batchId = focusedJob();
  if (!batchId) return false;
  const rows = Array.from(document.querySelectorAll<HTMLElement>('.jobs-panel [data-batch-id]'));
  const at = rows.findIndex((row) => row.dataset.batchId === batchId);
  await forgetJob(batchId);
  if (appStore.getState().jobs[batchId]) return true;
  const next = rows[at + 1] ?? rows[at - 1];
  next?.querySelector<HTMLElement>('button')?.focus();
  return true;
}
