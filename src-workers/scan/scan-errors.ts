/** Turns an fs error into the scan's error vocabulary. */
import type { ScanErrorEntry } from '../../src-shared/jobs';
import { isPermissionCode } from '../../src-node/errno';

/**
 * An error entry for a path the scan could not read. Both listers (native and Node) report the failure as a
 * plain `{code, message}`, not an Error, so its text is read from the fields.
 */
export function scanErrorEntry(path: string, error: { code: string; message: string }): ScanErrorEntry {
  const errno = error.code;
  const permission = isPermissionCode(errno);
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
