/** Validates a scan root before any thread starts, with messages that say what to do. */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { JobError } from './job-error';
import { errnoCodeOf, isPermissionCode } from './errno';

/**
 * The absolute root to scan; throws a JobError when it is missing, not a folder or unreadable. Without
 * blocking: main refuses a bad path with it before a job is queued, and the scan worker checks again.
 */
export async function checkRoot(root: string): Promise<string> {
  const absolute = resolve(root);
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(absolute)).isDirectory();
  } catch (error) {
    throw rootError(absolute, error);
  }
  if (!isDirectory) throw notADirectory(absolute);
  try {
    await access(absolute, constants.R_OK | constants.X_OK);
  } catch (error) {
    throw rootError(absolute, error);
  }
  return absolute;
}

function notADirectory(path: string): JobError {
  return new JobError(
    `${path} is a file, not a folder. Choose the folder that contains it, or a folder to scan.`,
    'NOT_A_DIRECTORY',
  );
}

function rootError(path: string, error: unknown): JobError {
  const errno = errnoCodeOf(error);
  if (errno === 'ENOENT' || errno === 'ENOTDIR') {
    return new JobError(
      `Folder not found: ${path}. Check the path, and that its drive or share is mounted.`,
      'SOURCE_NOT_FOUND',
    );
  }
  if (isPermissionCode(errno)) {
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
