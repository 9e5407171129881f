/** Worker → JobManager → ProgressServer → WebSocket client, with real scans of real trees. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchIdOf, type ServerMessage } from '../../src-shared/progress-protocol';
import { startTestEngine, tempDir, type TestEngine } from '../helpers/engine';
import { risingCheck } from '../helpers/percentages';
import { makeWideTree } from '../helpers/trees';
import { TestClient } from '../helpers/ws-client';

async function untilEnd(client: TestClient, batchId: string): Promise<ServerMessage[]> {
  const seen: ServerMessage[] = [];
  for (;;) {
    const message = await client.next(undefined, 20_000);
    seen.push(message);
    if (['completed', 'failed', 'cancelled'].includes(message.type) && batchIdOf(message) === batchId)
      return seen;
  }
}

describe('progress pipeline', () => {
  let engine: TestEngine;
  let treeA: { path: string; cleanup: () => Promise<void> };
  let treeB: { path: string; cleanup: () => Promise<void> };

  beforeAll(async () => {
    treeA = await tempDir('pipe-a');
    treeB = await tempDir('pipe-b');
    makeWideTree(treeA.path, 100, 300, 10);
    makeWideTree(treeB.path, 60, 200, 7);
    engine = await startTestEngine();
  });

  afterAll(async () => {
    await engine.dispose();
    await Promise.all([treeA.cleanup(), treeB.cleanup()]);
  });

  it('keeps two concurrent jobs apart: each client sees only its batch, with rising percentages', async () => {
    const clientA = await TestClient.connect(engine.server.url);
    const clientB = await TestClient.connect(engine.server.url);
    const jobA = engine.manager.startScan(treeA.path);
    const jobB = engine.manager.startScan(treeB.path);
    clientA.send({ type: 'subscribe', batch_id: jobA.batch_id });
    clientB.send({ type: 'subscribe', batch_id: jobB.batch_id });
    const [seenA, seenB] = await Promise.all([
      untilEnd(clientA, jobA.batch_id),
      untilEnd(clientB, jobB.batch_id),
    ]);

    for (const [seen, job, files, bytes] of [
      [seenA, jobA, 30_000, 300_000],
      [seenB, jobB, 12_000, 84_000],
    ] as const) {
      expect(seen.every((message) => batchIdOf(message) === job.batch_id)).toBe(true);
      const percentages = seen.flatMap((m) => (m.type === 'progress' ? [m.data.percentage] : []));
      expect(percentages.length).toBeGreaterThan(0);
      // First scans: not known yet (null) until the estimate can be trusted, then rising numbers.
      const rising = risingCheck(percentages);
      expect(rising.seen).toEqual(rising.sorted);
      expect(Math.max(...rising.seen)).toBeLessThan(100);
      const end = seen.at(-1)!;
      // The whole message, so a failure shows its error rather than only its type.
      expect(end).toMatchObject({ type: 'completed' });
      if (end.type === 'completed') {
        expect(end.data.result).toMatchObject({ root: job.root, file_count: files, total_size: bytes });
        expect(end.data.snapshot.percentage).toBe(100);
      }
    }
    clientA.ws.close();
    clientB.ws.close();
  });

  it('brings a late subscriber up to date, and lists jobs', async () => {
    const job = engine.manager.startScan(treeB.path);
    await engine.manager.whenEnded(job.batch_id);
    const late = await TestClient.connect(engine.server.url);
    late.send({ type: 'subscribe', batch_id: job.batch_id });
    const message = await late.next();
    expect(message).toMatchObject({ type: 'completed', batch_id: job.batch_id });
    late.send({ type: 'subscribe_jobs' });
    const jobs = await late.next('jobs_update');
    expect(jobs.type === 'jobs_update' && jobs.data.map((j) => j.batch_id)).toContain(job.batch_id);
    late.ws.close();
  });

  it('sends a running job’s latest snapshot at once to a client that subscribes mid-scan', async () => {
    const job = engine.manager.startScan(treeA.path);
    const client = await TestClient.connect(engine.server.url);
    client.send({ type: 'subscribe', batch_id: job.batch_id });
    const first = await client.next();
    expect(batchIdOf(first)).toBe(job.batch_id);
    expect(['progress', 'completed']).toContain(first.type);
    await engine.manager.whenEnded(job.batch_id);
    client.ws.close();
  });
});
