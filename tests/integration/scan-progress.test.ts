/** Progress snapshots (throttle, honesty, estimates) and cancel, on a tree big enough to take a while. */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanResultSchema, type WorkerProgress } from '../../src-shared/jobs';
import { runScanWorker, scanSpec, startScanWorker, type ScanWorkerRun } from '../helpers/scan-worker-client';
import { buildWideTree, makeTempDir, wideTreeFileCount } from '../helpers/trees';

const THROTTLE_MS = 50;
const DIRS = 400;
const FILES_PER_DIR = 150;
const FILES = wideTreeFileCount(DIRS, FILES_PER_DIR);

function progressOf(run: ScanWorkerRun): WorkerProgress[] {
  return run.messages.flatMap(({ message }) => (message.type === 'progress' ? [message.progress] : []));
}

describe('scan progress and cancel', () => {
  let dir: string;
  let root: string;

  beforeAll(() => {
    dir = makeTempDir('scan-progress');
    root = join(dir, 'SHOW');
    buildWideTree(root, DIRS, FILES_PER_DIR);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('throttles snapshots, only rises, stays below 100 until the final outcome (tree estimate)', async () => {
    // Paced so the walk spans many throttle intervals however fast the machine: unpaced, a warm cache
    // can finish it between two ticks, after a snapshot that has seen folders but no files yet.
    const { terminal, run } = await runScanWorker(
      scanSpec(root, join(dir, 'tree.json'), { throttle_ms: THROTTLE_MS, max_dirs_per_second: 1000 }),
    );
    if (terminal.type !== 'completed') throw new Error(`scan did not complete: ${JSON.stringify(terminal)}`);
    const snapshots = progressOf(run);
    expect(snapshots.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < snapshots.length; i++) {
      const gap =
        (snapshots[i] as WorkerProgress).emitted_at - (snapshots[i - 1] as WorkerProgress).emitted_at;
      expect(gap).toBeGreaterThanOrEqual(THROTTLE_MS - 5);
      expect((snapshots[i] as WorkerProgress).percentage).toBeGreaterThanOrEqual(
        (snapshots[i - 1] as WorkerProgress).percentage,
      );
    }
    for (const snapshot of snapshots) {
      expect(snapshot.percentage).toBeLessThan(100);
      expect(snapshot.estimate).toBe('tree');
      expect(['walking', 'finalizing']).toContain(snapshot.phase);
      if (snapshot.current_file !== null) {
        expect(snapshot.current_file.startsWith(root + '/')).toBe(true);
        expect(existsSync(snapshot.current_file)).toBe(true);
      }
    }
    expect(snapshots[0]?.phase).toBe('walking');
    expect(snapshots.some((s) => s.files_processed > 0 && s.rate.files_per_second > 0)).toBe(true);
    expect(terminal.progress.percentage).toBe(100);
    expect(terminal.progress.files_processed).toBe(FILES);
    const result = ScanResultSchema.parse(terminal.result);
    expect(result.file_count).toBe(FILES);
    // Hard links count once per path, like find.
    expect(result.total_size).toBe(FILES * 3);
  });

  it('uses the previous scan for a history estimate', async () => {
    const previous = { file_count: FILES, directory_count: DIRS + 10 };
    const { terminal, run } = await runScanWorker(scanSpec(root, join(dir, 'tree2.json'), { previous }));
    if (terminal.type !== 'completed') throw new Error(`scan did not complete: ${JSON.stringify(terminal)}`);
    const snapshots = progressOf(run);
    expect(snapshots.length).toBeGreaterThanOrEqual(1);
    let last = 0;
    for (const snapshot of snapshots) {
      expect(snapshot.estimate).toBe('history');
      expect(snapshot.percentage).toBeGreaterThanOrEqual(last);
      expect(snapshot.percentage).toBeLessThanOrEqual(99);
      // History percentage is the share of last time's entries seen so far.
      const expected =
        ((snapshot.files_processed + snapshot.dirs_processed) /
          (previous.file_count + previous.directory_count)) *
        100;
      expect(snapshot.percentage).toBeLessThanOrEqual(Math.min(99, expected) + 0.1);
      last = snapshot.percentage;
    }
    expect(terminal.progress.percentage).toBe(100);
    expect(terminal.progress.estimate).toBe('history');
  });

  it('stops promptly on cancel and the process exits', async () => {
    // Paced (gentle mode), so the walk cannot finish before the cancel lands, however fast the machine is.
    const run = startScanWorker(scanSpec(root, join(dir, 'tree3.json'), { max_dirs_per_second: 100 }));
    // Wait until walker threads are busy, so the cancel interrupts real work.
    await run.firstProgress;
    while (!progressOf(run).some((p) => p.files_processed > 0) && run.child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const cancelledAt = Date.now();
    run.cancel();
    const terminal = await run.terminal;
    const latency = Date.now() - cancelledAt;
    expect(terminal.type).toBe('cancelled');
    const seen = progressOf(run).at(-1)?.files_processed ?? 0;
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThan(FILES);
    console.info(`cancel latency ${latency} ms after ${seen} files`);
    expect(latency).toBeLessThan(500);
    expect(await run.exited).toBe(0);
    expect(existsSync(join(dir, 'tree3.json'))).toBe(false);
  });
});
