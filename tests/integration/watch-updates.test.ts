/**
 * A watch job's updates over the same paths as progress: `watch_update` on the WebSocket (the whole state
 * first for a late subscriber), and the whole state over the polling IPC call. Real worker, real socket.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIpcHandlers } from '../../src-main/ipc-handlers';
import type { ServerMessage } from '../../src-shared/progress-protocol';
import type { WatchUpdate } from '../../src-shared/watch-shapes';
import { startTestEngine, tempDir, type TestEngine } from '../helpers/engine';
import { TestClient } from '../helpers/ws-client';

/** The next `watch_update` whose data `match` accepts (others are skipped). */
async function nextUpdate(client: TestClient, match: (update: WatchUpdate) => boolean): Promise<WatchUpdate> {
  for (;;) {
    const message = (await client.next('watch_update', 15_000)) as Extract<
      ServerMessage,
      { type: 'watch_update' }
    >;
    if (match(message.data)) return message.data;
  }
}

const countOf = (update: WatchUpdate): number | undefined =>
  update.changed.find((c) => c.sequence.pattern === 'beauty.####.exr')?.sequence.count;

describe('watch updates over the progress paths', () => {
  let engine: TestEngine;
  let root: { path: string; cleanup: () => Promise<void> };

  beforeAll(async () => {
    root = await tempDir('watch-feed');
    mkdirSync(join(root.path, 'sh010'));
    for (const n of [1001, 1002]) writeFileSync(join(root.path, 'sh010', `beauty.${n}.exr`), 'frame');
    engine = await startTestEngine();
  });

  afterAll(async () => {
    await engine.dispose();
    await root.cleanup();
  });

  it('sends watch_update as frames land, the whole state to a late subscriber and to polling, and ends on cancel', async () => {
    const handlers = createIpcHandlers({
      engine,
      config: { heartbeatIntervalMs: 1000, pollIntervalMs: 1000 },
      choosePaths: async () => null,
    });
    const started = await handlers.startWatch(root.path);
    if (!started.ok) throw new Error(started.error);
    const batchId = started.job.batch_id;
    const early = await TestClient.connect(engine.server.url);
    early.send({ type: 'subscribe', batch_id: batchId });
    const initial = await nextUpdate(early, (update) => update.initial);
    expect(initial).toMatchObject({ root: root.path, file_count: 2, sequence_count: 1 });
    expect(countOf(initial)).toBe(2);

    writeFileSync(join(root.path, 'sh010', 'beauty.1003.exr'), 'frame');
    const change = await nextUpdate(early, (update) => countOf(update) === 3);
    expect(change).toMatchObject({ initial: false, file_count: 3 });
    expect(change.folders).toEqual([{ dir: 'sh010', file_count: 3, total_size: 15 }]);

    // A late subscriber is brought up to date with the whole state, not only the last change.
    const late = await TestClient.connect(engine.server.url);
    late.send({ type: 'subscribe', batch_id: batchId });
    const whole = await nextUpdate(late, () => true);
    expect(whole).toMatchObject({ initial: true, file_count: 3, sequence_count: 1 });
    expect(countOf(whole)).toBe(3);
    expect(whole.folders.map((folder) => folder.dir).sort()).toEqual(['', 'sh010']);

    // Polling over IPC reads the same whole state.
    const polled = await handlers.getWatchState(batchId);
    expect(polled && countOf(polled)).toBe(3);
    expect(polled?.coverage).toMatchObject({ mode: 'events', folders_watched: 2 });

    engine.manager.cancel(batchId);
    expect((await early.next('cancelled', 15_000)).type).toBe('cancelled');
    expect(await handlers.getWatchState(batchId)).toBeNull();
    await Promise.all([early.close(), late.close()]);
  });

  it('refuses to watch a missing folder, naming it', async () => {
    const handlers = createIpcHandlers({
      engine,
      config: { heartbeatIntervalMs: 1000, pollIntervalMs: 1000 },
      choosePaths: async () => null,
    });
    const missing = join(root.path, 'nope');
    const outcome = await handlers.startWatch(missing);
    expect(outcome).toMatchObject({ ok: false, path: missing });
    expect(!outcome.ok && outcome.error).toContain(`Folder not found: ${missing}`);
  });
});
