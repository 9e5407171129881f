/** The error type a job throws to end with a specific code. */
import type { ErrorCode } from '../../src-shared/jobs';

/** An error that ends a job with a specific code. */
export class JobError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode,
  ) {
    super(message);
  }
}
