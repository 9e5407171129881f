/**
 * The verify job through the JobManager and the real verify worker process: byte-based progress over the
 * WebSocket, pause and resume, and a cancel that lands inside one big file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashBytes, loadHashing } from '../../src-workers/hashing/hasher';
import type { ServerMessage } from '../../src-shared/progress-protocol';
import { snapshotWhere, startTestEngine, tempDir, type TestEngine } from '../helpers/engine';
import { TestClient } from '../helpers/ws-client';

const BIG = 48 * 1024 * 1024;
/** Read limit: the big file takes about three seconds, so the test can act while it is read. */
const RATE = 16 * 1024 * 1024;

describe('verify job', () => {
  let folder: { path: string; cleanup: () => Promise<void> };
  let engine: TestEngine;

  beforeAll(async () => {
    await loadHashing();
    folder = await tempDir('verify-job');
    const big = Buffer.alloc(BIG, 0x5a);
    const lines: string[] = [];
    // Named first so it is read first.
    writeFileSync(join(folder.path, 'a-big.mov'), big);
    lines.push(`${hashBytes('xxh64', big)}  a-big.mov`);
    mkdirSync(join(folder.path, 'frames'));
    for (let frame = 1001; frame <= 1020; frame++) {
      const bytes = Buffer.from(`frame ${frame}`);
      writeFileSync(join(folder.path, 'frames', `beauty.${frame}.exr`), bytes);
      lines.push(`${hashBytes('xxh64', bytes)}  frames/beauty.${frame}.exr`);
    }
    writeFileSync(join(folder.path, 'SHOT.xxh64'), `${lines.join('\n')}\n`);
    engine = await startTestEngine({ jobs: { verify: { throttle_ms: 10, max_bytes_per_second: RATE } } });
  });

  afterAll(async () => {
    await engine.dispose();
    await folder.cleanup();
  });

  it('reports byte-based progress over the WebSocket, with the current file, and completes verified', async () => {
    const client = await TestClient.connect(engine.server.url);
    const job = engine.manager.startVerify({ root: folder.path, record: false });
    expect(job).toMatchObject({ kind: 'verify', root: folder.path, state: 'running' });
    client.send({ type: 'subscribe', batch_id: job.batch_id });
    const seen: ServerMessage[] = [];
    for (;;) {
      const message = await client.next(undefined, 20_000);
      if (message.type === 'jobs_update') continue;
      seen.push(message);
      if (message.type === 'completed' || message.type === 'failed' || message.type === 'cancelled') break;
    }
    await client.close();
    const progress = seen.flatMap((message) => (message.type === 'progress' ? [message.data] : []));
    expect(progress.every((snapshot) => snapshot.kind === 'verify')).toBe(true);
    const reading = progress.filter(
      (snapshot) => snapshot.phase === 'verifying' && snapshot.bytes_processed > 0,
    );
    expect(reading.length).toBeGreaterThan(3);
    expect(reading[0]).toMatchObject({
      estimate: 'bytes',
      files_total: 21,
      bytes_total: BIG + 20 * 'frame 1001'.length,
      current_file: join(folder.path, 'a-big.mov'),
    });
    const percentages = progress.map((snapshot) => snapshot.percentage);
    expect(percentages).toEqual([...percentages].sort((a, b) => a! - b!));
    expect(reading.some(({ percentage }) => percentage !== null && percentage > 0 && percentage < 100)).toBe(
      true,
    );
    expect(reading.some((snapshot) => (snapshot.rate?.bytes_per_second ?? 0) > 0)).toBe(true);
    const end = seen.at(-1)!;
    expect(end.type).toBe('completed');
    if (end.type === 'completed') {
      expect(end.data.snapshot).toMatchObject({ percentage: 100, phase: 'done', state: 'completed' });
      expect(end.data.result).toMatchObject({ kind: 'verify', files_verified: 21, failed_count: 0 });
    }
    expect(engine.manager.getJob(job.batch_id)).toMatchObject({ state: 'completed', failed_count: 0 });
  });

  it('pauses and resumes within the big file', async () => {
    const job = engine.manager.startVerify({ root: folder.path, record: false });
    await snapshotWhere(engine, job.batch_id, (s) => s.phase === 'verifying' && s.bytes_processed > 0);
    expect(engine.manager.pause(job.batch_id)).toBe(true);
    const paused = await snapshotWhere(engine, job.batch_id, (s) => s.phase === 'paused');
    await new Promise((resolve) => setTimeout(resolve, 400));
    const still = engine.manager.getSnapshot(job.batch_id)!;
    expect(still.phase).toBe('paused');
    // At most the chunk in flight when the pause landed.
    expect(still.bytes_processed - paused.bytes_processed).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(still.bytes_processed).toBeLessThan(BIG);
    expect(engine.manager.resume(job.batch_id)).toBe(true);
    const record = await engine.manager.whenEnded(job.batch_id);
    expect(record.info.state).toBe('completed');
    expect(record.result).toMatchObject({ files_verified: 21 });
  });

  it('cancels inside the big file at once, reporting what it checked', async () => {
    const job = engine.manager.startVerify({ root: folder.path, record: true });
    const reading = await snapshotWhere(
      engine,
      job.batch_id,
      (s) => s.phase === 'verifying' && s.bytes_processed > 4 * 1024 * 1024,
    );
    expect(reading.bytes_processed).toBeLessThan(BIG);
    const asked = Date.now();
    expect(engine.manager.cancel(job.batch_id)).toBe(true);
    const record = await engine.manager.whenEnded(job.batch_id);
    const took = Date.now() - asked;
    expect(record.info.state).toBe('cancelled');
    // Well inside the manager's one-second grace before it kills a worker (a killed worker reports nothing).
    expect(took).toBeLessThan(500);
    expect(record.snapshot.bytes_processed).toBeLessThan(BIG);
    // The worker stopped by itself (not killed at the grace period) and said what it had done: nothing
    // recorded, the big file not counted as checked.
    expect(record.result).toMatchObject({
      kind: 'verify',
      files_checked: 0,
      generation: null,
      generation_error: expect.stringMatching(/no generation was recorded/),
    });
  });
});
