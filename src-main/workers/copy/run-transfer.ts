/** Placeholder: the copy and move engine lands here. */
import type { TransferJobSpec } from '../../../src-shared/worker-protocol';
import { JobError } from '../job-error';
import type { JobContext, JobOutcome } from '../worker-runtime';

/** Copy or move `spec.sources` into `spec.destination`. */
export async function runTransfer(spec: TransferJobSpec, _context: JobContext): Promise<JobOutcome> {
  throw new JobError(`${spec.kind} is not available yet.`, 'INTERNAL_ERROR');
}
