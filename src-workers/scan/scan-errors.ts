/** Turns an fs error into the scan's error vocabulary. */
import type { ScanErrorEntry } from '../../../src-shared/jobs';

/** The errno code of a Node fs error ('EIO' when there is none). */
export function errnoOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : 'EIO';
}

/** True for errors that mean "not allowed" rather than "broken". */
export function isPermissionErrno(errno: string): boolean {
  return errno === 'EACCES' || errno === 'EPERM';
}

/**
 * An error entry for a path the scan could not read. Both listers (native and Node) report the failure as a
 * plain `{code, message}`, not an Error, so its text is read from the fields.
 */
export function scanErrorEntry(path: string, error: { code: string; message: string }): ScanErrorEntry {
  const errno = error.code;
  const permission = isPermissionErrno(errno);
  const reason = error.message;
  const hint = permission
    ? 'Permission denied; its contents were skipped.'
    : 'It could not be read; it was skipped.';
  return {
    path,
    code: permission ? 'SCAN_PERMISSION_ERROR' : 'SCAN_IO_ERROR',
    errno,
    message: `${hint} (${reason})`,
  };
}
