/**
 * A polled watch polls only the open folders (and the root): the focus is sent over IPC (setWatchFocus),
 * forwarded to the real watch worker, and a frame landing in an open folder shows while one landing in a
 * folder not open waits for the reconcile. Polling is forced (WRANGLE_WATCH_POLL's setting); real worker, real
 * files. The reconcile is an hour unless a test shortens it, so only polling can show a frame: "not arrived"
 * is certain, not a matter of timing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIpcHandlers, type IpcHandlers } from '../../src-main/ipc-handlers';
import { callIpcHandler } from '../../src-shared/ipc-args';
import { MAX_WATCH_FOCUS, type WatchUpdate } from '../../src-shared/watch-shapes';
import { WatchView } from '../../src-shared/watch-view';
import { startTestEngine, tempDir, type TestEngine } from '../helpers/engine';

const HOUR_MS = 3_600_000;
const BEAUTY = 'beauty.####.exr';

describe('a polled watch polls the open folders', () => {
  let root: { path: string; cleanup: () => Promise<void> };
  let engine: TestEngine | undefined;
  let handlers: IpcHandlers;
  /** Every update of the watch, folded, and the updates themselves as they came. */
  let view: WatchView;
  let updates: WatchUpdate[];
  let waiters: (() => void)[];

  beforeEach(async () => {
    root = await tempDir('watch-focus');
    for (const shot of ['sh010', 'sh020'].map((name) => join(root.path, name))) {
      mkdirSync(shot);
      for (const n of [1001, 1002]) writeFileSync(join(shot, `beauty.${n}.exr`), 'frame');
    }
    view = new WatchView();
    updates = [];
    waiters = [];
  });

  afterEach(async () => {
    await engine?.dispose();
    engine = undefined;
    await root.cleanup();
  });

  const frame = (shot: string, n: number): void =>
    writeFileSync(join(root.path, shot, `beauty.${n}.exr`), 'frame');

  const countIn = (shot: string): number | undefined =>
    view.list().find((row) => row.sequence.dir === shot && row.sequence.pattern === BEAUTY)?.sequence.count;

  /** Resolves once the watch's folded state satisfies `test` (checked on every update). */
  async function until(test: () => boolean): Promise<void> {
    while (!test()) await new Promise<void>((wake) => waiters.push(wake));
  }

  /** Start a forced-polling watch of the root through the IPC handlers; resolves with its batch id. */
  async function startWatch(reconcileMs: number): Promise<string> {
    engine = await startTestEngine({
      jobs: {
        watch: {
          force_polling: true,
          poll_interval_ms: 100,
          reconcile_interval_ms: reconcileMs,
          update_interval_ms: 50,
        },
      },
    });
    handlers = createIpcHandlers({
      engine,
      config: { heartbeatIntervalMs: 1000, pollIntervalMs: 1000 },
      choosePaths: async () => null,
    });
    const started = await handlers.startWatch(root.path);
    if (!started.ok) throw new Error(started.error);
    const batchId = started.job.batch_id;
    engine.manager.on('watch', (id, update) => {
      if (id !== batchId) return;
      view.apply(update);
      updates.push(update);
      for (const wake of waiters.splice(0)) wake();
    });
    await until(() => updates.length > 0);
    return batchId;
  }

  const focus = (batchId: string, folders: unknown): unknown =>
    callIpcHandler(handlers, 'setWatchFocus', [batchId, folders]);

  it('polls only the root until folders open, shows a frame in an open folder, and not one in a closed folder', async () => {
    const batchId = await startWatch(HOUR_MS);
    expect(updates[0]?.coverage).toMatchObject({
      mode: 'polling',
      poll_reason: 'forced',
      folders_polled: 1,
      folders_watched: 3,
      reconcile_interval_ms: HOUR_MS,
    });

    expect(await focus(batchId, ['sh010'])).toBeNull();
    await until(() => view.coverage?.folders_polled === 2);

    // The closed folder's frame lands first; the open folder's frame shows, the closed one's does not.
    frame('sh020', 1003);
    frame('sh010', 1003);
    await until(() => countIn('sh010') === 3);
    expect(countIn('sh020')).toBe(2);
  });

  it('follows focus changes: a folder opened is polled (and re-read at once), one closed is not', async () => {
    const batchId = await startWatch(HOUR_MS);
    await focus(batchId, ['sh010']);
    await until(() => view.coverage?.folders_polled === 2);
    frame('sh020', 1003);

    // Opening sh020 re-reads it (it may have changed while closed), and closes sh010.
    await focus(batchId, ['sh020/']);
    await until(() => countIn('sh020') === 3);
    expect(view.coverage?.folders_polled).toBe(2);

    frame('sh010', 1004);
    frame('sh020', 1004);
    await until(() => countIn('sh020') === 4);
    expect(countIn('sh010')).toBe(2);

    // Closing everything leaves the root polled.
    await focus(batchId, []);
    await until(() => view.coverage?.folders_polled === 1);
  });

  it('shows a frame in a folder not open at the reconcile', async () => {
    const batchId = await startWatch(300);
    await focus(batchId, ['sh010']);
    frame('sh020', 1003);
    await until(() => countIn('sh020') === 3);
    expect(view.coverage).toMatchObject({ folders_polled: 2, reconcile_interval_ms: 300 });
  });

  it('refuses bad focus arguments over IPC, saying why, and focus for a job that is no running watch', async () => {
    const batchId = await startWatch(HOUR_MS);
    const refused = (folders: unknown): Promise<unknown> =>
      Promise.resolve().then(() => focus(batchId, folders));
    await expect(refused('sh010')).rejects.toThrow(/jobs:set-watch-focus refused/);
    await expect(refused(['../elsewhere'])).rejects.toThrow(/relative to the watched root/);
    await expect(refused(['/abs/path'])).rejects.toThrow(/relative to the watched root/);
    await expect(refused([7])).rejects.toThrow(/jobs:set-watch-focus refused/);
    const tooMany = Array.from({ length: MAX_WATCH_FOCUS + 1 }, (_, i) => `f${i}`);
    await expect(refused(tooMany)).rejects.toThrow(/jobs:set-watch-focus refused/);
    await expect(Promise.resolve().then(() => focus('not-a-job', []))).rejects.toThrow(/No job not-a-job/);

    const scan = engine!.manager.startScan(root.path);
    await expect(Promise.resolve().then(() => focus(scan.batch_id, []))).rejects.toThrow(/not a watch/);
    engine!.manager.cancel(batchId);
    await engine!.manager.whenEnded(batchId);
    await expect(Promise.resolve().then(() => focus(batchId, []))).rejects.toThrow(/not running/);
  });
});
