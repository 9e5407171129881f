/** Writes the tree file atomically, so readers never see a half-written tree. */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ScanTree } from '../../src-shared/scan-tree';
import { writeFileAtomic } from '../../src-node/atomic-file';
import { JobError } from '../../src-node/job-error';

/** `tree` as JSON, with `sequenceTexts` (each a SequenceEntry's JSON) as its sequences. */
export function treeJson(tree: ScanTree, sequenceTexts: readonly string[]): string {
  const head = JSON.stringify({ ...tree, sequences: [] });
  const tail = '"sequences":[]}';
  if (!head.endsWith(tail)) throw new Error('treeJson: sequences must be the last field of a tree.');
  return `${head.slice(0, -2)}${sequenceTexts.join(',')}]}`;
}

/** Write `tree` (and its sequences, as text) as JSON to a temporary sibling, then rename it over `path`. */
export async function writeTreeFile(
  path: string,
  tree: ScanTree,
  sequenceTexts: readonly string[],
): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, treeJson(tree, sequenceTexts));
  } catch (error) {
    throw treeWriteError(path, error);
  }
}

/** The job error for a tree (or file-list) file that could not be written. */
export function treeWriteError(path: string, error: unknown): JobError {
  const reason = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException).code === 'ENOSPC' ? 'NO_SPACE' : 'SCAN_IO_ERROR';
  return new JobError(
    `Could not save the scan's folder tree to ${path} (${reason}). Free space or fix permissions, then scan again.`,
    code,
  );
}
