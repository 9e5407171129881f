/** "Retry failed": run an ended copy's or move's failed (or unfinished) entries again, as a new job. */
import { wrangle } from '../api';
import { appStore } from '../store/app-store';
import { showNewJob } from './flow';

/** Start the retry of `batchId` and open the new job's modal; rejects with the engine's reason. */
export async function retryFailedEntries(batchId: string): Promise<void> {
  const job = await wrangle().retryFailed(batchId);
  // A retry goes to the same destinations as the job it retries.
  const store = appStore.getState();
  const destinations = store.destinations[batchId];
  if (destinations) store.recordDestinations(job.batch_id, destinations);
  showNewJob(job);
}
