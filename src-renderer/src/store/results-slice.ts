/** The results slice: each finished job's result (a scan's summary, a transfer's or verification's report). */
import type { JobResult } from '../../../src-shared/jobs';
import type { SliceCreator } from './app-state';

export interface ResultsSlice {
  results: Record<string, JobResult>;
  /** Keep a job's result (from its completed message, or fetched when a finished job is opened). */
  putResult(batchId: string, result: JobResult): void;
}

export const createResultsSlice: SliceCreator<ResultsSlice> = (set) => ({
  results: {},
  putResult(batchId, result) {
    set((state) => ({ results: { ...state.results, [batchId]: result } }));
  },
});
