/** The progress protocol over real sockets: subscriptions, snapshots, heartbeat, errors and limits. */
import { describe, expect, it } from 'vitest';
import { useProgressServer } from '../helpers/progress-server-fixture';
import { CloseCodes, type ServerMessage } from '../../src-shared/progress-protocol';
import { TestClient, completedMessage, jobsMessage, progressMessage } from '../helpers/ws-client';

const fixture = useProgressServer();
const { start, emit } = fixture;

async function connect(): Promise<TestClient> {
  const client = await TestClient.connect(fixture.server?.url ?? '');
  fixture.afterTest(() => client.close());
  return client;
}

/** Ping and wait for the pong: proves every earlier message from the server has arrived. */
async function roundTrip(client: TestClient): Promise<void> {
  client.send({ type: 'ping' });
  await client.next('pong');
}

const files = (m: ServerMessage): number => (m.type === 'progress' ? m.data.files_processed : -1);

describe('ProgressServer protocol', () => {
  it('answers ping with pong', async () => {
    await start();
    const client = await connect();
    client.send({ type: 'ping', timestamp: new Date().toISOString() });
    const pong = await client.next();
    expect(pong.type).toBe('pong');
    expect(Date.parse(pong.timestamp)).toBeGreaterThan(0);
  });

  it('sends each batch only to its subscribers', async () => {
    await start();
    const a = await connect();
    const b = await connect();
    emit(progressMessage('batch-1', 1));
    emit(progressMessage('batch-2', 1));
    a.send({ type: 'subscribe', batch_id: 'batch-1' });
    b.send({ type: 'subscribe', batch_id: 'batch-2' });
    expect(await a.next()).toMatchObject({ type: 'progress', batch_id: 'batch-1' });
    expect(await b.next()).toMatchObject({ type: 'progress', batch_id: 'batch-2' });
    for (let i = 2; i <= 5; i++) {
      emit(progressMessage('batch-1', i));
      emit(progressMessage('batch-2', i * 10));
    }
    await roundTrip(a);
    await roundTrip(b);
    const fromA = a.received.filter((m) => m.type === 'progress');
    const fromB = b.received.filter((m) => m.type === 'progress');
    expect(fromA.map((m) => m.batch_id)).toEqual(Array(5).fill('batch-1'));
    expect(fromA.map(files)).toEqual([1, 2, 3, 4, 5]);
    expect(fromB.map((m) => m.batch_id)).toEqual(Array(5).fill('batch-2'));
  });

  it('stops sending a batch after unsubscribe', async () => {
    await start();
    const client = await connect();
    emit(progressMessage('b', 1));
    client.send({ type: 'subscribe', batch_id: 'b' });
    await client.next('progress');
    emit(progressMessage('b', 2));
    expect(files(await client.next())).toBe(2);
    client.send({ type: 'unsubscribe', batch_id: 'b' });
    await roundTrip(client);
    emit(progressMessage('b', 3));
    emit(completedMessage('b', 3));
    await roundTrip(client);
    expect(client.drain()).toEqual([]);
  });

  it('sends jobs_update to subscribe_jobs clients only, starting with the current list', async () => {
    await start();
    const watcher = await connect();
    const other = await connect();
    emit(jobsMessage(['j1']));
    watcher.send({ type: 'subscribe_jobs' });
    const first = await watcher.next();
    expect(first).toMatchObject({ type: 'jobs_update', data: [{ batch_id: 'j1' }] });
    emit(jobsMessage(['j1', 'j2']));
    const second = await watcher.next();
    expect(second.type === 'jobs_update' && second.data.map((j) => j.batch_id)).toEqual(['j1', 'j2']);
    await roundTrip(other);
    expect(other.received.map((m) => m.type)).toEqual(['pong']);
  });

  it('gives a late subscriber the latest snapshot at once', async () => {
    await start();
    for (let i = 1; i <= 20; i++) emit(progressMessage('late', i));
    const client = await connect();
    client.send({ type: 'subscribe', batch_id: 'late' });
    const snap = await client.next();
    expect(snap.type).toBe('progress');
    expect(files(snap)).toBe(20);
    emit(progressMessage('late', 21));
    expect(files(await client.next())).toBe(21);
  });

  it('gives a subscriber to a finished batch its terminal message', async () => {
    await start();
    emit(progressMessage('done', 5));
    emit(completedMessage('done', 7));
    const client = await connect();
    client.send({ type: 'subscribe', batch_id: 'done' });
    const terminal = await client.next();
    expect(terminal.type).toBe('completed');
    expect(
      terminal.type === 'completed' &&
        terminal.data.result.kind === 'scan' &&
        terminal.data.result.file_count,
    ).toBe(7);
  });

  it('answers a subscribe to an unknown batch with UNKNOWN_BATCH but keeps the subscription', async () => {
    await start();
    const client = await connect();
    client.send({ type: 'subscribe', batch_id: 'future' });
    const reply = await client.next();
    expect(reply).toMatchObject({ type: 'error', batch_id: 'future', data: { code: 'UNKNOWN_BATCH' } });
    emit(progressMessage('future', 1));
    expect(await client.next()).toMatchObject({ type: 'progress', batch_id: 'future' });
  });

  it('replies to bad messages with error codes and keeps the connection', async () => {
    await start();
    const client = await connect();
    const cases: [string, string][] = [
      ['{not json', 'BAD_JSON'],
      ['[1,2]', 'INVALID_MESSAGE'],
      ['"ping"', 'INVALID_MESSAGE'],
      [JSON.stringify({ type: 'shutdown' }), 'UNKNOWN_TYPE'],
      [JSON.stringify({ batch_id: 'x' }), 'UNKNOWN_TYPE'],
      [JSON.stringify({ type: 'subscribe' }), 'INVALID_MESSAGE'],
      [JSON.stringify({ type: 'subscribe', batch_id: '' }), 'INVALID_MESSAGE'],
      [JSON.stringify({ type: 'unsubscribe', batch_id: 42 }), 'INVALID_MESSAGE'],
    ];
    for (const [raw, code] of cases) {
      client.send(raw);
      const reply = await client.next();
      expect(reply.type, raw).toBe('error');
      expect(reply.type === 'error' && reply.data.code, raw).toBe(code);
      expect(reply.type === 'error' && reply.data.error.length, raw).toBeGreaterThan(0);
    }
    const missing = client.received.at(-3);
    expect(missing?.type === 'error' && missing.data.error).toMatch(/batch_id/);
    client.ws.send(Buffer.from('{"type":"ping"}'), { binary: true });
    expect(await client.next()).toMatchObject({ type: 'error', data: { code: 'INVALID_MESSAGE' } });
    await roundTrip(client);
    expect(client.ws.readyState).toBe(client.ws.OPEN);
  });

  it('closes a silent socket with IDLE_TIMEOUT and keeps one that pings', async () => {
    await start({ idleTimeoutMs: 200 });
    const silent = await connect();
    const chatty = await connect();
    const pinger = setInterval(() => chatty.send({ type: 'ping' }), 50);
    try {
      const started = Date.now();
      const closed = await silent.closed;
      expect(closed.code).toBe(CloseCodes.IDLE_TIMEOUT);
      expect(closed.reason).toMatch(/200 ms/);
      expect(Date.now() - started).toBeGreaterThanOrEqual(150);
      await new Promise((r) => setTimeout(r, 400));
      expect(chatty.ws.readyState).toBe(chatty.ws.OPEN);
    } finally {
      clearInterval(pinger);
    }
  });

  it('closes a flooding client with RATE_LIMITED and a reason', async () => {
    const s = await start({ rateLimit: { messagesPerSecond: 10, burst: 20 } });
    const flooder = await connect();
    const calm = await connect();
    for (let i = 0; i < 200; i++) flooder.send({ type: 'ping' });
    const closed = await flooder.closed;
    expect(closed.code).toBe(CloseCodes.RATE_LIMITED);
    expect(closed.reason).toMatch(/rate limit/i);
    expect(flooder.received.filter((m) => m.type === 'pong').length).toBeLessThanOrEqual(25);
    await roundTrip(calm);
    await expect.poll(() => s.clientCount).toBe(1);
  });

  it('closes with 1009 on a frame over maxPayload', async () => {
    await start({ maxPayloadBytes: 1024 });
    const client = await connect();
    client.send({ type: 'subscribe', batch_id: 'x'.repeat(2000) });
    const closed = await client.closed;
    expect(closed.code).toBe(CloseCodes.MESSAGE_TOO_BIG);
  });

  it('sends one identical serialization to every subscriber', async () => {
    await start();
    const a = await connect();
    const b = await connect();
    emit(progressMessage('same', 0));
    a.send({ type: 'subscribe', batch_id: 'same' });
    b.send({ type: 'subscribe', batch_id: 'same' });
    await a.next();
    await b.next();
    const raws: string[][] = [[], []];
    a.ws.on('message', (raw) => raws[0]?.push(String(raw)));
    b.ws.on('message', (raw) => raws[1]?.push(String(raw)));
    emit(progressMessage('same', 1));
    await a.next();
    await b.next();
    expect(raws[0]).toEqual(raws[1]);
  });
});
