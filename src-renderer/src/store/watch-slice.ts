/** The watch slice: each running watch job's whole state, folded from its `watch_update` messages. */
import type { WatchUpdate } from '../../../src-shared/watch-shapes';
import { WatchView } from '../../../src-shared/watch-view';
import type { SliceCreator } from './app-state';
import { withoutKeys } from './without-keys';

export interface WatchSlice {
  /** Each watch job's whole state (an initial update holding every sequence and folder). */
  watches: Record<string, WatchUpdate>;
  /** Fold an update (a change, or a whole state from a subscribe or a poll) into the job's state. */
  applyWatchUpdate(batchId: string, update: WatchUpdate): void;
  /** Forget a watch that was turned off. */
  dropWatch(batchId: string): void;
}

export const createWatchSlice: SliceCreator<WatchSlice> = (set) => ({
  watches: {},
  applyWatchUpdate(batchId, update) {
    set((state) => {
      const before = state.watches[batchId];
      // A change means nothing without the whole state it applies to (it comes first on subscribe).
      if (!update.initial && !before) return {};
      const view = new WatchView();
      if (before && !update.initial) view.apply(before);
      view.apply(update);
      const whole = view.whole();
      return whole ? { watches: { ...state.watches, [batchId]: whole } } : {};
    });
  },
  dropWatch(batchId) {
    set((state) => {
      if (!(batchId in state.watches)) return {};
      return { watches: withoutKeys(state.watches, batchId) };
    });
  },
});
