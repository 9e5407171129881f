/** ProgressClient against a fake socket and fake timers: backoff, states, polling, filter, heartbeat. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobInfo, ProgressSnapshot } from '../../src-shared/jobs';
import type { ProgressEndpoint } from '../../src-shared/ipc-channels';
import { nowIso, type ServerMessage } from '../../src-shared/progress-protocol';
import { reconnectDelay } from '../../src-renderer/src/progress/client/backoff';
import { ProgressClient } from '../../src-renderer/src/progress/client/progress-client';
import { socketUrl } from '../../src-renderer/src/progress/client/socket';
import { createAppStore, type AppStore } from '../../src-renderer/src/store/app-store';
import { jobOf, snapshotOf } from '../../src-renderer/src/store/job-selectors';
import { FakeSocket } from '../helpers/fake-socket';
import { completedMessage, jobsMessage, progressMessage, snapshot } from '../helpers/ws-client';

const ENDPOINT: ProgressEndpoint = {
  url: 'ws://127.0.0.1:4567/api/v1/ws',
  token: 'tok/en+1',
  heartbeat_interval_ms: 30_000,
  poll_interval_ms: 1000,
};

interface Harness {
  client: ProgressClient;
  store: AppStore;
  sockets: FakeSocket[];
  /** The newest socket. */
  socket(): FakeSocket;
  /** Snapshots the fake IPC returns. */
  snapshots: Map<string, ProgressSnapshot>;
  jobs: JobInfo[];
  api: {
    getProgressEndpoint: ReturnType<typeof vi.fn<() => Promise<ProgressEndpoint>>>;
    getSnapshot: ReturnType<typeof vi.fn<(id: string) => Promise<ProgressSnapshot | null>>>;
    getResult: ReturnType<typeof vi.fn>;
    listJobs: ReturnType<typeof vi.fn<() => Promise<JobInfo[]>>>;
  };
  /** When each socket was created, in fake ms since start. */
  createdAt: number[];
}

async function startHarness(): Promise<Harness> {
  const store = createAppStore();
  const sockets: FakeSocket[] = [];
  const createdAt: number[] = [];
  const snapshots = new Map<string, ProgressSnapshot>();
  const jobs: JobInfo[] = [];
  const t0 = Date.now();
  const completed = completedMessage('A', 500);
  const api = {
    getProgressEndpoint: vi.fn(async () => ENDPOINT),
    getSnapshot: vi.fn(async (id: string) => snapshots.get(id) ?? null),
    getResult: vi.fn(async () => (completed.type === 'completed' ? completed.data.result : null)),
    listJobs: vi.fn(async () => jobs),
    getWatchState: vi.fn(async () => null),
  };
  const client = new ProgressClient({
    api,
    store,
    log: () => undefined,
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      createdAt.push(Date.now() - t0);
      return socket;
    },
  });
  await client.start();
  return { client, store, sockets, socket: () => sockets.at(-1)!, snapshots, jobs, api, createdAt };
}

