/** Maps an OS error to a transfer failure code. */
import type { ErrorCode } from '../../../src-shared/jobs';

/** The errno string (EACCES, EIO, …) of an error, or 'UNKNOWN'. */
export function errnoOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : 'UNKNOWN';
}

/** True for the errors that mean the destination is full: the job stops rather than skipping. */
export function isNoSpace(error: unknown): boolean {
  const errno = errnoOf(error);
  return errno === 'ENOSPC' || errno === 'EDQUOT';
}

/** The per-file code for an error; `sourceGone` says whether the source has vanished since the walk. */
export function failureCode(error: unknown, sourceGone: boolean): ErrorCode {
  const errno = errnoOf(error);
  if (sourceGone) return 'SOURCE_VANISHED';
  if (errno === 'EACCES' || errno === 'EPERM' || errno === 'EROFS') return 'COPY_PERMISSION_ERROR';
  return 'COPY_IO_ERROR';
}

/** The message of an error without Node's "ENOENT: …, open '…'" prefix noise kept as is. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
