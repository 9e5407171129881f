/**
 * "Retry failed": which entries a retry runs, read back from the earlier job's report. After a job that
 * reached every entry (completed with failures), just the ones it did not transfer; after a cancelled or
 * failed job, which never reached some entries, everything except what it finished.
 */
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

/** The parts of a report a retry needs (the report itself is written by report-writer.ts). */
const RetrySourceSchema = z.object({
  state: z.enum(['completed', 'cancelled', 'failed']),
  sources: z.array(z.string()),
  files: z.array(z.object({ path: z.string(), status: z.string() })),
  failures: z.array(z.object({ path: z.string() })),
});

const DONE = new Set(['copied', 'renamed', 'moved', 'skipped']);

/** Which entries to run, by path relative to the sources' parents (starting with the source's name). */
export interface RetryFilter {
  /** Only these entries (a folder here means all of it)… */
  wanted: Set<string>;
  /** …and the folders above them, walked only for what is wanted below. */
  above: Set<string>;
  /** Or, when set: every entry except these finished files. */
  done: Set<string> | null;
}

/** A filter that runs exactly `paths` (and whole folders among them). */
export function onlyThese(paths: Iterable<string>): RetryFilter {
  const wanted = new Set<string>();
  const above = new Set<string>();
  for (const path of paths) {
    wanted.add(path);
    for (let cut = path.lastIndexOf('/'); cut > 0; cut = path.lastIndexOf('/', cut - 1))
      above.add(path.slice(0, cut));
  }
  return { wanted, above, done: null };
}

/** Whether a retry walks the folder `rel`: all of it, only what is wanted in it, or not at all. */
export function retriesFolder(
  filter: RetryFilter | null,
  rel: string,
  parentWhole: boolean,
): 'whole' | 'part' | 'skip' {
  if (!filter || filter.done || parentWhole || filter.wanted.has(rel)) return 'whole';
  return filter.above.has(rel) ? 'part' : 'skip';
}

/** Whether a retry runs the file (or symlink) `rel` in a folder walked `whole` or in part. */
export function retriesFile(filter: RetryFilter | null, rel: string, whole: boolean): boolean {
  if (!filter) return true;
  if (filter.done) return !filter.done.has(rel);
  return whole || filter.wanted.has(rel);
}

/** Read the earlier job's report into a filter. */
export async function readRetryFilter(reportPath: string): Promise<RetryFilter> {
  let text: string;
  try {
    text = await readFile(reportPath, 'utf8');
  } catch (error) {
    throw new Error(
      `Cannot read the earlier job's report ${reportPath} (${(error as NodeJS.ErrnoException).code}); it is needed to retry its failed entries.`,
      { cause: error },
    );
  }
  const report = RetrySourceSchema.parse(JSON.parse(text));
  if (report.state !== 'completed') {
    return {
      wanted: new Set(),
      above: new Set(),
      done: new Set(report.files.filter((file) => DONE.has(file.status)).map((file) => file.path)),
    };
  }
  const paths = new Set<string>();
  for (const file of report.files) if (!DONE.has(file.status)) paths.add(file.path);
  // Folder failures have no file rows: their absolute path, made relative to its source's parent.
  for (const failure of report.failures) {
    for (const source of report.sources) {
      const parent = dirname(source);
      const prefix = parent.endsWith('/') ? parent : `${parent}/`;
      if (failure.path === source || failure.path.startsWith(`${source}/`))
        paths.add(failure.path.slice(prefix.length));
    }
  }
  return onlyThese(paths);
}
