/**
 * The JobManager as a queue over records, with fake worker processes (the WorkerHost boundary) and a real
 * JobStore in a temp folder: concurrency, cancel (queued and running), kill after the grace period, an invalid
 * message, a crash, recovery by owner, and the record on disk at each end.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolve } from 'node:path';
import { TransferRequestSchema, type TransferRequest } from '../../src-shared/jobs';
import { loadConfig } from '../../src-main/config';
import { JobManager, type JobManagerOptions } from '../../src-main/jobs/job-manager';
import { claimOwner, releaseOwner } from '../../src-main/jobs/job-owner';
import { queuedRecord } from '../../src-main/jobs/job-records';
import { JobStore } from '../../src-main/jobs/job-store';
import { tempDir } from '../helpers/engine';
import { FAKE_ENTRIES, FakeWorkerHost, progress, scanResult } from '../helpers/fake-worker-host';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  vi.useRealTimers();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A manager over fake workers and a fresh data folder. */
async function startManager(options: Partial<JobManagerOptions> = {}, dataDir?: string) {
  const data = dataDir ? { path: dataDir, cleanup: async () => undefined } : await tempDir('manager-unit');
  const host = new FakeWorkerHost();
  const store = new JobStore(data.path);
  await store.prepare();
  const settings = loadConfig({}).jobs;
  const manager = new JobManager({
    host,
    entries: FAKE_ENTRIES,
    store,
    settings,
    concurrency: 2,
    ...options,
  });
  await manager.init();
  cleanups.push(async () => {
    await manager.shutdown();
    await data.cleanup();
  });
  return { manager, host, store, settings, dataDir: data.path };
}

/** A copy request with the defaults the app sends. */
function copyRequest(sources: string[], destination: string): TransferRequest {
  return TransferRequestSchema.parse({
    sources,
    destination,
    policy: 'skip',
    verify: false,
    checksum_file: false,
  });
}

/** Lets queued microtasks (a fake worker's answers) and pending I/O callbacks run. */
const settle = (): Promise<void> => new Promise((done) => setImmediate(done));

