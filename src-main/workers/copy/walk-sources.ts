/** The preparing phase: walks sources with lstat (never following symlinks), counting files and bytes. */
import { lstatSync, readdirSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { TransferFailure } from '../../../src-shared/jobs';
import { errnoOf, failureCode, messageOf } from './errno-codes';
import { Kind, type EntryList } from './entry-list';

/** Running totals the walk keeps up to date (for live progress while preparing). */
export interface WalkCounts {
  files: number;
  bytes: number;
  dirs: number;
}

/** What the walk needs from the job: where to report, and when to let the event loop run. */
export interface WalkHooks {
  counts: WalkCounts;
  fail(failure: TransferFailure): void;
  /** Called between folders; resolves when the walk may go on (yields, honours pause, throws on cancel). */
  checkpoint(): Promise<void> | void;
}

/** Append `root` (source number `source`) and everything below it to `list`. */
export async function walkSource(
  list: EntryList,
  root: string,
  name: string,
  source: number,
  hooks: WalkHooks,
): Promise<void> {
  const stats = lstatSync(root);
  const rootIndex = list.add(-1, name, kindOf(stats), stats, source);
  count(hooks.counts, list, rootIndex);
  if (list.kind[rootIndex] === Kind.Unusable) return unusable(hooks, root);
  const stack: { index: number; path: string }[] = [];
  if (list.kind[rootIndex] === Kind.Dir) stack.push({ index: rootIndex, path: root });
  while (stack.length > 0) {
    const dir = stack.pop();
    if (!dir) break;
    await hooks.checkpoint();
    let names: Buffer[];
    try {
      names = readdirSync(dir.path, { encoding: 'buffer' });
    } catch (error) {
      // An unreadable folder is listed as unusable: not created, reported, and (for a move) left in place.
      list.kind[dir.index] = Kind.Unusable;
      hooks.fail({
        path: dir.path,
        code: failureCode(error, false),
        errno: errnoOf(error),
        message: `Cannot read folder ${dir.path}: ${messageOf(error)}`,
      });
      continue;
    }
    const subdirs: { index: number; path: string }[] = [];
    for (const raw of names) {
      const child = raw.toString();
      const path = join(dir.path, child);
      if (!Buffer.from(child).equals(raw)) {
        // Paths are strings here; a name that is not UTF-8 cannot be addressed, so say so instead of guessing.
        hooks.fail({
          path,
          code: 'COPY_IO_ERROR',
          errno: 'EILSEQ',
          message: `Not copied: the name is not valid UTF-8 (${raw.toString('hex')} in ${dir.path}).`,
        });
        continue;
      }
      let childStats: Stats;
      try {
        childStats = lstatSync(path);
      } catch (error) {
        hooks.fail({
          path,
          code: failureCode(error, errnoOf(error) === 'ENOENT'),
          errno: errnoOf(error),
          message: `Cannot read ${path}: ${messageOf(error)}`,
        });
        continue;
      }
      const index = list.add(dir.index, child, kindOf(childStats), childStats, source);
      count(hooks.counts, list, index);
      if (list.kind[index] === Kind.Dir) subdirs.push({ index, path });
      else if (list.kind[index] === Kind.Unusable) unusable(hooks, path);
    }
    // Reversed so folders come off the stack in listing order.
    for (const subdir of subdirs.reverse()) stack.push(subdir);
  }
}

function kindOf(stats: Stats): Kind {
  if (stats.isDirectory()) return Kind.Dir;
  if (stats.isFile()) return Kind.File;
  if (stats.isSymbolicLink()) return Kind.Symlink;
  return Kind.Unusable;
}

function count(counts: WalkCounts, list: EntryList, index: number): void {
  const kind = list.kind[index];
  if (kind === Kind.Dir) counts.dirs++;
  else if (kind === Kind.File || kind === Kind.Symlink) {
    counts.files++;
    counts.bytes += list.size[index] ?? 0;
  }
}

function unusable(hooks: WalkHooks, path: string): void {
  hooks.fail({
    path,
    code: 'COPY_IO_ERROR',
    errno: 'ENOTSUP',
    message: `Not copied: ${path} is a FIFO, socket or device, not a file, folder or symlink.`,
  });
}
