/** Bandwidth limit, pause and cancel act inside one big file; skipped files cost no bandwidth. */
import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerProgress } from '../../src-shared/jobs';
import type { WorkerMessage } from '../../src-shared/worker-protocol';
import {
  completedResult,
  startTransferWorker,
  transferSpec,
  type TransferWorkerRun,
} from '../helpers/transfer-worker-client';
import { bigFile, tempEntries, useTransferCases } from '../helpers/transfer-cases';
import { killWorkers, sleep, waitFor, within } from '../helpers/transfer-cli';

const MiB = 1024 * 1024;

/** The latest progress snapshot of `run` (throws when there is none yet). */
function latest(run: TransferWorkerRun): WorkerProgress {
  const all = run.progress();
  if (all.length === 0) throw new Error('no progress yet');
  return all[all.length - 1]!;
}

/** When (local time) the first progress message matching `test` arrived. */
function arrivalOf(run: TransferWorkerRun, test: (p: WorkerProgress) => boolean): Promise<number> {
  return waitFor(
    () => run.messages.find(({ message }) => message.type === 'progress' && test(message.progress))?.at,
    10_000,
    'a matching progress snapshot',
    2,
  );
}

/** Send cancel to `run`, then wait for its terminal message (5 s at most) and for it to exit. */
async function cancelAndWait(run: TransferWorkerRun): Promise<WorkerMessage> {
  run.send('cancel');
  const terminal = await within(run.terminal, 5000, 'the terminal message after cancel');
  await run.exited;
  return terminal;
}

/** When the terminal message arrived, and what it was. */
function terminalArrival(run: TransferWorkerRun): { at: number; message: WorkerMessage } | undefined {
  return run.messages.find(({ message }) => ['completed', 'failed', 'cancelled'].includes(message.type));
}

