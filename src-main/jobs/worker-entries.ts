/** Where the built worker files are: beside the built main or CLI file that asks. */
import { join } from 'node:path';
import type { WorkerEntries } from './job-manager';

/** Worker entry files in `dir` (the folder of out/main). */
export function workerEntriesIn(dir: string): WorkerEntries {
  return { scan: join(dir, 'scan-worker.js') };
}
