/** A watch job's updates in the renderer: over the socket (watch_update) and by polling, folded into the store. */
import { describe, expect, it, vi } from 'vitest';
import type { ProgressSnapshot } from '../../src-shared/jobs';
import type { WatchUpdate } from '../../src-shared/watch-shapes';
import { applyFrame } from '../../src-renderer/src/progress/client/apply-message';
import { pollRound, type PollApi } from '../../src-renderer/src/progress/client/poll-round';
import { createAppStore } from '../../src-renderer/src/store/app-store';

const BATCH = 'watch-1';

function sequence(count: number, missing = '') {
  return {
    sequence: {
      dir: 'sh010',
      pattern: 'beauty.####.exr',
      padding: 4,
      first: 1001,
      last: 1001 + count - 1 + (missing ? 1 : 0),
      count,
      frames: `1001-${1000 + count}`,
      missing,
      zero_byte: [],
      suspect_small: [],
      total_size: count * 10,
    },
    landed_at: null,
  };
}

function update(patch: Partial<WatchUpdate>): WatchUpdate {
  return {
    root: '/renders',
    initial: false,
    coverage: {
      mode: 'events',
      poll_reason: null,
      poll_interval_ms: 3000,
      folders_watched: 2,
      folders_found: 2,
      budget: 100,
      system_limit: 200,
    },
    file_count: 0,
    total_size: 0,
    sequence_count: 1,
    changed: [],
    removed: [],
    folders: [],
    folders_removed: [],
    emitted_at: 1,
    ...patch,
  };
}

const frame = (data: WatchUpdate): string =>
  JSON.stringify({ type: 'watch_update', batch_id: BATCH, data, timestamp: new Date().toISOString() });

describe('watch updates in the renderer', () => {
  it('folds watch_update frames into the whole state, ignoring a change that comes before it', () => {
    const store = createAppStore();
    const subscribed = new Set([BATCH]);
    applyFrame(store, frame(update({ changed: [sequence(3)] })), subscribed);
    expect(store.getState().watches[BATCH]).toBeUndefined();
    expect(
      applyFrame(store, frame(update({ initial: true, changed: [sequence(2, '1003')] })), subscribed).kind,
    ).toBe('applied');
    applyFrame(store, frame(update({ changed: [sequence(4)], file_count: 4 })), subscribed);
    const state = store.getState().watches[BATCH];
    expect(state?.file_count).toBe(4);
    expect(state?.changed.map((c) => [c.sequence.count, c.sequence.missing])).toEqual([[4, '']]);
    store.getState().dropWatch(BATCH);
    expect(store.getState().watches[BATCH]).toBeUndefined();
  });

  it('refuses a watch_update that breaks the schema', () => {
    const store = createAppStore();
    const bad = JSON.stringify({ type: 'watch_update', batch_id: BATCH, data: { root: 1 }, timestamp: 'x' });
    expect(applyFrame(store, bad, new Set([BATCH])).kind).toBe('invalid');
  });

  it("polls a running watch's whole state while the socket is down", async () => {
    const store = createAppStore();
    const snapshot: ProgressSnapshot = {
      batch_id: BATCH,
      kind: 'watch',
      root: '/renders',
      state: 'running',
      phase: 'starting',
      files_processed: 0,
      dirs_processed: 0,
      bytes_processed: 0,
      errors_count: 0,
      current_file: null,
      percentage: 0,
      estimate: 'none',
      files_total: null,
      bytes_total: null,
      rate: { files_per_second: 0, bytes_per_second: 0 },
      eta_ms: null,
      emitted_at: 1,
      updated_at: new Date().toISOString(),
    };
    const api: PollApi = {
      getSnapshot: vi.fn(async () => snapshot),
      getResult: vi.fn(async () => null),
      listJobs: vi.fn(async () => []),
      getWatchState: vi.fn(async () => update({ initial: true, changed: [sequence(5)] })),
    };
    await pollRound(api, store, [BATCH]);
    expect(api.getWatchState).toHaveBeenCalledWith(BATCH);
    expect(store.getState().watches[BATCH]?.changed[0]?.sequence.count).toBe(5);
  });
});
