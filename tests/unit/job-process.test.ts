/** JobProcess: one worker's messages in and out, stop then kill, and what its exit means for the job. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JobProcess, type JobMessage } from '../../src-main/jobs/job-process';
import { FakeWorker, progress, scanResult } from '../helpers/fake-worker-host';

/** A JobProcess over a fake worker, recording what it reports, in order. */
function wrap(graceMs = 1_000) {
  const worker = new FakeWorker('/fake/scan-worker.cjs', 'wrangle-scan-test', 1);
  const job = new JobProcess(worker, { graceMs, describeCrash: (exit) => `crashed: ${exit.signal}` });
  const events: (JobMessage | 'exit')[] = [];
  job.on('message', (message) => events.push(message));
  job.on('exit', () => events.push('exit'));
  return { worker, job, events };
}

/** Lets a fake worker's queued answers run. */
const answers = (): Promise<void> => new Promise((done) => setImmediate(done));

afterEach(() => {
  vi.useRealTimers();
});

describe('JobProcess', () => {
  it('passes valid messages on and ends the job once, with the worker’s own ending', () => {
    const { worker, events } = wrap();
    worker.say({ type: 'progress', progress: progress({ percentage: 10 }) });
    worker.complete(scanResult('/a'));
    // After its end, the worker's words no longer count, not even invalid ones.
    worker.send({ type: 'nonsense' });
    expect(events.map((event) => (event === 'exit' ? event : event.type))).toEqual([
      'progress',
      'completed',
      'exit',
    ]);
    expect(worker.killed).toBe(false);
  });

  it('ends the job as failed for an invalid message and kills the worker', async () => {
    const { worker, events } = wrap();
    worker.send({ type: 'progress' });
    expect(events).toEqual([
      expect.objectContaining({ type: 'failed', code: 'INTERNAL_ERROR', error: expect.any(String) }),
    ]);
    expect(worker.killed).toBe(true);
    await answers();
    expect(events.at(-1)).toBe('exit');
    expect(events).toHaveLength(2);
  });

  it('ends the job as WORKER_CRASHED with the crash text when the worker dies unasked', () => {
    const { worker, events } = wrap();
    worker.exit({ code: null, signal: 'SIGSEGV' });
    expect(events).toEqual([{ type: 'failed', code: 'WORKER_CRASHED', error: 'crashed: SIGSEGV' }, 'exit']);
  });

  it('ends a stopped job as cancelled, even when the worker dies without saying so', () => {
    const { worker, job, events } = wrap();
    worker.onCancel = 'ignore';
    job.stop();
    worker.exit({ code: 1, signal: null });
    expect(events).toEqual([{ type: 'cancelled' }, 'exit']);
  });

  it('sends cancel once, numbers every message, and kills only after the grace period', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { worker, job } = wrap(300);
    worker.onCancel = 'ignore';
    job.start({
      kind: 'verify',
      batch_id: 'b',
      root: '/a',
      record: false,
      report_path: '/r',
      throttle_ms: 50,
      max_bytes_per_second: 0,
    });
    job.send({ type: 'pause' });
    job.stop();
    job.stop();
    expect(worker.received).toEqual([
      expect.objectContaining({ type: 'start' }),
      { type: 'pause' },
      { type: 'cancel' },
    ]);
    vi.advanceTimersByTime(299);
    expect(worker.killed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(worker.killed).toBe(true);
  });

  it('does not kill a stopped worker that ended within the grace period', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { worker, job, events } = wrap(300);
    job.stop();
    await answers();
    expect(events).toEqual([expect.objectContaining({ type: 'cancelled' }), 'exit']);
    vi.advanceTimersByTime(1_000);
    expect(worker.killed).toBe(false);
  });
});
