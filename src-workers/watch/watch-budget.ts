/** How many inotify watches a watch job may use: a share of the user's limit, so editors and other tools keep theirs. */
import { readFile } from 'node:fs/promises';

/** Where Linux keeps the per-user limit on inotify watches (shared by every process of the user). */
export const MAX_USER_WATCHES_PATH = '/proc/sys/fs/inotify/max_user_watches';
/** The share of the limit one watch job takes; the rest is headroom for other programs and other jobs. */
export const WATCH_SHARE = 0.5;
/** The budget where the limit cannot be read (not Linux, or /proc hidden): the kernel's old default. */
const UNKNOWN_LIMIT_BUDGET = 8_192;

/** fs.inotify.max_user_watches, or null where it cannot be read. */
export async function readMaxUserWatches(path = MAX_USER_WATCHES_PATH): Promise<number | null> {
  try {
    const value = Number((await readFile(path, 'utf8')).trim());
    return Number.isSafeInteger(value) && value > 0 ? value : null;
  } catch {
    return null;
  }
}

/** Watches this job may use: its share of `systemLimit`, lowered to `maxWatches` when that is set (> 0). */
export function watchBudget(systemLimit: number | null, maxWatches: number): number {
  const share = systemLimit === null ? UNKNOWN_LIMIT_BUDGET : Math.floor(systemLimit * WATCH_SHARE);
  return Math.max(1, maxWatches > 0 ? Math.min(maxWatches, share) : share);
}
