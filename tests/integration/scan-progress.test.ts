/** Progress snapshots (throttle, honesty, estimates) and cancel, on a tree big enough to take a while. */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanResultSchema, type WorkerProgress } from '../../src-shared/jobs';
import { percentRank } from '../helpers/percentages';
import { runScanWorker, scanSpec, startScanWorker, type ScanWorkerRun } from '../helpers/scan-worker-client';
import { buildWideTree, makeTempDir, makeWideTree, wideTreeFileCount } from '../helpers/trees';
import { TRUST_MIN_DIRS } from '../../src-workers/scan/estimate-trust';

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
    // can finish it between two ticks, after a snapshot that has seen folders but no files yet. At 150
    // folders a second it also outlasts the rate's first second and the estimate's trust window.
    const { terminal, run } = await runScanWorker(
      scanSpec(root, join(dir, 'tree.json'), { throttle_ms: THROTTLE_MS, max_dirs_per_second: 150 }),
    );
    if (terminal.type !== 'completed') throw new Error(`scan did not complete: ${JSON.stringify(terminal)}`);
    const snapshots = progressOf(run);
    expect(snapshots.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < snapshots.length; i++) {
      const gap =
        (snapshots[i] as WorkerProgress).emitted_at - (snapshots[i - 1] as WorkerProgress).emitted_at;
      expect(gap).toBeGreaterThanOrEqual(THROTTLE_MS - 5);
      // Not known yet (null) ranks below every number: once a number, never null again.
      expect(percentRank((snapshots[i] as WorkerProgress).percentage)).toBeGreaterThanOrEqual(
        percentRank((snapshots[i - 1] as WorkerProgress).percentage),
      );
    }
    // A first scan starts without a percentage (this tree's estimate drifts, so it may stay so to the end).
    expect(snapshots[0]?.percentage).toBeNull();
    for (const snapshot of snapshots) {
      expect(percentRank(snapshot.percentage)).toBeLessThan(100);
      expect(snapshot.estimate).toBe('tree');
      expect(['walking', 'finalizing']).toContain(snapshot.phase);
      if (snapshot.current_file !== null) {
        expect(snapshot.current_file.startsWith(root + '/')).toBe(true);
        expect(existsSync(snapshot.current_file)).toBe(true);
      }
    }
    expect(snapshots[0]?.phase).toBe('walking');
    // No rate in the first second; then one.
    expect(snapshots[0]?.rate).toBeNull();
    expect(snapshots.some((s) => s.files_processed > 0 && (s.rate?.files_per_second ?? 0) > 0)).toBe(true);
    expect(terminal.progress.percentage).toBe(100);
    expect(terminal.progress.files_processed).toBe(FILES);
    const result = ScanResultSchema.parse(terminal.result);
    expect(result.file_count).toBe(FILES);
    // Hard links count once per path, like find.
    expect(result.total_size).toBe(FILES * 3);
  });

  it('gives a first scan of an even tree a percentage once its estimate holds, and never takes it back', async () => {
    const even = join(dir, 'EVEN');
    // 150 shots of 20 frames: 300 folders at 100 a second, about three seconds, longer than the trust window.
    makeWideTree(even, 150, 20);
    const { terminal, run } = await runScanWorker(
      scanSpec(even, join(dir, 'tree-even.json'), { throttle_ms: THROTTLE_MS, max_dirs_per_second: 100 }),
    );
    if (terminal.type !== 'completed') throw new Error(`scan did not complete: ${JSON.stringify(terminal)}`);
    const percentages = progressOf(run).map((s) => s.percentage);
    const firstKnown = percentages.findIndex((p) => p !== null);
    expect(percentages[0]).toBeNull();
    expect(firstKnown).toBeGreaterThan(0);
    const known = percentages.slice(firstKnown);
    expect(known.every((p) => p !== null && p < 100)).toBe(true);
    expect(known).toEqual([...known].sort((a, b) => (a ?? 0) - (b ?? 0)));
    // Trusted only with enough folders listed.
    expect(progressOf(run)[firstKnown]!.dirs_processed).toBeGreaterThanOrEqual(TRUST_MIN_DIRS);
    expect(terminal.progress.percentage).toBe(100);
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
      // A rescan has its percentage from the first snapshot on.
      if (snapshot.percentage === null) throw new Error('a rescan must always have a percentage');
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