describe('ProgressClient (unit)', () => {
  let h: Harness;

  beforeEach(async () => {
    vi.useFakeTimers();
    h = await startHarness();
  });

  afterEach(() => {
    h.client.stop();
    vi.useRealTimers();
  });

  it('reconnects after 1, 2, 4, 8, 16, 16 s, and starts over at 1 s after a successful open', () => {
    expect(reconnectDelay(0)).toBe(1000);
    expect([1, 2, 3, 4, 5, 50, 5000].map((n) => reconnectDelay(n))).toEqual([
      2000, 4000, 8000, 16_000, 16_000, 16_000, 16_000,
    ]);
    expect(h.sockets).toHaveLength(1);
    expect(h.socket().url).toBe(socketUrl(ENDPOINT));
    expect(h.socket().url).toBe('ws://127.0.0.1:4567/api/v1/ws?token=tok%2Fen%2B1');
    return (async () => {
      for (const delay of [1000, 2000, 4000, 8000, 16_000, 16_000, 16_000]) {
        const count = h.sockets.length;
        h.socket().fail();
        await vi.advanceTimersByTimeAsync(delay - 1);
        expect(h.sockets).toHaveLength(count);
        await vi.advanceTimersByTimeAsync(1);
        expect(h.sockets).toHaveLength(count + 1);
      }
      const gaps = h.createdAt.slice(1).map((t, i) => t - h.createdAt[i]!);
      expect(gaps).toEqual([1000, 2000, 4000, 8000, 16_000, 16_000, 16_000]);

      h.socket().open();
      h.socket().fail(1001);
      await vi.advanceTimersByTimeAsync(999);
      const count = h.sockets.length;
      await vi.advanceTimersByTimeAsync(1);
      expect(h.sockets).toHaveLength(count + 1);
    })();
  });

  it("goes 'connecting' → 'polling' on a failed open → 'live' on open → 'polling' when the server closes", async () => {
    expect(h.store.getState().connection).toBe('connecting');
    h.socket().fail();
    expect(h.store.getState().connection).toBe('polling');
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.store.getState().connection).toBe('polling');
    h.socket().open();
    expect(h.store.getState().connection).toBe('live');
    expect(h.client.isLive).toBe(true);
    h.socket().fail(1001);
    expect(h.store.getState().connection).toBe('polling');
  });

  it('does not poll while connecting, polls every interval while down, and stops polling completely once live', async () => {
    h.client.subscribe('A');
    h.snapshots.set('A', snapshot('A', 100));
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.api.getSnapshot).not.toHaveBeenCalled();

    h.socket().fail();
    await vi.advanceTimersByTimeAsync(999);
    expect(h.api.getSnapshot).not.toHaveBeenCalled(); // reconnect at 1000 opens socket 2, not yet open
    await vi.advanceTimersByTimeAsync(1);
    expect(h.api.getSnapshot).toHaveBeenCalledTimes(1);
    expect(h.store.getState().snapshots.A?.files_processed).toBe(100);
    // Socket 2 (created at 1000) fails too; polling goes on, one round per interval.
    h.socket().fail();
    h.snapshots.set('A', snapshot('A', 300));
    await vi.advanceTimersByTimeAsync(3000);
    expect(h.api.getSnapshot).toHaveBeenCalledTimes(4);
    expect(h.api.listJobs).toHaveBeenCalledTimes(4); // once per round
    expect(h.store.getState().snapshots.A?.files_processed).toBe(300);

    h.socket().open(); // socket 3, created at 3000
    const calls = h.api.getSnapshot.mock.calls.length;
    const rounds = h.client.stats.pollRounds;
    await vi.advanceTimersByTimeAsync(20_000);
    h.socket().receive({ type: 'pong', timestamp: nowIso() }); // keep it alive for the heartbeat
    await vi.advanceTimersByTimeAsync(20_000);
    expect(h.client.isLive).toBe(true);
    expect(h.api.getSnapshot).toHaveBeenCalledTimes(calls);
    expect(h.client.stats.pollRounds).toBe(rounds);
  });

  it('subscribes every batch and the job list on open, and again after a reconnect', async () => {
    h.client.subscribe('A');
    h.client.subscribe('B');
    h.client.subscribe('A'); // twice is once
    expect(h.socket().sent).toEqual([]); // nothing goes out before the socket is open
    h.socket().open();
    expect(h.socket().types()).toEqual(['subscribe_jobs', 'subscribe:A', 'subscribe:B']);
    h.client.subscribe('C');
    h.client.unsubscribe('B');
    expect(h.socket().sent.slice(3)).toEqual([
      { type: 'subscribe', batch_id: 'C' },
      { type: 'unsubscribe', batch_id: 'B' },
    ]);

    h.socket().fail(1001);
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.sockets).toHaveLength(2);
    h.socket().open();
    expect(h.socket().types()).toEqual(['subscribe_jobs', 'subscribe:A', 'subscribe:C']);
  });

  it('applies progress only for subscribed batches, and never lets a percentage go backwards', () => {
    h.client.subscribe('A');
    h.socket().open();
    h.socket().receive(progressMessage('B', 4000)); // another batch's numbers
    expect(h.store.getState().snapshots.B).toBeUndefined();
    expect(h.client.stats.ignoredFrames).toBe(1);

    // A frame addressed to A but carrying B's snapshot is refused too.
    h.socket().receive({ type: 'progress', batch_id: 'A', data: snapshot('B', 4000), timestamp: nowIso() });
    expect(h.store.getState().snapshots.A).toBeUndefined();
    expect(h.store.getState().snapshots.B).toBeUndefined();

    h.socket().receive(progressMessage('A', 2000));
    expect(h.store.getState().snapshots.A?.percentage).toBe(20);
    h.socket().receive(progressMessage('A', 1000)); // older, lower
    expect(h.store.getState().snapshots.A?.percentage).toBe(20);
    h.socket().receive(progressMessage('A', 3000));
    expect(h.store.getState().snapshots.A?.percentage).toBe(30);

    h.client.unsubscribe('A');
    h.socket().receive(progressMessage('A', 5000));
    expect(h.store.getState().snapshots.A?.percentage).toBe(30);
  });

  it('ignores invalid frames without crashing and keeps working', () => {
    h.client.subscribe('A');
    h.socket().open();
    const bad = { ...progressMessage('A', 100) } as Record<string, unknown>;
    delete bad.timestamp;
    const frames: (string | Uint8Array)[] = [
      'not json {',
      JSON.stringify({ type: 'surprise', timestamp: nowIso() }),
      JSON.stringify(bad),
      JSON.stringify({ type: 'progress', batch_id: 'A', data: { percentage: 'lots' }, timestamp: nowIso() }),
      JSON.stringify(null),
      new Uint8Array([1, 2, 3]),
    ];
    for (const frame of frames) h.socket().receive(frame);
    expect(h.client.stats.invalidFrames).toBe(frames.length);
    expect(h.store.getState().snapshots).toEqual({});
    expect(h.client.isLive).toBe(true);
    h.socket().receive(progressMessage('A', 100));
    expect(h.store.getState().snapshots.A?.files_processed).toBe(100);
  });

  it('routes terminal messages and job lists to the store; UNKNOWN_BATCH is harmless', () => {
    h.client.subscribe('A');
    h.client.subscribe('F');
    h.client.subscribe('X');
    h.socket().open();
    h.socket().receive({
      type: 'error',
      batch_id: 'A',
      data: { error: 'Unknown batch A', code: 'UNKNOWN_BATCH' },
      timestamp: nowIso(),
    });
    expect(h.client.isLive).toBe(true);
    h.socket().receive(jobsMessage(['A', 'F', 'X']));
    expect(h.store.getState().jobOrder).toHaveLength(3);
    h.socket().receive(completedMessage('A', 500));
    expect(h.store.getState().results.A).toMatchObject({ file_count: 500 });
    expect(jobOf(h.store.getState(), 'A')?.state).toBe('completed');
    h.socket().receive({
      type: 'failed',
      batch_id: 'F',
      data: { error: 'Source folder not found', code: 'SOURCE_NOT_FOUND', snapshot: snapshot('F', 1) },
      timestamp: nowIso(),
    });
    expect(h.store.getState().failures.F).toEqual({
      error: 'Source folder not found',
      code: 'SOURCE_NOT_FOUND',
    });
    h.socket().receive({
      type: 'cancelled',
      batch_id: 'X',
      data: { snapshot: snapshot('X', 2) },
      timestamp: nowIso(),
    });
    expect(snapshotOf(h.store.getState(), 'X')?.state).toBe('cancelled');
    // No progress after the end.
    h.socket().receive(progressMessage('A', 9000));
    expect(h.store.getState().snapshots.A?.percentage).toBe(100);
  });

  it('finishes ended jobs from polling (result, failure text) and then stops asking about them', async () => {
    h.client.subscribe('A');
    h.client.subscribe('F');
    h.snapshots.set('A', { ...snapshot('A', 500), state: 'completed', phase: 'done', percentage: 100 });
    h.snapshots.set('F', { ...snapshot('F', 3), state: 'failed' });
    h.jobs.push({
      ...(jobsMessage(['F']) as Extract<ServerMessage, { type: 'jobs_update' }>).data[0]!,
      state: 'failed',
      failure: { error: 'No space left on /mnt/dst', code: 'NO_SPACE' },
    });
    h.socket().fail();
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.store.getState().results.A).toMatchObject({ file_count: 500 });
    expect(h.store.getState().failures.F).toEqual({ error: 'No space left on /mnt/dst', code: 'NO_SPACE' });
    expect(jobOf(h.store.getState(), 'F')?.state).toBe('failed');
    h.socket().fail();
    const calls = h.api.getSnapshot.mock.calls.length;
    await vi.advanceTimersByTimeAsync(3000);
    expect(h.api.getSnapshot).toHaveBeenCalledTimes(calls);
    expect(h.api.listJobs.mock.calls.length).toBeGreaterThan(1); // the job list keeps refreshing
  });

  it('pings every heartbeat interval and drops a socket that stays silent for two intervals', async () => {
    h.socket().open();
    await vi.advanceTimersByTimeAsync(29_999);
    expect(h.socket().types()).toEqual(['subscribe_jobs']);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.socket().types()).toEqual(['subscribe_jobs', 'ping']);
    // Answered pings keep it alive indefinitely.
    for (let i = 0; i < 5; i++) {
      h.socket().receive({ type: 'pong', timestamp: nowIso() });
      await vi.advanceTimersByTimeAsync(30_000);
    }
    expect(
      h
        .socket()
        .types()
        .filter((t) => t === 'ping'),
    ).toHaveLength(6);
    expect(h.client.isLive).toBe(true);

    // Now the server goes silent: the ping at +30 s is unanswered, at +60 s the socket is dropped.
    h.socket().receive({ type: 'pong', timestamp: nowIso() });
    await vi.advanceTimersByTimeAsync(59_999);
    expect(h.client.isLive).toBe(true);
    expect(h.socket().closedWith).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(h.client.isLive).toBe(false);
    expect(h.socket().closedWith).toBeDefined();
    expect(h.store.getState().connection).toBe('polling');
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.sockets).toHaveLength(2);
  });

  it('stop() closes the socket and clears every timer', async () => {
    h.client.subscribe('A');
    h.socket().open();
    h.socket().fail();
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    await vi.advanceTimersByTimeAsync(1000);
    h.socket().open();
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    const socket = h.socket();
    h.client.stop();
    expect(socket.closedWith).toBeDefined();
    expect(vi.getTimerCount()).toBe(0);
    const calls = h.api.getSnapshot.mock.calls.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.sockets).toHaveLength(2);
    expect(h.api.getSnapshot).toHaveBeenCalledTimes(calls);
  });

  it('polls and keeps retrying when the endpoint cannot be fetched', async () => {
    h.client.stop();
    const store = createAppStore();
    const api = {
      getProgressEndpoint: vi.fn().mockRejectedValueOnce(new Error('no ipc')).mockResolvedValue(ENDPOINT),
      getSnapshot: vi.fn(async () => snapshot('A', 7)),
      getResult: vi.fn(async () => null),
      listJobs: vi.fn(async () => []),
      getWatchState: vi.fn(async () => null),
    };
    const sockets: FakeSocket[] = [];
    const client = new ProgressClient({
      api,
      store,
      log: () => undefined,
      createSocket: (url) => {
        sockets.push(new FakeSocket(url));
        return sockets.at(-1)!;
      },
    });
    await client.start();
    client.subscribe('A');
    expect(store.getState().connection).toBe('polling');
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.getState().snapshots.A?.files_processed).toBe(7);
    expect(sockets).toHaveLength(1);
    sockets[0]!.open();
    expect(store.getState().connection).toBe('live');
    client.stop();
  });
});
