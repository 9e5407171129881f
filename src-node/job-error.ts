/** The error type a job throws to end with a specific code. */
import type { ErrorCode, JobResult } from '../src-shared/jobs';

/** An error that ends a job with a specific code. */
export class JobError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode,
    /** What the job did before it stopped (a copy's completed files), reported with the failure. */
    readonly partial?: JobResult,
  ) {
    super(message);
  }
}

/** Thrown by a job body that stops on cancel but has a partial result to report. */
export class JobCancelled extends Error {
  constructor(readonly partial: JobResult) {
    super('Cancelled.');
  }
}
