/**
 * `wrangle watch` has no tree to open folders in: what it shows are sequences. So a polled watch (network
 * filesystem, WRANGLE_WATCH_POLL) polls the root and the folders that hold sequences, told as the watch's focus
 * each time that set changes; other folders are re-read by the reconcile.
 */
import { MAX_WATCH_FOCUS, type WatchUpdate } from '../../src-shared/watch-shapes';
import type { WatchView } from '../../src-shared/watch-view';
import type { FocusName } from '../../src-shared/watch-labels';

/** What the polled folders are called in the CLI's coverage line. */
export const CLI_FOCUS_NAME: FocusName = ['folder with sequences', 'folders with sequences'];

/** Sends the watch's folders with sequences as its focus whenever they change (polling only). */
export class SequenceFocus {
  private last = '';

  constructor(private readonly send: (folders: string[]) => void) {}

  /** After `model` took `update`: send the folders with sequences if polling and they changed. */
  follow(update: WatchUpdate, model: WatchView): void {
    if (update.coverage.mode !== 'polling') return;
    const folders = [...new Set(model.list().map((row) => row.sequence.dir))]
      .filter((dir) => dir !== '')
      .sort()
      .slice(0, MAX_WATCH_FOCUS);
    const key = folders.join('\n');
    if (key === this.last) return;
    this.last = key;
    this.send(folders);
  }
}
