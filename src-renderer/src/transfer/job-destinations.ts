/**
 * Every destination of the transfers this window started. A job row knows only the first destination; the
 * modal says "to 2 destinations" from here while the job runs, and from the result once it has one.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { JobResult } from '../../../src-shared/jobs';

interface JobDestinationsState {
  byJob: Record<string, readonly string[]>;
}

const jobDestinations = createStore<JobDestinationsState>()(() => ({ byJob: {} }));

/** Remember where a job this window started copies to (the first destination, then the others). */
export function recordDestinations(batchId: string, destinations: readonly string[]): void {
  jobDestinations.setState((state) => ({ byJob: { ...state.byJob, [batchId]: destinations } }));
}

/** The destinations recorded for a job, if this window started it. */
export function destinationsOf(batchId: string): readonly string[] | undefined {
  return jobDestinations.getState().byJob[batchId];
}

/** A job's destinations: from its result when it has one, else as recorded when it started; [] if unknown. */
export function useJobDestinations(batchId: string, result: JobResult | null | undefined): readonly string[] {
  const recorded = useStore(jobDestinations, (state) => state.byJob[batchId]);
  if (result && result.kind !== 'scan' && 'destinations' in result && result.destinations.length > 0)
    return result.destinations.map((destination) => destination.path);
  return recorded ?? [];
}
