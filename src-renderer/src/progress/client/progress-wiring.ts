/** Starts the progress client once and lets the UI subscribe it to new jobs. */
import { wrangle } from '../../api';
import { appStore } from '../../store/app-store';
import { startProgressClient } from './progress-client';

/** The part of the progress client the UI uses. */
interface ProgressSubscriber {
  subscribe(batchId: string): void;
}

let client: ProgressSubscriber | null = null;

/** Connect the progress client (idempotent: StrictMode runs effects twice). */
export function connectProgress(): void {
  client ??= startProgressClient(wrangle(), appStore);
}

/** Follow one job's progress live (or by polling while the socket is down). */
export function subscribeProgress(batchId: string): void {
  connectProgress();
  client?.subscribe(batchId);
}
