/** ProgressClient end to end: real engine, real ProgressServer, real scan workers, `ws` sockets, IPC fallback over the manager. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import type { ProgressEndpoint } from '../../src-shared/ipc-channels';
import { PROGRESS_PATH } from '../../src-shared/progress-protocol';
import {
  ProgressClient,
  type ProgressClientDeps,
} from '../../src-renderer/src/progress/client/progress-client';
import { createAppStore } from '../../src-renderer/src/store/app-store';
import { jobOf, snapshotOf } from '../../src-renderer/src/store/job-selectors';
import { startTestEngine, tempDir, type TestEngine } from '../helpers/engine';
import { percentRank, risingCheck } from '../helpers/percentages';
import { makeWideTree } from '../helpers/trees';

/** Resolve once `done()` holds; fail with `what` after timeoutMs. */
async function until(what: string, done: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('ProgressClient (integration)', () => {
  let engine: TestEngine;
  let tree: { path: string; cleanup: () => Promise<void> };
  let small: { path: string; cleanup: () => Promise<void> };
  let shape: { files: number; dirs: number; bytes: number };

  beforeAll(async () => {
    tree = await tempDir('pclient');
    small = await tempDir('pclient-small');
    // 400 folders read at 120 folders/s: a scan of ~3 s, long enough to drop and restore the server mid-walk.
    shape = makeWideTree(tree.path, 200, 40);
    makeWideTree(small.path, 5, 5);
    engine = await startTestEngine({
      jobs: { scan: { threads: 1, throttle_ms: 10, max_dirs_per_second: 120 } },
      // Short enough that only the client's pings keep the socket open.
      idleTimeoutMs: 1000,
    });
  });

  afterAll(async () => {
    await engine?.dispose();
    await Promise.all([tree?.cleanup(), small?.cleanup()]);
  });

  it('goes live, survives a server restart by polling, returns to live and stops polling, and ends with the real result', async () => {
    const endpoint: ProgressEndpoint = {
      url: `ws://127.0.0.1:${engine.server.port}${PROGRESS_PATH}`,
      token: engine.token,
      heartbeat_interval_ms: 200,
      poll_interval_ms: 100,
    };
    const manager = engine.manager;
    const api = {
      getProgressEndpoint: async () => endpoint,
      getSnapshot: vi.fn(async (id: string) => manager.getSnapshot(id) ?? null),
      getResult: vi.fn(async (id: string) => manager.getResult(id) ?? null),
      listJobs: vi.fn(async () => manager.listJobs()),
      getWatchState: vi.fn(async () => null),
    } satisfies ProgressClientDeps['api'];
    const store = createAppStore();
    const logs: string[] = [];
    const client = new ProgressClient(
      { api, store, createSocket: (url) => new WebSocket(url), log: (m) => logs.push(m) },
      { backoffBaseMs: 50, backoffMaxMs: 400 },
    );
    const connections: string[] = [store.getState().connection];
    store.subscribe((state) => {
      if (state.connection !== connections.at(-1)) connections.push(state.connection);
    });

    try {
      expect(store.getState().connection).toBe('connecting');
      await client.start();
      await until('live', () => store.getState().connection === 'live');

      const job = manager.startScan(tree.path);
      const other = manager.startScan(small.path); // never subscribed: must never reach the store
      const id = job.batch_id;
      // Every distinct snapshot the store holds for the job, in order.
      const seen: { files: number; percentage: number | null; state: string }[] = [];
      store.subscribe((state) => {
        const snap = snapshotOf(state, id);
        const last = seen.at(-1);
        if (snap && (!last || last.files !== snap.files_processed || last.state !== snap.state)) {
          seen.push({ files: snap.files_processed, percentage: snap.percentage, state: snap.state });
        }
      });
      client.subscribe(id);

      const files = (): number => store.getState().snapshots[id]?.files_processed ?? 0;
      await until('live snapshots', () => seen.length >= 3 && files() > 0);
      expect(api.getSnapshot).not.toHaveBeenCalled();
      expect(manager.getJob(id)?.state).toBe('running');

      // The server goes away mid-scan: the client falls back to polling over "IPC".
      await engine.server.stop();
      await until('polling', () => store.getState().connection === 'polling');
      const filesAtStop = files();
      await until(
        'progress through polling',
        () => api.getSnapshot.mock.calls.length >= 3 && files() > filesAtStop,
      );
      expect(manager.getJob(id)?.state).toBe('running');
      expect(store.getState().connection).toBe('polling');

      // The server comes back on the same port and token: live again within the backoff, polling stops.
      await engine.server.start();
      await until('live again', () => store.getState().connection === 'live', 3000);
      const callsWhenLive = api.getSnapshot.mock.calls.length;
      const filesWhenLive = files();
      await sleep(600);
      expect(api.getSnapshot).toHaveBeenCalledTimes(callsWhenLive);
      expect(manager.getJob(id)?.state).toBe('running');
      expect(files()).toBeGreaterThan(filesWhenLive); // rising over the socket, not polling

      await until('completed', () => store.getState().results[id] !== undefined, 20_000);
      const result = store.getState().results[id]!;
      expect(result).toEqual(manager.getResult(id));
      expect(result).toMatchObject({ file_count: shape.files, total_size: shape.bytes });
      expect(snapshotOf(store.getState(), id)).toMatchObject({ state: 'completed', percentage: 100 });
      expect(jobOf(store.getState(), id)?.state).toBe('completed');
      expect(api.getSnapshot).toHaveBeenCalledTimes(callsWhenLive);

      // Only rises (a first scan: not known yet, then numbers); 100 only at the end.
      const rising = risingCheck(seen.map((s) => s.percentage));
      expect(rising.seen).toEqual(rising.sorted);
      expect(seen.map((s) => s.files)).toEqual(seen.map((s) => s.files).sort((a, b) => a - b));
      expect(seen.filter((s) => s.state === 'running').every((s) => percentRank(s.percentage) < 100)).toBe(
        true,
      );

      // The other job is listed (jobs_update) but its numbers never reach the store.
      await manager.whenEnded(other.batch_id);
      await until('job list', () => store.getState().jobs[other.batch_id] !== undefined);
      expect(store.getState().snapshots[other.batch_id]).toBeUndefined();

      expect(connections).toEqual(['connecting', 'live', 'polling', 'live']);
      // The 1000 ms idle timeout never fired: the 200 ms pings kept the socket open.
      expect(client.stats).toMatchObject({ opens: 2, invalidFrames: 0 });
    } finally {
      client.stop();
    }
    expect(logs.filter((m) => m.includes('invalid'))).toEqual([]);
  });
});
