/** Validates a scan root before any thread starts, with messages that say what to do. */
import { accessSync, constants, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { JobError } from '../worker-runtime';
import { errnoOf, isPermissionErrno } from './scan-errors';

/** The absolute root to scan; throws a JobError when it is missing, not a folder or unreadable. */
export function checkRoot(root: string): string {
  const absolute = resolve(root);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(absolute).isDirectory();
  } catch (error) {
    throw rootError(absolute, error);
  }
  if (!isDirectory) {
    throw new JobError(
      `${absolute} is a file, not a folder. Choose the folder that contains it, or a folder to scan.`,
      'NOT_A_DIRECTORY',
    );
  }
  try {
    accessSync(absolute, constants.R_OK | constants.X_OK);
  } catch (error) {
    throw rootError(absolute, error);
  }
  return absolute;
}

function rootError(path: string, error: unknown): JobError {
  const errno = errnoOf(error);
  if (errno === 'ENOENT' || errno === 'ENOTDIR') {
    return new JobError(
      `Folder not found: ${path}. Check the path, and that its drive or share is mounted.`,
      'SOURCE_NOT_FOUND',
    );
  }
  if (isPermissionErrno(errno)) {
    return new JobError(
      `Permission denied reading ${path}. Ask for read access to this folder, or scan a folder you can read.`,
      'SCAN_PERMISSION_ERROR',
    );
  }
  return new JobError(
    `Cannot read ${path} (${errno}). Check the drive or share, then scan again.`,
    'SCAN_IO_ERROR',
  );
}
