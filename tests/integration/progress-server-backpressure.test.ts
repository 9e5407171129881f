/** Slow consumers, coalescing, and stop/start on the same port, over real sockets. */
import { describe, expect, it } from 'vitest';
import { useProgressServer } from '../helpers/progress-server-fixture';
import { ProgressServer } from '../../src-main/progress/progress-server';
import { CloseCodes, PROGRESS_PATH } from '../../src-shared/progress-protocol';
import {
  MemoryFeed,
  RawSlowClient,
  TestClient,
  completedMessage,
  progressMessage,
  testOptions,
} from '../helpers/ws-client';

const fixture = useProgressServer();
const { start, emit } = fixture;

async function connect(s: ProgressServer): Promise<TestClient> {
  const client = await TestClient.connect(s.url);
  fixture.afterTest(() => client.close());
  return client;
}

async function connectSlow(s: ProgressServer): Promise<RawSlowClient> {
  const slow = await RawSlowClient.connect(s.port, `${PROGRESS_PATH}?token=test-token-0123456789`);
  fixture.afterTest(() => slow.destroy());
  return slow;
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('ProgressServer backpressure', () => {
  it('coalesces progress for a client that stops reading, never delays others, never drops the terminal', async () => {
    const s = await start({ slowClientBufferBytes: 64 * 1024 });
    const slow = await connectSlow(s);
    slow.send({ type: 'subscribe', batch_id: 'big' });
    await slow.waitFor((m) => m.type === 'error'); // UNKNOWN_BATCH: nothing published yet
    slow.pause();

    const normal = await connect(s);
    normal.send({ type: 'subscribe', batch_id: 'big' });
    await normal.next('error');

    const total = 4000;
    // ~8.5 KB per message, ~34 MB in all: far more than the kernel's loopback buffers (a few MB) can hide.
    const padding = `/shots/seq/${'x'.repeat(8000)}`;
    let publishMs = 0;
    const took: number[] = [];
    for (let i = 1; i <= total; i++) {
      const message = progressMessage('big', i, `${padding}/${i}.exr`);
      const t0 = performance.now();
      emit(message);
      took.push(performance.now() - t0);
      publishMs += took.at(-1) ?? 0;
      if (i % 10 === 0) await tick(); // a worker's updates arrive spread out, not in one tick
    }
    const done = completedMessage('big', total);
    emit(done);

    // The reading client got every message, in order, and the terminal.
    await normal.next('completed', 10_000);
    const seen = normal.received.filter((m) => m.type === 'progress');
    expect(seen.length).toBe(total);
    expect(seen.at(-1)?.type === 'progress' && seen.at(-1)?.data.files_processed).toBe(total);
    expect(publishMs).toBeLessThan(2000);
    // publish() is a serialize and a few buffer appends; a GC pause may hit one call, not many.
    const p99 = took.sort((a, b) => a - b)[Math.floor(total * 0.99)] ?? 0;
    expect(p99).toBeLessThan(20);

    // The slow client reads again. It gets what was already in the socket buffers before it backed up
    // (a contiguous run 1..K that the kernel held), then no stale backlog, then always the terminal.
    slow.resume();
    await slow.waitFor((m) => m.type === 'completed', 10_000);
    const progress = slow.received.filter((m) => m.type === 'progress');
    const terminal = slow.received.filter((m) => m.type === 'completed');
    expect(terminal).toHaveLength(1);
    expect(slow.received.at(-1)?.type).toBe('completed');
    expect(progress.length).toBeLessThan(total / 4);
    const counts = progress.map((m) => (m.type === 'progress' ? m.data.files_processed : 0));
    const prefix = counts.findIndex((n, i) => n !== i + 1);
    const afterBackup = prefix < 0 ? 0 : counts.length - prefix;
    expect(afterBackup).toBeLessThanOrEqual(2);
    expect(counts).toEqual([...counts].sort((a, b) => a - b)); // never out of order
  });

  it('sends the newest progress once a backed-up client drains', async () => {
    const s = await start({ slowClientBufferBytes: 16 * 1024 });
    const slow = await connectSlow(s);
    slow.send({ type: 'subscribe', batch_id: 'b' });
    await slow.waitFor((m) => m.type === 'error');
    slow.pause();
    const padding = 'y'.repeat(8000);
    for (let i = 1; i <= 3000; i++) {
      emit(progressMessage('b', i, padding));
      if (i % 50 === 0) await tick();
    }
    slow.resume();
    const last = await slow.waitFor((m) => m.type === 'progress' && m.data.files_processed === 3000, 10_000);
    expect(last.type).toBe('progress');
    // Only what the kernel held before the backup, then the newest snapshot, flushed on drain.
    expect(slow.received.at(-1)).toBe(last);
    expect(slow.received.length).toBeLessThan(3000 / 4);
  });
});

describe('ProgressServer stop and start', () => {
  it('closes clients with 1001, is idempotent, and serves again on the same port', async () => {
    const s = await start({ shutdownGraceMs: 300 });
    const port = s.port;
    const a = await connect(s);
    emit(progressMessage('scan', 3));
    a.send({ type: 'subscribe', batch_id: 'scan' });
    await a.next('progress');
    const slow = await connectSlow(s);
    slow.pause(); // never answers the close handshake: cut after the grace period

    const t0 = Date.now();
    await Promise.all([s.stop(), s.stop()]);
    expect(Date.now() - t0).toBeLessThan(2000);
    await s.stop();
    expect((await a.closed).code).toBe(CloseCodes.SHUTDOWN);
    expect(s.clientCount).toBe(0);
    await expect(TestClient.connect(s.url)).rejects.toThrow();

    emit(progressMessage('scan', 9)); // published while down: harmless
    await s.start();
    expect(s.port).toBe(port);
    const b = await connect(s);
    b.send({ type: 'subscribe', batch_id: 'scan' });
    const snap = await b.next();
    expect(snap.type === 'progress' && snap.data.files_processed).toBe(9);
    emit(progressMessage('scan', 10));
    const next = await b.next();
    expect(next.type === 'progress' && next.data.files_processed).toBe(10);
  });

  it('stop() before start() is a no-op', async () => {
    const s = new ProgressServer(new MemoryFeed(), testOptions());
    await s.stop();
    expect(s.clientCount).toBe(0);
  });
});
