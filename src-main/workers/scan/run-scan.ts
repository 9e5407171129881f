/** Placeholder: the scan engine lands here. */
import type { ScanJobSpec } from '../../../src-shared/worker-protocol';
import type { JobContext, JobOutcome } from '../worker-runtime';

export async function runScan(_spec: ScanJobSpec, _context: JobContext): Promise<JobOutcome> {
  throw new Error('not implemented');
}
