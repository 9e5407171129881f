/** The progress feed: the JobManager's events as progress-protocol messages, in order, and for late subscribers. */
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src-main/config';
import { JobManager } from '../../src-main/jobs/job-manager';
import { JobStore } from '../../src-main/jobs/job-store';
import { JobProgressFeed } from '../../src-main/jobs/progress-feed';
import { ServerMessageSchema, type ServerMessage } from '../../src-shared/progress-protocol';
import { tempDir } from '../helpers/engine';
import { FAKE_ENTRIES, FakeWorkerHost, progress, scanResult } from '../helpers/fake-worker-host';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function startFeed() {
  const data = await tempDir('feed-unit');
  const host = new FakeWorkerHost();
  const manager = new JobManager({
    host,
    entries: FAKE_ENTRIES,
    store: new JobStore(data.path),
    settings: loadConfig({}).jobs,
    concurrency: 1,
  });
  await manager.init();
  const feed = new JobProgressFeed(manager);
  const messages: ServerMessage[] = [];
  feed.on('message', (message) => messages.push(message));
  cleanups.push(async () => {
    await manager.shutdown();
    await data.cleanup();
  });
  return { manager, host, feed, messages };
}

describe('JobProgressFeed', () => {
  it('publishes every change of a job as the wire messages, in order', async () => {
    const { manager, host, messages } = await startFeed();
    const job = manager.startScan('/shows/a');
    const worker = host.workerOf(job.batch_id);
    worker.say({ type: 'progress', progress: progress({ percentage: 30 }) });
    worker.complete(scanResult('/shows/a'));
    await manager.whenEnded(job.batch_id);

    expect(messages.map((message) => message.type)).toEqual([
      'progress', // queued
      'jobs_update',
      'progress', // running
      'jobs_update',
      'progress', // 30 %
      'completed',
      'jobs_update',
    ]);
    expect(messages.map((message) => ServerMessageSchema.safeParse(message).success)).not.toContain(false);
    expect(messages[0]).toMatchObject({ batch_id: job.batch_id, data: { state: 'queued' } });
    expect(messages[4]).toMatchObject({ data: { state: 'running', percentage: 30 } });
    expect(messages[5]).toMatchObject({
      batch_id: job.batch_id,
      data: { result: { kind: 'scan', file_count: 3 }, snapshot: { state: 'completed', percentage: 100 } },
    });
    expect(messages[6]).toMatchObject({ data: [{ batch_id: job.batch_id, state: 'completed' }] });
  });

  it('brings a late subscriber up to date: the snapshot while running, the terminal message after', async () => {
    const { manager, host, feed } = await startFeed();
    expect(feed.latestMessage('no-such-job')).toBeUndefined();
    const job = manager.startScan('/shows/a');
    const worker = host.workerOf(job.batch_id);
    worker.say({ type: 'progress', progress: progress({ percentage: 55 }) });
    expect(feed.latestMessage(job.batch_id)).toMatchObject({ type: 'progress', data: { percentage: 55 } });
    worker.exit({ code: null, signal: 'SIGKILL' });
    await manager.whenEnded(job.batch_id);
    expect(feed.latestMessage(job.batch_id)).toMatchObject({
      type: 'failed',
      data: { code: 'WORKER_CRASHED', snapshot: { percentage: 55 } },
    });
    expect(feed.jobsMessage()).toMatchObject({ type: 'jobs_update', data: manager.listJobs() });
  });

  it('publishes a cancelled queued job as cancelled, then the new list', async () => {
    const { manager, messages } = await startFeed();
    manager.startScan('/shows/a');
    const queued = manager.startScan('/shows/b');
    messages.length = 0;
    manager.cancel(queued.batch_id);
    expect(messages.map((message) => message.type)).toEqual(['cancelled', 'jobs_update']);
  });
});