describe('transfer controls', () => {
  const { dir, freshCase } = useTransferCases('transfer-controls');
  let plate200: string;
  let plate400: string;
  const runs: TransferWorkerRun[] = [];

  /** Start a worker and remember it, so afterEach kills it whatever happens. */
  const start = (...args: Parameters<typeof startTransferWorker>): TransferWorkerRun => {
    const run = startTransferWorker(...args);
    runs.push(run);
    return run;
  };

  beforeAll(() => {
    plate200 = join(dir(), 'plate200.mov');
    plate400 = join(dir(), 'plate400.mov');
    bigFile(plate200, 200);
    bigFile(plate400, 400);
  });
  // Runs before the case folders are removed (after-hooks run in reverse order).
  afterEach(() => killWorkers(runs));

  describe.each(['rename', 'auto'] as const)('publish %s', (publish) => {
    // With rename the file being written is visible under its temporary name; with auto only progress tells.
    const visible = publish === 'rename';

    /** lstat size of the one temporary file in `destination`, or null when there is none. */
    const tempSize = (destination: string): number | null => {
      const temps = tempEntries(destination);
      if (temps.length !== 1) return null;
      try {
        return lstatSync(join(destination, temps[0]!)).size;
      } catch {
        return null;
      }
    };

    /** Start a worker copying `plate` into a fresh case's `dst`, at `bytesPerSecond` at most. */
    const startPlateCopy = (
      plate: string,
      bytesPerSecond: number,
    ): { run: TransferWorkerRun; destination: string } => {
      const work = freshCase().root;
      const destination = join(work, 'dst');
      const spec = transferSpec('copy', [plate], destination, join(work, 'report.json'), {
        max_bytes_per_second: bytesPerSecond,
        publish,
      });
      return { run: start(spec), destination };
    };

    it('keeps to the bandwidth limit inside one 200 MB file, and a cancel leaves nothing', async () => {
      const limit = 25_000_000;
      const { run, destination } = startPlateCopy(plate200, limit);
      const copyingAt = await arrivalOf(run, (p) => p.phase === 'copying');
      await sleep(copyingAt + 2000 - Date.now());
      // Measured now, so the bound is generous to the snapshot (emitted a little earlier).
      const elapsed = (Date.now() - copyingAt) / 1000;
      const bound = limit * elapsed * 1.15 + 4 * MiB;
      const temps = tempEntries(destination);
      const snapshot = latest(run);
      expect(snapshot.bytes_processed, `bytes after ${elapsed}s`).toBeLessThanOrEqual(bound);
      expect(snapshot.bytes_processed).toBeGreaterThan(0);
      if (visible) {
        expect(temps, 'the file in flight, under its temporary name').toHaveLength(1);
        expect(lstatSync(join(destination, temps[0]!)).size).toBeLessThanOrEqual(bound);
      }

      const terminal = await cancelAndWait(run);
      expect(terminal.type).toBe('cancelled');
      expect(tempEntries(destination)).toEqual([]);
      expect(existsSync(join(destination, 'plate200.mov'))).toBe(false);
    }, 30_000);

    it('pauses inside one 400 MB file, resumes, and cancels within a second', async () => {
      const { run, destination } = startPlateCopy(plate400, 50_000_000);
      const copyingAt = await arrivalOf(run, (p) => p.phase === 'copying');
      await sleep(copyingAt + 500 - Date.now());
      run.send('pause');
      await sleep(250);

      // For a second, nothing moves: neither the reported bytes nor the file being written.
      const samples: { bytes: number; phase: string; temp: number | null }[] = [];
      for (let i = 0; i < 10; i++) {
        const snapshot = latest(run);
        samples.push({ bytes: snapshot.bytes_processed, phase: snapshot.phase, temp: tempSize(destination) });
        await sleep(100);
      }
      const first = samples[0]!;
      expect(samples.map((s) => s.phase)).toEqual(samples.map(() => 'paused'));
      expect(samples.map((s) => s.bytes)).toEqual(samples.map(() => first.bytes));
      // The pause landed inside the file, not after it.
      expect(first.bytes).toBeLessThan(400 * MiB);
      if (visible) {
        expect(first.temp, 'the paused file, under its temporary name').not.toBeNull();
        expect(samples.map((s) => s.temp)).toEqual(samples.map(() => first.temp));
      }

      run.send('resume');
      await waitFor(
        () => latest(run).bytes_processed > first.bytes,
        5000,
        `bytes to grow past ${first.bytes} after resume`,
      );
      if (visible) {
        await waitFor(() => (tempSize(destination) ?? 0) > (first.temp ?? 0), 5000, 'the temp file to grow');
      }

      const cancelledAt = Date.now();
      const terminal = await cancelAndWait(run);
      expect(terminal.type).toBe('cancelled');
      expect(terminalArrival(run)!.at - cancelledAt).toBeLessThan(1000);
      expect(tempEntries(destination)).toEqual([]);
      expect(existsSync(join(destination, 'plate400.mov'))).toBe(false);
    }, 30_000);
  });

  it('skipped files cost no bandwidth: a re-run of 120 MB under a 10 MB/s limit is quick', async () => {
    const work = freshCase().root;
    const shot = join(work, 'SH050');
    mkdirSync(shot);
    const size = 10_000_000;
    for (let i = 0; i < 12; i++) writeFileSync(join(shot, `plate${i}.mov`), randomBytes(size));
    const destination = join(work, 'dst');
    const first = start(transferSpec('copy', [shot], destination, join(work, 'report-1.json')));
    const firstTerminal = await within(first.terminal, 20_000, 'the first (unlimited) copy');
    expect(completedResult(firstTerminal).files_copied).toBe(12);
    await first.exited;

    const startedAt = Date.now();
    const run = start(
      transferSpec('copy', [shot], destination, join(work, 'report-2.json'), {
        max_bytes_per_second: 10_000_000,
      }),
    );
    // Throttled, the 120 MB would take 12 s; skipped, they take no time at all.
    const terminal = await within(run.terminal, 20_000, 'the re-run');
    const elapsed = Date.now() - startedAt;
    const result = completedResult(terminal);
    const final = terminal.type === 'completed' ? [terminal.progress] : [];
    const rates = [...run.progress(), ...final].map((p) => p.rate?.bytes_per_second ?? 0);
    // Soft, so one run shows every way skipped bytes are miscounted.
    expect.soft(elapsed, 'skipped bytes must not be throttled').toBeLessThan(6000);
    expect.soft(result.files_skipped).toBe(12);
    expect.soft(result.bytes_skipped).toBe(12 * size);
    expect
      .soft(Math.max(0, ...rates), 'skipped bytes must not inflate the rate')
      .toBeLessThanOrEqual(20_000_000);
  }, 40_000);
});
