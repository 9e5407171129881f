/**
 * The checks a verification passes before it starts: the folder exists, is a folder, and holds something to
 * verify against (an `ascmhl` folder, or checksum files at its top). The CLI and the app run them before a
 * job is queued, so a bad path is refused at once, naming it; the worker runs them again.
 */
import { lstat, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ErrorCode } from '../../src-shared/jobs';
import { isChecksumFileName, noReferenceMessage } from '../../src-shared/verify';
import { errnoCodeOf } from '../errno';

/** A verification that cannot start, with the path it is about. */
export class VerifyRefusal extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode,
    readonly path: string,
  ) {
    super(message);
  }
}

/** What the folder offers to verify against. */
export interface VerifyPreflight {
  /** The folder, absolute. */
  root: string;
  /** `root/ascmhl` is a folder (a symlink there does not count). */
  hasHistory: boolean;
  /** Checksum file names at the top of `root`, sorted. */
  checksumFiles: string[];
}

/** Check `folder`; throws a VerifyRefusal that names the path and says what to do. */
export async function preflightVerify(folder: string): Promise<VerifyPreflight> {
  const root = resolve(folder);
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(root)).isDirectory();
  } catch (error) {
    const errno = errnoCodeOf(error);
    if (errno === 'ENOENT' || errno === 'ENOTDIR')
      throw new VerifyRefusal(
        `Folder not found: ${root}. Check the path, and that its drive or share is mounted.`,
        'SOURCE_NOT_FOUND',
        root,
      );
    throw new VerifyRefusal(
      `Cannot read ${root} (${errno}). Check the drive or share, and that you may read it.`,
      errno === 'EACCES' || errno === 'EPERM' ? 'SCAN_PERMISSION_ERROR' : 'SCAN_IO_ERROR',
      root,
    );
  }
  if (!isDirectory)
    throw new VerifyRefusal(
      `${root} is a file, not a folder. Verify the folder that holds it (with its ascmhl folder or checksum files).`,
      'NOT_A_DIRECTORY',
      root,
    );
  let names: { name: string; isFile: boolean }[];
  try {
    names = (await readdir(root, { withFileTypes: true })).map((entry) => ({
      name: entry.name,
      isFile: entry.isFile(),
    }));
  } catch (error) {
    const errno = errnoCodeOf(error);
    throw new VerifyRefusal(
      `Cannot list ${root} (${errno}). Ask for read access to this folder, or verify a folder you can read.`,
      errno === 'EACCES' || errno === 'EPERM' ? 'SCAN_PERMISSION_ERROR' : 'SCAN_IO_ERROR',
      root,
    );
  }
  let hasHistory = false;
  try {
    hasHistory = (await lstat(join(root, 'ascmhl'))).isDirectory();
  } catch {
    // No history.
  }
  const checksumFiles = names
    .filter((entry) => entry.isFile && isChecksumFileName(entry.name))
    .map((entry) => entry.name)
    .sort();
  if (!hasHistory && checksumFiles.length === 0)
    throw new VerifyRefusal(noReferenceMessage(root), 'NO_VERIFY_REFERENCE', root);
  return { root, hasHistory, checksumFiles };
}
