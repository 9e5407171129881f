/** Toasts (and OS notifications when unfocused) for jobs that end while the app is watching. */
import { useEffect } from 'react';
import { isTerminal, type JobInfo } from '../../../src-shared/jobs';
import { folderName } from '../api';
import { appStore, type AppState } from '../store/app-store';
import { jobOf } from '../store/job-selectors';
import { problemsText } from '../verify/verify-labels';
import { summarize } from './message-summary';
import { completedWithFailuresText, failedCountOf } from './outcome';

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

/** What a job is called in a toast: "Scan of SHOW", "Copy of SHOW to DEST" (without " to DEST" when asked). */
function jobTitle(job: JobInfo, withDestination = true): string {
  const name = folderName(job.root);
  if (job.kind === 'scan') return `Scan of ${name}`;
  if (job.kind === 'verify') return `Verification of ${name}`;
  if (job.kind === 'watch') return `Watch of ${name}`;
  const what = job.kind === 'copy' ? 'Copy' : 'Move';
  return job.destination && withDestination
    ? `${what} of ${name} to ${folderName(job.destination)}`
    : `${what} of ${name}`;
}

/** Announce one job that just reached a terminal state. */
function announce(job: JobInfo, state: AppState): void {
  const title = jobTitle(job);
  // A scan opens its results; a copy or move (which has no results tree) opens its report.
  const open = (): void => {
    if (job.kind === 'scan') appStore.getState().openResults(job.batch_id);
    else appStore.getState().openModal(job.batch_id);
  };
  if (job.state === 'completed') {
    const failed = failedCountOf(job, state.results[job.batch_id]);
    // Completed with failures is its own outcome: amber, and said in words ("completed with 20 failures").
    const text =
      failed === 0
        ? `${title} completed`
        : job.kind === 'verify'
          ? `${title}: ${problemsText(failed)}`
          : `${title} ${completedWithFailuresText(failed).toLowerCase()}`;
    state.pushToast({ kind: failed > 0 ? 'warning' : 'success', text, batch_id: job.batch_id });
    if (!document.hasFocus()) notifyOs(text, job.destination ?? job.root, open);
  } else if (job.state === 'failed') {
    const error = job.failure?.error ?? 'unknown error';
    // One line in the corner; the whole message (sizes formatted) one click away.
    const { line, details } = summarize(error);
    // A line that names the destination ("Not enough space on DEST: …") says where; the title need not.
    const named = job.destination !== null && line.includes(folderName(job.destination));
    state.pushToast({
      kind: 'error',
      text: `${named ? jobTitle(job, false) : title} failed: ${line}`,
      ...(details !== undefined && { details }),
      batch_id: job.batch_id,
    });
    if (!document.hasFocus()) notifyOs(`${title} failed`, details ?? line, open);
  }
}

/** Watch the store for listed jobs moving from queued/running to completed/failed. */
export function useJobNotifications(): void {
  useEffect(
    () =>
      appStore.subscribe((state, prev) => {
        if (state.states === prev.states) return;
        for (const [id, now] of Object.entries(state.states)) {
          const before = prev.states[id];
          if (before === undefined || isTerminal(before) || !isTerminal(now)) continue;
          const job = jobOf(state, id);
          if (job) announce(job, state);
        }
      }),
    [],
  );
}
