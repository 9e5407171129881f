/** Toasts (and OS notifications when unfocused) for jobs that end while the app is watching. */
import { useEffect } from 'react';
import { isTerminal, type JobInfo } from '../../../src-shared/jobs';
import { folderName } from '../api';
import { appStore, type AppState } from '../store/app-store';

/** Show an OS notification, if the platform offers them and the user has not said no. */
function notifyOs(title: string, body: string, onClick: () => void): void {
  if (typeof Notification === 'undefined' || Notification.permission === 'denied') return;
  const show = (): void => {
    try {
      const notification = new Notification(title, { body });
      notification.onclick = () => {
        window.focus();
        onClick();
      };
    } catch {
      // Notifications unavailable here; the toast is enough.
    }
  };
  if (Notification.permission === 'granted') show();
  else
    void Notification.requestPermission()
      .then((permission) => {
        if (permission === 'granted') show();
      })
      .catch(() => undefined);
}

/** Announce one job that just reached a terminal state. */
function announce(job: JobInfo, state: AppState): void {
  const name = folderName(job.root);
  const open = (): void => {
    appStore.getState().openResults(job.batch_id);
  };
  if (job.state === 'completed') {
    const text = `Scan of ${name} completed`;
    state.pushToast({ kind: 'success', text, batch_id: job.batch_id });
    if (!document.hasFocus()) notifyOs(text, job.root, open);
  } else if (job.state === 'failed') {
    const error = state.failures[job.batch_id]?.error ?? job.failure?.error ?? 'unknown error';
    const text = `Scan of ${name} failed: ${error}`;
    state.pushToast({ kind: 'error', text, batch_id: job.batch_id });
    if (!document.hasFocus()) notifyOs(`Scan of ${name} failed`, error, open);
  }
}

/** Watch the store for jobs moving from queued/running to completed/failed. */
export function useJobNotifications(): void {
  useEffect(
    () =>
      appStore.subscribe((state, prev) => {
        if (state.jobs === prev.jobs) return;
        for (const [id, job] of Object.entries(state.jobs)) {
          const before = prev.jobs[id];
          if (before && !isTerminal(before.state) && isTerminal(job.state)) announce(job, state);
        }
      }),
    [],
  );
}
