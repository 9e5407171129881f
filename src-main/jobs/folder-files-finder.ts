/**
 * Finds files by name in a finished scan, for the tree's find field: one pass over the scan's file-list file,
 * folder by folder (the tree's files_at/files_len columns say which line is which folder). Only the lines whose
 * text contains the query are parsed, so a search of a million names parses just the folders that match.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { FolderFilesSchema, folderFilesPath } from '../../src-shared/folder-files';
import { FIND_FILES_LIMIT, type FoundFiles } from '../../src-shared/ipc-channels';
import type { JobInfo } from '../../src-shared/jobs';
import { count } from '../../src-shared/schema-parts';

const SpansSchema = z.object({
  root: z.string(),
  dirs: z.object({ files_at: z.array(count).optional(), files_len: z.array(count).optional() }),
});

/** The files of scan `batchId` whose names contain `query`, ignoring case; throws a clear error. */
export async function findFiles(
  job: JobInfo | undefined,
  batchId: string,
  treePath: string,
  query: string,
  limit = FIND_FILES_LIMIT,
): Promise<FoundFiles> {
  if (!job) throw new Error(`There is no job ${batchId}: it may have been removed from the history.`);
  if (job.kind !== 'scan') throw new Error(`Job ${batchId} is a ${job.kind}, not a scan: it has no files.`);
  let treeText: string;
  try {
    treeText = await readFile(treePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new Error(`Job ${batchId} has no folder tree (the scan did not finish).`, { cause: error });
  }
  const spans = SpansSchema.parse(JSON.parse(treeText));
  const at = spans.dirs.files_at;
  const len = spans.dirs.files_len;
  if (!at || !len)
    throw new Error(
      `The scan of ${spans.root} was made before files were listed in the tree; scan it again.`,
    );
  const list = await readFile(folderFilesPath(treePath));
  const needle = query.toLowerCase();
  const found: FoundFiles = { folders: [], truncated: false };
  // JSON escapes quotes, backslashes and control characters: such a query cannot be looked for in the raw text.
  const prefilter = ![...needle].some((char) => char === '"' || char === '\\' || char < ' ');
  let total = 0;
  for (let folder = 0; folder < len.length; folder++) {
    const length = len[folder] ?? 0;
    if (length === 0) continue;
    const start = at[folder] ?? 0;
    const line = list.subarray(start, start + length).toString('utf8');
    // A name's text is in its line as JSON; a line without the query (any case) has no match.
    if (prefilter && !line.toLowerCase().includes(needle)) continue;
    const files = FolderFilesSchema.parse(JSON.parse(line));
    const names: string[] = [];
    const sizes: number[] = [];
    files.names.forEach((name, i) => {
      if (!name.toLowerCase().includes(needle)) return;
      names.push(name);
      sizes.push(files.sizes[i] ?? 0);
    });
    if (names.length === 0) continue;
    if (total + names.length > limit) {
      const room = limit - total;
      if (room > 0) found.folders.push({ folder, names: names.slice(0, room), sizes: sizes.slice(0, room) });
      found.truncated = true;
      break;
    }
    total += names.length;
    found.folders.push({ folder, names, sizes });
  }
  return found;
}
