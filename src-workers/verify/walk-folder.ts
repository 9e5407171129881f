/**
 * Lists what a verification reads: every regular file under the folder, found with lstat and never through a
 * symlink, leaving out `ascmhl/` folders (histories, nested ones too) and what the reference ignores.
 */
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { VerifyUnreadable } from '../../src-shared/verify';
import { errnoCodeOf } from '../../src-node/errno';

/** One file to check. */
export interface FoundFile {
  /** Relative to the folder, `/`-separated. */
  rel: string;
  size: number;
  /** Modification time, ms since the epoch (what a recorded generation states). */
  mtimeMs: number;
}

/** What the walk found. */
export interface FolderListing {
  files: FoundFile[];
  /** Folders below the root (relative), in walk order: parents before children. */
  dirs: string[];
  /** Symlinks, FIFOs, sockets and devices: not read, not followed. */
  skipped: string[];
  unreadable: VerifyUnreadable[];
}

/** How many entries of one folder are lstat'ed at once. */
const STAT_BATCH = 32;

/** A name sort that does not depend on the locale (ASC MHL tools list paths the same way). */
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Walk `root`. `ignores(rel, isDir)` leaves an entry out (a folder with everything in it); `listed(rel)` keeps
 * a file that would be ignored but that the reference lists. `onFound` hears the running totals.
 */
export async function walkFolder(
  root: string,
  options: {
    ignores(rel: string, isDir: boolean): boolean;
    listed(rel: string): boolean;
    signal: AbortSignal;
    /** Awaited before each folder is listed (it waits while the job is paused). */
    beforeFolder(): Promise<void>;
    onFound(files: number, bytes: number, dirs: number): void;
  },
): Promise<FolderListing> {
  const listing: FolderListing = { files: [], dirs: [], skipped: [], unreadable: [] };
  let bytes = 0;
  const unreadable = (rel: string, error: unknown): void => {
    const errno = errnoCodeOf(error);
    listing.unreadable.push({ path: rel, errno, message: (error as Error).message ?? String(error) });
  };
  const pending: string[] = [''];
  while (pending.length > 0) {
    await options.beforeFolder();
    if (options.signal.aborted) break;
    const dirRel = pending.shift() as string;
    let entries;
    try {
      entries = await readdir(join(root, dirRel), { withFileTypes: true });
    } catch (error) {
      unreadable(dirRel === '' ? '.' : dirRel, error);
      continue;
    }
    entries.sort((a, b) => byName(a.name, b.name));
    const children: string[] = [];
    const files: string[] = [];
    for (const entry of entries) {
      const rel = dirRel === '' ? entry.name : `${dirRel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name === 'ascmhl' || options.ignores(rel, true)) continue;
        children.push(rel);
      } else if (entry.isFile()) {
        if (options.ignores(rel, false) && !options.listed(rel)) continue;
        files.push(rel);
      } else if (!options.ignores(rel, false)) {
        listing.skipped.push(rel);
      }
    }
    for (let start = 0; start < files.length; start += STAT_BATCH) {
      const batch = files.slice(start, start + STAT_BATCH);
      const stats = await Promise.allSettled(batch.map((rel) => lstat(join(root, rel))));
      stats.forEach((outcome, index) => {
        const rel = batch[index] as string;
        if (outcome.status === 'rejected') return unreadable(rel, outcome.reason);
        // Replaced by something else since it was listed: not a file any more.
        if (!outcome.value.isFile()) return void listing.skipped.push(rel);
        listing.files.push({ rel, size: outcome.value.size, mtimeMs: outcome.value.mtimeMs });
        bytes += outcome.value.size;
      });
    }
    listing.dirs.push(...children);
    // Depth first, so a folder's files are read together (and a tree's listing stays small).
    pending.unshift(...children);
    options.onFound(listing.files.length, bytes, listing.dirs.length);
  }
  return listing;
}
