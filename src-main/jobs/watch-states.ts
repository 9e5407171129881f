/**
 * The whole state of each running watch job, folded from its updates: what a new WebSocket subscriber gets
 * first and what polling over IPC returns. Dropped when the job ends.
 */
import type { WatchUpdate } from '../../src-shared/watch-shapes';
import { WatchView } from '../../src-shared/watch-view';
import type { JobManager } from './job-manager';

export class WatchStates {
  private readonly views = new Map<string, WatchView>();

  constructor(manager: JobManager) {
    manager.on('watch', (batchId, update) => {
      let view = this.views.get(batchId);
      if (!view) this.views.set(batchId, (view = new WatchView()));
      view.apply(update);
    });
    manager.on('ended', (record) => this.views.delete(record.info.batch_id));
  }

  /** A running watch's whole state as one initial update; undefined before its first update or once ended. */
  whole(batchId: string): WatchUpdate | undefined {
    return this.views.get(batchId)?.whole();
  }
}
