/** The jobs slice: what the job list says about each job, its order, and where this window's transfers go. */
import { isTerminal, type JobInfo } from '../../../src-shared/jobs';
import type { SliceCreator } from './app-state';
import { withoutKeys } from './without-keys';

/** A job as the job list describes it, minus its state and failure (held once, in the lifecycle slice). */
export type JobListing = Omit<JobInfo, 'state' | 'failure'>;

export interface JobsSlice {
  /** Every listed job by batch id. */
  jobs: Record<string, JobListing>;
  /** Batch ids, newest first. */
  jobOrder: string[];
  /**
   * Every destination of the transfers this window started (the first, then the others). A listing names
   * only the first; the modal says "to 2 destinations" from here until the result names them all.
   */
  destinations: Record<string, readonly string[]>;
  /** Merge a job list (from listJobs or jobs_update). */
  setJobs(list: JobInfo[]): void;
  /** Add or update one job. */
  upsertJob(info: JobInfo): void;
  /** Remember where a job this window started copies to. */
  recordDestinations(batchId: string, destinations: readonly string[]): void;
  /** Drop a job removed from the history (forgetJob). */
  removeJob(batchId: string): void;
  /** A transfer's result counts its failures before the next job list does: the row turns amber at once. */
  noteFailedCount(batchId: string, failedCount: number): void;
}

/** Order ids newest first by created_at. */
function orderOf(jobs: Record<string, JobListing>): string[] {
  return Object.values(jobs)
    .sort((a, b) => b.created_at.localeCompare(a.created_at))
    .map((job) => job.batch_id);
}

/** The listing part of a job list row. */
function listingOf(info: JobInfo): JobListing {
  return withoutKeys(info, 'state', 'failure');
}

export const createJobsSlice: SliceCreator<JobsSlice> = (set, get) => ({
  jobs: {},
  jobOrder: [],
  destinations: {},
  setJobs(list) {
    const { states } = get();
    set((state) => {
      const jobs = { ...state.jobs };
      for (const info of list) {
        const id = info.batch_id;
        const known = states[id];
        // A stale row (still running) must not undo what an ended job's listing says (finish time, failures).
        if (jobs[id] && known && isTerminal(known) && !isTerminal(info.state)) continue;
        jobs[id] = listingOf(info);
      }
      return { jobs, jobOrder: orderOf(jobs) };
    });
    get().noteListedJobs(list);
  },
  upsertJob(info) {
    get().setJobs([info]);
  },
  removeJob(batchId) {
    set((state) => {
      const jobs = { ...state.jobs };
      Reflect.deleteProperty(jobs, batchId);
      return { jobs, jobOrder: state.jobOrder.filter((id) => id !== batchId) };
    });
  },
  recordDestinations(batchId, destinations) {
    set((state) => ({ destinations: { ...state.destinations, [batchId]: destinations } }));
  },
  noteFailedCount(batchId, failedCount) {
    set((state) => {
      const job = state.jobs[batchId];
      return job ? { jobs: { ...state.jobs, [batchId]: { ...job, failed_count: failedCount } } } : {};
    });
  },
});
