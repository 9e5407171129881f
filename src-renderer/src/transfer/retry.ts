/** "Retry failed": run an ended copy's or move's failed (or unfinished) entries again, as a new job. */
import { wrangle } from '../api';
import { showNewJob } from './flow';

/** Start the retry of `batchId` and open the new job's modal; rejects with the engine's reason. */
export async function retryFailedEntries(batchId: string): Promise<void> {
  showNewJob(await wrangle().retryFailed(batchId));
}
