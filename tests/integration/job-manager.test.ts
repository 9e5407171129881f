/** The JobManager with real scan worker processes, a real store on disk, and restarts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobStore } from '../../src-main/jobs/job-store';
import { snapshotWhere, startTestEngine, tempDir } from '../helpers/engine';
import { findCensus, makeWideTree } from '../helpers/trees';

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Scans that report early and walk on one thread, so tests can act mid-walk. */
const SLOW_SCAN = { jobs: { scan: { threads: 1, throttle_ms: 10 } } };

describe('JobManager', () => {
  let big: { path: string; cleanup: () => Promise<void> };
  let small: { path: string; cleanup: () => Promise<void> };

  beforeAll(async () => {
    big = await tempDir('big');
    small = await tempDir('small');
    // With one walker thread and a 10 ms throttle, a scan of this is still walking when the test reacts.
    makeWideTree(big.path, 100, 300);
    makeWideTree(small.path, 5, 20, 100);
    // 30,000 files: creating them soon after another test deleted a big tree is 2-5x slower on ext4.
  }, 180_000);

  afterAll(async () => {
    await big.cleanup();
    await small.cleanup();
  });

  it('runs a scan, keeps its snapshot for polling, and keeps the result after a restart', async () => {
    const engine = await startTestEngine();
    const job = engine.manager.startScan(small.path);
    expect(engine.manager.getSnapshot(job.batch_id)).toMatchObject({
      state: 'running',
      phase: 'starting',
      // Not known until the worker reports (a first scan: until its estimate can be trusted).
      percentage: null,
    });
    const record = await engine.manager.whenEnded(job.batch_id);
    expect(record.info.state).toBe('completed');
    const expected = findCensus(small.path, 20);
    expect(record.result).toMatchObject({
      file_count: expected.file_count,
      total_size: expected.total_size,
      directory_count: expected.directory_count,
    });
    expect(engine.manager.getSnapshot(job.batch_id)).toMatchObject({
      state: 'completed',
      percentage: 100,
      phase: 'done',
    });
    await engine.stop();

    const restarted = await startTestEngine({}, engine.dataDir);
    expect(restarted.manager.listJobs().map((j) => j.batch_id)).toContain(job.batch_id);
    expect(restarted.manager.getResult(job.batch_id)).toEqual(record.result);
    expect(await restarted.store.readTree(job.batch_id)).toBeTruthy();
    await restarted.dispose();
  });

  it('queues beyond the concurrency limit and runs the queue to the end', async () => {
    const engine = await startTestEngine({ jobConcurrency: 1 });
    const first = engine.manager.startScan(small.path);
    const second = engine.manager.startScan(small.path);
    expect(engine.manager.getJob(first.batch_id)?.state).toBe('running');
    expect(engine.manager.getJob(second.batch_id)?.state).toBe('queued');
    const [a, b] = await Promise.all([
      engine.manager.whenEnded(first.batch_id),
      engine.manager.whenEnded(second.batch_id),
    ]);
    expect([a.info.state, b.info.state]).toEqual(['completed', 'completed']);
    expect(b.info.started_at! >= a.info.finished_at!).toBe(true);
    await engine.dispose();
  });

  it('uses the previous scan of the same root for the estimate', async () => {
    const engine = await startTestEngine(SLOW_SCAN);
    await engine.manager.whenEnded(engine.manager.startScan(big.path).batch_id);
    const again = engine.manager.startScan(big.path);
    const walking = await snapshotWhere(engine, again.batch_id, (s) => s.phase === 'walking');
    expect(walking.estimate).toBe('history');
    expect((await engine.manager.whenEnded(again.batch_id)).info.state).toBe('completed');
    await engine.dispose();
  });

  it('ends a killed worker as WORKER_CRASHED within a second while other jobs carry on', async () => {
    const engine = await startTestEngine(SLOW_SCAN);
    const victim = engine.manager.startScan(big.path);
    const survivor = engine.manager.startScan(small.path);
    await snapshotWhere(engine, victim.batch_id, (s) => s.phase === 'walking');
    const pid = engine.manager.workerPid(victim.batch_id);
    expect(pid).toBeTypeOf('number');
    const killedAt = Date.now();
    process.kill(pid!, 'SIGKILL');
    const record = await engine.manager.whenEnded(victim.batch_id);
    expect(Date.now() - killedAt).toBeLessThan(1000);
    expect(record.info.state).toBe('failed');
    expect(record.info.failure?.code).toBe('WORKER_CRASHED');
    expect(record.info.failure?.error).toContain(big.path);
    expect((await engine.manager.whenEnded(survivor.batch_id)).info.state).toBe('completed');
    // The host carries on: a new job still runs.
    const after = engine.manager.startScan(small.path);
    expect((await engine.manager.whenEnded(after.batch_id)).info.state).toBe('completed');
    await engine.dispose();
  });

  it('cancels a running scan promptly and ends its worker', async () => {
    const engine = await startTestEngine(SLOW_SCAN);
    const job = engine.manager.startScan(big.path);
    await snapshotWhere(engine, job.batch_id, (s) => s.phase === 'walking');
    const pid = engine.manager.workerPid(job.batch_id)!;
    const cancelledAt = Date.now();
    expect(engine.manager.cancel(job.batch_id)).toBe(true);
    const record = await engine.manager.whenEnded(job.batch_id);
    expect(record.info.state).toBe('cancelled');
    expect(Date.now() - cancelledAt).toBeLessThan(1000);
    await expect.poll(() => processExists(pid), { timeout: 1000 }).toBe(false);
    expect(engine.manager.cancel(job.batch_id)).toBe(false);
    await engine.dispose();
  });

  it('cancels a queued job without starting it', async () => {
    const engine = await startTestEngine({ jobConcurrency: 1 });
    const running = engine.manager.startScan(small.path);
    const queued = engine.manager.startScan(small.path);
    expect(engine.manager.cancel(queued.batch_id)).toBe(true);
    expect((await engine.manager.whenEnded(queued.batch_id)).info).toMatchObject({
      state: 'cancelled',
      started_at: null,
    });
    expect((await engine.manager.whenEnded(running.batch_id)).info.state).toBe('completed');
    await engine.dispose();
  });

  it('marks jobs that were running when the app quit as interrupted', async () => {
    const data = await tempDir('data');
    const now = new Date().toISOString();
    const store = new JobStore(data.path);
    const batch_id = 'left-running';
    await store.save({
      version: 1,
      info: {
        batch_id,
        kind: 'scan',
        root: '/x',
        destination: null,
        state: 'running',
        created_at: now,
        started_at: now,
        finished_at: null,
        failure: null,
        failed_count: 0,
        retry_of: null,
      },
      snapshot: {
        batch_id,
        kind: 'scan',
        root: '/x',
        state: 'running',
        phase: 'walking',
        files_total: null,
        bytes_total: null,
        files_processed: 5,
        dirs_processed: 1,
        bytes_processed: 10,
        errors_count: 0,
        current_file: '/x/a',
        percentage: 12,
        estimate: 'tree',
        rate: { files_per_second: 1, bytes_per_second: 1 },
        eta_ms: null,
        emitted_at: 0,
        updated_at: now,
      },
      result: null,
      transfer: null,
    });
    const engine = await startTestEngine({}, data.path);
    expect(engine.manager.getJob(batch_id)).toMatchObject({
      state: 'failed',
      failure: { code: 'INTERRUPTED' },
    });
    expect(engine.manager.getSnapshot(batch_id)?.percentage).toBe(12);
    await engine.dispose();
    await data.cleanup();
  });
});
