/** Before anything is written: is there room at the destination for the bytes and entries the job will write? */
import { formatBytes } from '../../src-shared/format';
import { JobError } from '../../src-node/job-error';
import type { FsBackend } from './fs-backend';
import type { PlanTotals } from './source-plan';

/** Refuse (INSUFFICIENT_SPACE) when the destination's filesystem lacks the space or the inodes the job needs. */
export function checkSpace(
  backend: FsBackend,
  fd: number,
  path: string,
  kind: 'copy' | 'move',
  totals: PlanTotals,
): void {
  const fs = new Float64Array(6);
  if (backend.statfs(fd, fs) !== 0) return;
  const [, bsize = 0, , bavail = 0, files = 0, ffree = 0] = fs;
  const free = bavail * bsize;
  if (totals.bytesToWrite > free) {
    throw new JobError(
      `Not enough space on ${path}: this ${kind} needs about ${formatBytes(totals.bytesToWrite)} (${totals.bytesToWrite} bytes) ` +
        `and ${formatBytes(free)} (${free} bytes) is free. Free up ${formatBytes(totals.bytesToWrite - free)} there or choose another destination; nothing was written.`,
      'INSUFFICIENT_SPACE',
    );
  }
  // Filesystems without an inode limit report 0 inodes.
  if (files > 0 && totals.entriesToCreate > ffree) {
    throw new JobError(
      `Not enough inodes on ${path}: this ${kind} would create ${totals.entriesToCreate} files and folders, and its filesystem has ` +
        `only ${ffree} free inodes (of ${files}), although ${formatBytes(free)} of space is free. Delete files there or choose another destination; nothing was written.`,
      'INSUFFICIENT_SPACE',
    );
  }
}
