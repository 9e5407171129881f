/** "Retry failed": run an ended copy's or move's failed (or unfinished) entries again, as a new job. */
import { wrangle } from '../api';
import { showNewJob } from './flow';
import { destinationsOf, recordDestinations } from './job-destinations';

/** Start the retry of `batchId` and open the new job's modal; rejects with the engine's reason. */
export async function retryFailedEntries(batchId: string): Promise<void> {
  const job = await wrangle().retryFailed(batchId);
  // A retry goes to the same destinations as the job it retries.
  const destinations = destinationsOf(batchId);
  if (destinations) recordDestinations(job.batch_id, destinations);
  showNewJob(job);
}
