/** Writes the tree file atomically, so readers never see a half-written tree. */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ScanTree } from '../../../src-shared/scan-tree';
import { JobError } from '../job-error';

/** Write `tree` as JSON to a temporary sibling, then rename it over `path`. */
export async function writeTreeFile(path: string, tree: ScanTree): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temporary, JSON.stringify(tree));
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    const code = (error as NodeJS.ErrnoException).code === 'ENOSPC' ? 'NO_SPACE' : 'SCAN_IO_ERROR';
    throw new JobError(
      `Could not save the scan's folder tree to ${path} (${reason}). Free space or fix permissions, then scan again.`,
      code,
    );
  }
}