describe('JobManager over fake workers', () => {
  it('runs at most `concurrency` jobs, queues the rest, and starts the next when one ends', async () => {
    const { manager, host, store, settings } = await startManager({ concurrency: 2 });
    const [a, b, c] = ['/shows/a', '/shows/b', '/shows/c'].map((root) => manager.startScan(root));
    expect(host.workers).toHaveLength(2);
    expect([a, b, c].map((job) => manager.getJob(job!.batch_id)?.state)).toEqual([
      'running',
      'running',
      'queued',
    ]);
    expect(manager.getSnapshot(c!.batch_id)).toMatchObject({ state: 'queued', phase: 'queued' });
    // The spec is the job's own fields plus the scan settings from config, untouched.
    expect(host.workerOf(a!.batch_id).spec).toEqual({
      ...settings.scan,
      kind: 'scan',
      batch_id: a!.batch_id,
      root: resolve('/shows/a'),
      tree_path: store.treePath(a!.batch_id),
      previous: null,
    });

    host.workerOf(a!.batch_id).complete(scanResult('/shows/a'));
    expect((await manager.whenEnded(a!.batch_id)).info.state).toBe('completed');
    expect(manager.getJob(c!.batch_id)?.state).toBe('running');
    expect(host.workers).toHaveLength(3);

    host.workerOf(b!.batch_id).complete(scanResult('/shows/b'));
    host.workerOf(c!.batch_id).complete(scanResult('/shows/c'));
    await Promise.all([b, c].map((job) => manager.whenEnded(job!.batch_id)));
    const saved = await store.loadAll();
    expect(saved.map((record) => record.info.state)).toEqual(['completed', 'completed', 'completed']);
    expect(saved.find((record) => record.info.batch_id === c!.batch_id)?.snapshot).toMatchObject({
      phase: 'done',
      percentage: 100,
    });
  });

  it('gives the next scan of a root the previous one for its estimate', async () => {
    const { manager, host } = await startManager();
    const first = manager.startScan('/shows/a');
    host.workerOf(first.batch_id).complete(scanResult('/shows/a', 42));
    await manager.whenEnded(first.batch_id);
    const again = manager.startScan('/shows/a');
    expect(host.workerOf(again.batch_id).spec).toMatchObject({
      previous: { file_count: 42, directory_count: 1 },
    });
  });

  it('cancels a queued job without ever starting a worker for it', async () => {
    const { manager, host, store } = await startManager({ concurrency: 1 });
    const running = manager.startScan('/shows/a');
    const queued = manager.startScan('/shows/b');
    expect(manager.cancel(queued.batch_id)).toBe(true);
    const record = await manager.whenEnded(queued.batch_id);
    expect(record.info).toMatchObject({ state: 'cancelled', started_at: null });
    expect(manager.cancel(queued.batch_id)).toBe(false);

    host.workerOf(running.batch_id).complete(scanResult('/shows/a'));
    await manager.whenEnded(running.batch_id);
    await settle();
    expect(host.workers).toHaveLength(1);
    const onDisk = (await store.loadAll()).find((saved) => saved.info.batch_id === queued.batch_id);
    expect(onDisk?.info.state).toBe('cancelled');
  });

  it('cancels a running job: the worker is told, and the job ends when it says cancelled', async () => {
    const { manager, host } = await startManager({ cancelGraceMs: 20 });
    const job = manager.startScan('/shows/a');
    const worker = host.workerOf(job.batch_id);
    expect(manager.cancel(job.batch_id)).toBe(true);
    expect(worker.receivedTypes()).toEqual(['start', 'cancel']);
    const record = await manager.whenEnded(job.batch_id);
    expect(record.info).toMatchObject({ state: 'cancelled', failure: null });
    // It stopped by itself: the kill after the grace period never comes.
    await new Promise((done) => setTimeout(done, 60));
    expect(worker.killed).toBe(false);
    expect(manager.workerPid(job.batch_id)).toBeUndefined();
  });

  it('kills a worker that does not stop within the grace period, and the job ends cancelled', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { manager, host } = await startManager({ cancelGraceMs: 500 });
    const job = manager.startScan('/shows/a');
    const worker = host.workerOf(job.batch_id);
    worker.onCancel = 'ignore'; // stuck in a system call
    manager.cancel(job.batch_id);
    manager.cancel(job.batch_id); // a second cancel sends nothing more and starts no second timer
    expect(worker.receivedTypes()).toEqual(['start', 'cancel']);
    vi.advanceTimersByTime(499);
    expect(worker.killed).toBe(false);
    expect(manager.getJob(job.batch_id)?.state).toBe('running');
    vi.advanceTimersByTime(1);
    expect(worker.killed).toBe(true);
    const record = await manager.whenEnded(job.batch_id);
    expect(record.info).toMatchObject({ state: 'cancelled', failure: null });
  });

  it('fails a job whose worker sends an invalid message, kills the worker, and runs the next job', async () => {
    const { manager, host } = await startManager({ concurrency: 1 });
    const bad = manager.startScan('/shows/a');
    const next = manager.startScan('/shows/b');
    const worker = host.workerOf(bad.batch_id);
    worker.send({ type: 'progress', progress: { percentage: 'lots' } });
    const record = await manager.whenEnded(bad.batch_id);
    expect(record.info.state).toBe('failed');
    expect(record.info.failure?.code).toBe('INTERNAL_ERROR');
    expect(record.info.failure?.error).toMatch(/^The worker sent an invalid message: /);
    expect(worker.killed).toBe(true);
    await settle();
    expect(manager.getJob(next.batch_id)?.state).toBe('running');
  });

  it('fails a job whose worker dies mid-job as WORKER_CRASHED, keeping what it had reported', async () => {
    const { manager, host } = await startManager();
    const victim = manager.startScan('/shows/a');
    const survivor = manager.startScan('/shows/b');
    const worker = host.workerOf(victim.batch_id);
    worker.say({ type: 'progress', progress: progress({ percentage: 40, files_processed: 12 }) });
    worker.exit({ code: null, signal: 'SIGKILL' });
    const record = await manager.whenEnded(victim.batch_id);
    expect(record.info.state).toBe('failed');
    expect(record.info.failure?.code).toBe('WORKER_CRASHED');
    expect(record.info.failure?.error).toContain(
      `The scan worker for ${resolve('/shows/a')} was killed by SIGKILL`,
    );
    expect(record.snapshot).toMatchObject({ percentage: 40, files_processed: 12, state: 'failed' });
    // The others carry on.
    host.workerOf(survivor.batch_id).complete(scanResult('/shows/b'));
    expect((await manager.whenEnded(survivor.batch_id)).info.state).toBe('completed');
  });

  it("says why the host says a worker died (Electron's child-process-gone reason)", async () => {
    const { manager, host } = await startManager();
    const job = manager.startScan('/shows/a');
    host.workerOf(job.batch_id).exit({ code: 9, signal: null, reason: 'oom' });
    const record = await manager.whenEnded(job.batch_id);
    expect(record.info.failure?.error).toContain('ran out of memory (oom, exit code 9) before finishing');
  });

  it('never moves the bar backwards on a late or reordered message', async () => {
    const { manager, host } = await startManager();
    const job = manager.startScan('/shows/a');
    const worker = host.workerOf(job.batch_id);
    worker.say({ type: 'progress', progress: progress({ percentage: 50 }) });
    worker.say({ type: 'progress', progress: progress({ percentage: 30, files_processed: 9 }) });
    expect(manager.getSnapshot(job.batch_id)).toMatchObject({ percentage: 50, files_processed: 9 });
  });

  it('hands the prewarmed worker to the first job of its kind', async () => {
    const { manager, host } = await startManager();
    manager.prewarm('scan');
    expect(host.workers.map((worker) => worker.serviceName)).toEqual(['wrangle-scan-spare']);
    const job = manager.startScan('/shows/a');
    expect(host.workers).toHaveLength(1);
    expect(host.workerOf(job.batch_id)).toBe(host.workers[0]);
  });

  it('pauses and resumes a copy, passes the transfer settings on, and never pauses a scan', async () => {
    const { manager, host, store, settings } = await startManager();
    const request = copyRequest(['/shows/a'], '/backup');
    const copy = manager.startTransfer('copy', request);
    const scan = manager.startScan('/shows/b');
    expect(host.workerOf(copy.batch_id).spec).toMatchObject({
      ...settings.transfer,
      kind: 'copy',
      sources: [resolve('/shows/a')],
      report_path: store.reportPath(copy.batch_id),
      retry_report: null,
    });
    expect(manager.pause(copy.batch_id)).toBe(true);
    expect(manager.resume(copy.batch_id)).toBe(true);
    expect(host.workerOf(copy.batch_id).receivedTypes()).toEqual(['start', 'pause', 'resume']);
    expect(manager.pause(scan.batch_id)).toBe(false);
  });

  it('sends a worker its messages in order', async () => {
    const { manager, host } = await startManager();
    const copy = manager.startTransfer('copy', copyRequest(['/a'], '/b'));
    manager.pause(copy.batch_id);
    manager.cancel(copy.batch_id);
    expect(host.workerOf(copy.batch_id).receivedTypes()).toEqual(['start', 'pause', 'cancel']);
  });

  it('on shutdown cancels queued and running jobs, waits for them, and takes no more', async () => {
    const { manager, host } = await startManager({ concurrency: 1 });
    manager.prewarm('verify');
    const running = manager.startScan('/shows/a');
    const queued = manager.startScan('/shows/b');
    await manager.shutdown();
    expect(manager.getJob(running.batch_id)?.state).toBe('cancelled');
    expect(manager.getJob(queued.batch_id)?.state).toBe('cancelled');
    expect(host.workers.find((worker) => worker.serviceName === 'wrangle-verify-spare')?.killed).toBe(true);
    expect(() => manager.startScan('/shows/c')).toThrow(/shutting down/);
  });

  it('recovers only unfinished jobs whose owner is gone', async () => {
    const data = await tempDir('manager-unit-owners');
    const store = new JobStore(data.path);
    const live = claimOwner();
    cleanups.push(async () => {
      releaseOwner(live);
      await data.cleanup();
    });
    const gone = claimOwner();
    releaseOwner(gone);
    await store.save(queuedRecord('of-a-live-engine', 'scan', '/x', null, null, null, live));
    await store.save(queuedRecord('of-a-gone-engine', 'scan', '/y', null, null, null, gone));
    const { manager } = await startManager({}, data.path);
    expect(manager.getJob('of-a-live-engine')).toBeUndefined();
    expect(manager.getJob('of-a-gone-engine')).toMatchObject({
      state: 'failed',
      failure: { code: 'INTERRUPTED' },
    });
    expect((await store.loadAll()).find((r) => r.info.batch_id === 'of-a-live-engine')?.info.state).toBe(
      'queued',
    );
  });
});
