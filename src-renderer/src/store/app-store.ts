/** The renderer's one store, made of slices. Actions are callable outside React (the progress client uses them). */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import {
  isTerminal,
  type JobFailure,
  type JobInfo,
  type JobResult,
  type ProgressSnapshot,
} from '../../../src-shared/jobs';

/** The connection indicator's three states. */
export type ConnectionState = 'connecting' | 'live' | 'polling';

/** A short message in the corner. */
export interface Toast {
  id: number;
  /** 'warning': amber, for a job that completed with failures. */
  kind: 'success' | 'warning' | 'error' | 'info';
  text: string;
  batch_id?: string;
}

export interface JobsSlice {
  /** Every known job by batch id. */
  jobs: Record<string, JobInfo>;
  /** Batch ids, newest first. */
  jobOrder: string[];
  /** Merge a job list (from listJobs or jobs_update). */
  setJobs(list: JobInfo[]): void;
  /** Add or update one job. */
  upsertJob(info: JobInfo): void;
}

export interface ProgressSlice {
  /** Latest snapshot per batch. */
  snapshots: Record<string, ProgressSnapshot>;
  /**
   * Take a snapshot unless it would move the job backwards: a lower percentage, fewer files, or any
   * progress after the job has ended is ignored. Returns whether it was applied.
   */
  applySnapshot(snapshot: ProgressSnapshot): boolean;
}

export interface ResultsSlice {
  results: Record<string, JobResult>;
  failures: Record<string, JobFailure>;
  applyCompleted(batchId: string, result: JobResult, snapshot: ProgressSnapshot): void;
  applyFailed(batchId: string, failure: JobFailure, snapshot: ProgressSnapshot): void;
  applyCancelled(batchId: string, snapshot: ProgressSnapshot): void;
}

export interface ConnectionSlice {
  connection: ConnectionState;
  setConnection(state: ConnectionState): void;
}

export interface UiSlice {
  /** The job whose progress modal is open. */
  modalBatch: string | null;
  openModal(batchId: string): void;
  closeModal(): void;
  /** The job whose results are shown in the main area. */
  resultsBatch: string | null;
  openResults(batchId: string | null): void;
  toasts: Toast[];
  pushToast(toast: Omit<Toast, 'id'>): void;
  dismissToast(id: number): void;
}

export type AppState = JobsSlice & ProgressSlice & ResultsSlice & ConnectionSlice & UiSlice;

let nextToastId = 1;

/** Order ids newest first by created_at. */
function orderOf(jobs: Record<string, JobInfo>): string[] {
  return Object.values(jobs)
    .sort((a, b) => b.created_at.localeCompare(a.created_at))
    .map((job) => job.batch_id);
}

/** Merge job info without letting a stale row undo a terminal state. */
function mergeJob(current: JobInfo | undefined, next: JobInfo): JobInfo {
  if (current && isTerminal(current.state) && !isTerminal(next.state)) return current;
  return next;
}

/** Make a fresh store (tests make their own; the app uses `appStore`). */
export function createAppStore() {
  return createStore<AppState>()((set, get) => ({
    jobs: {},
    jobOrder: [],
    setJobs(list) {
      set((state) => {
        const jobs = { ...state.jobs };
        for (const info of list) jobs[info.batch_id] = mergeJob(jobs[info.batch_id], info);
        return { jobs, jobOrder: orderOf(jobs) };
      });
    },
    upsertJob(info) {
      get().setJobs([info]);
    },

    snapshots: {},
    applySnapshot(snapshot) {
      const current = get().snapshots[snapshot.batch_id];
      if (current) {
        if (isTerminal(current.state)) return false;
        if (snapshot.percentage < current.percentage) return false;
        // A copy or move counts files while preparing, then counts again from zero as it copies (and
        // again as it reads the copies back).
        const recount =
          (current.phase === 'preparing' && snapshot.phase !== 'preparing') ||
          (snapshot.phase === 'verifying' && current.phase !== 'verifying');
        if (snapshot.files_processed < current.files_processed && !recount) return false;
      }
      set((state) => {
        const job = state.jobs[snapshot.batch_id];
        const jobs =
          job && job.state !== snapshot.state && !isTerminal(job.state)
            ? { ...state.jobs, [snapshot.batch_id]: { ...job, state: snapshot.state } }
            : state.jobs;
        return { snapshots: { ...state.snapshots, [snapshot.batch_id]: snapshot }, jobs };
      });
      return true;
    },

    results: {},
    failures: {},
    applyCompleted(batchId, result, snapshot) {
      // The result knows the failures before the next job list does: the row turns amber at once.
      const patch = result.kind === 'scan' ? {} : { failed_count: result.failed_count };
      set((state) => ({
        results: { ...state.results, [batchId]: result },
        snapshots: { ...state.snapshots, [batchId]: { ...snapshot, state: 'completed', percentage: 100 } },
        jobs: withState(state.jobs, batchId, 'completed', patch),
      }));
    },
    applyFailed(batchId, failure, snapshot) {
      set((state) => ({
        failures: { ...state.failures, [batchId]: failure },
        snapshots: { ...state.snapshots, [batchId]: { ...snapshot, state: 'failed' } },
        jobs: withState(state.jobs, batchId, 'failed', { failure }),
      }));
    },
    applyCancelled(batchId, snapshot) {
      set((state) => ({
        snapshots: { ...state.snapshots, [batchId]: { ...snapshot, state: 'cancelled' } },
        jobs: withState(state.jobs, batchId, 'cancelled'),
      }));
    },

    connection: 'connecting',
    setConnection(connection) {
      if (get().connection !== connection) set({ connection });
    },

    modalBatch: null,
    openModal(batchId) {
      set({ modalBatch: batchId });
    },
    closeModal() {
      set({ modalBatch: null });
    },
    resultsBatch: null,
    openResults(batchId) {
      set({ resultsBatch: batchId });
    },
    toasts: [],
    pushToast(toast) {
      set((state) => ({ toasts: [...state.toasts, { ...toast, id: nextToastId++ }] }));
    },
    dismissToast(id) {
      set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) }));
    },
  }));
}

/** `jobs` with one job moved to `state` (and any other fields it ended with). */
function withState(
  jobs: Record<string, JobInfo>,
  batchId: string,
  state: JobInfo['state'],
  patch: Partial<Pick<JobInfo, 'failure' | 'failed_count'>> = {},
): Record<string, JobInfo> {
  const job = jobs[batchId];
  if (!job) return jobs;
  return { ...jobs, [batchId]: { ...job, state, ...patch } };
}

export type AppStore = ReturnType<typeof createAppStore>;

/** The app's store. */
export const appStore: AppStore = createAppStore();

/** Read the app store in React with a narrow selector, so a component re-renders only when its slice changes. */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}
