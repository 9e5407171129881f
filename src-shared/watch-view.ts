/**
 * A watch job's whole state, folded from its updates: the CLI's live view, what a late WebSocket subscriber
 * is sent first, and what polling returns. Pure: no Node, so the renderer can fold the same way.
 */
import type { SequenceKey, WatchCoverage, WatchFolder, WatchUpdate, WatchedSequence } from './watch-shapes';

function keyOf({ dir, pattern }: SequenceKey): string {
  return `${dir}\0${pattern}`;
}

export class WatchView {
  private readonly sequences = new Map<string, WatchedSequence>();
  private readonly folders = new Map<string, WatchFolder>();
  private last: WatchUpdate | undefined;

  /** Fold an update in (an initial one replaces everything). */
  apply(update: WatchUpdate): void {
    if (update.initial) {
      this.sequences.clear();
      this.folders.clear();
    }
    for (const key of update.removed) this.sequences.delete(keyOf(key));
    for (const changed of update.changed) this.sequences.set(keyOf(changed.sequence), changed);
    for (const dir of update.folders_removed) this.folders.delete(dir);
    for (const folder of update.folders) this.folders.set(folder.dir, folder);
    this.last = update;
  }

  /** The root, totals and coverage of the latest update; undefined before the first. */
  get latest(): WatchUpdate | undefined {
    return this.last;
  }

  get coverage(): WatchCoverage | undefined {
    return this.last?.coverage;
  }

  get sequenceCount(): number {
    return this.sequences.size;
  }

  /** Every sequence, the most recently landed first, then by folder and pattern. */
  list(): WatchedSequence[] {
    return [...this.sequences.values()].sort(
      (a, b) =>
        (b.landed_at ?? 0) - (a.landed_at ?? 0) ||
        a.sequence.dir.localeCompare(b.sequence.dir) ||
        a.sequence.pattern.localeCompare(b.sequence.pattern),
    );
  }

  /** Everything as one initial update, or undefined before the first update. */
  whole(): WatchUpdate | undefined {
    if (!this.last) return undefined;
    return {
      ...this.last,
      initial: true,
      changed: this.list(),
      removed: [],
      folders: [...this.folders.values()],
      folders_removed: [],
    };
  }
}
