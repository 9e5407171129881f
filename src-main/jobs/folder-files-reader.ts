/**
 * Reads ONE folder's files back from a finished scan, when the tree expands it: the folder's byte range comes
 * from the tree file's files_at/files_len columns (kept per job after the first read), then one read of that
 * range of the file-list file. The host never holds a whole scan's names.
 */
import { open, readFile } from 'node:fs/promises';
import { z } from 'zod';
import { FolderFilesSchema, folderFilesPath, type FolderFiles } from '../../src-shared/folder-files';
import { count } from '../../src-shared/schema-parts';
import type { JobInfo } from '../../src-shared/jobs';

/** Only the columns this needs, so a 1M-folder tree is not validated in full again. */
const SpansSchema = z.object({
  root: z.string(),
  dirs: z.object({ files_at: z.array(count).optional(), files_len: z.array(count).optional() }),
});

interface Spans {
  root: string;
  at: number[] | null;
  len: number[] | null;
}

/** A few jobs' columns: two numbers per folder, and people expand folders of the scan they look at. */
const CACHED_JOBS = 4;

export class FolderFilesReader {
  private readonly cache = new Map<string, Spans>();

  constructor(
    private readonly jobs: { getJob(batchId: string): JobInfo | undefined },
    private readonly treePathOf: (batchId: string) => string,
  ) {}

  /** The files directly in folder `folderIndex` of scan `batchId`, largest first; throws a clear error. */
  async read(batchId: string, folderIndex: number): Promise<FolderFiles> {
    const job = this.jobs.getJob(batchId);
    if (!job) throw new Error(`There is no job ${batchId}: it may have been removed from the history.`);
    if (job.kind !== 'scan')
      throw new Error(`Job ${batchId} is a ${job.kind}, not a scan: it has no folder tree.`);
    const treePath = this.treePathOf(batchId);
    const spans = await this.spans(batchId, treePath);
    const folders = spans.len?.length ?? 0;
    if (spans.at === null || spans.len === null) {
      throw new Error(
        `The scan of ${spans.root} was made before files were listed in the tree; scan it again.`,
      );
    }
    if (!Number.isInteger(folderIndex) || folderIndex < 0 || folderIndex >= folders) {
      throw new Error(
        `Folder ${folderIndex} is not in the scan of ${spans.root}: it has folders 0 to ${folders - 1}.`,
      );
    }
    const len = spans.len[folderIndex] ?? 0;
    if (len === 0) return { names: [], sizes: [] };
    const text = await readRange(folderFilesPath(treePath), spans.at[folderIndex] ?? 0, len);
    return FolderFilesSchema.parse(JSON.parse(text));
  }

  private async spans(batchId: string, treePath: string): Promise<Spans> {
    const cached = this.cache.get(batchId);
    if (cached) return cached;
    let text: string;
    try {
      text = await readFile(treePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      throw new Error(`Job ${batchId} has no folder tree (the scan did not finish).`, { cause: error });
    }
    const parsed = SpansSchema.parse(JSON.parse(text));
    const spans: Spans = {
      root: parsed.root,
      at: parsed.dirs.files_at ?? null,
      len: parsed.dirs.files_len ?? null,
    };
    if (this.cache.size >= CACHED_JOBS) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(batchId, spans);
    return spans;
  }
}

/** `length` bytes of `path` from `offset`, as UTF-8. */
async function readRange(path: string, offset: number, length: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, offset);
    if (bytesRead !== length) throw new Error(`The file list ${path} is shorter than its tree says.`);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}
