/**
 * Which folders a polled watch polls. Polling stats every polled folder each interval, and on shared storage
 * that load is everyone's: so a polled watch polls only the root and the folders someone has open (the app's
 * expanded folders, the CLI's folders with sequences). The rest are re-read by the reconcile.
 */
import { posix } from 'node:path';

/** A folder relative to the root as the watch names it: 'a/b', '' for the root ('.', 'a/', 'a//b' alike). */
export function focusKey(folder: string): string {
  const normal = posix.normalize(folder === '' ? '.' : folder).replace(/\/+$/, '');
  return normal === '.' ? '' : normal;
}

/** What to start and stop polling to go from the folders polled now to those wanted. */
export interface PollChange {
  start: string[];
  stop: string[];
}

/** The open folders (the root always among them) and the change to poll exactly those a watch holds. */
export class PollFocus {
  private open = new Set<string>(['']);

  /** Replace the open folders; the root stays open. */
  set(folders: readonly string[]): void {
    this.open = new Set(['', ...folders.map(focusKey)]);
  }

  /** Whether `dir` (as the watch names it) is to be polled. */
  wants(dir: string): boolean {
    return this.open.has(dir);
  }

  /** From `polled`, the change to poll the open folders among those the watch holds (`holds`). */
  change(polled: ReadonlySet<string>, holds: (dir: string) => boolean): PollChange {
    const start = [...this.open].filter((dir) => holds(dir) && !polled.has(dir));
    const stop = [...polled].filter((dir) => !this.open.has(dir));
    return { start, stop };
  }
}
