/** Gentle mode: a scan keeps to its folder-rate limit, and still cancels at once. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanResultSchema } from '../../src-shared/jobs';
import { runScanWorker, scanSpec, startScanWorker } from '../helpers/scan-worker-client';
import { makeTempDir, makeWideTree } from '../helpers/trees';

describe('a paced scan', () => {
  let dir: string;
  let root: string;

  beforeAll(() => {
    dir = makeTempDir('scan-pacing');
    root = join(dir, 'SHOW');
    makeWideTree(root, 60, 5); // 120 folders below the root
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads no more folders a second than allowed, and still counts everything', async () => {
    const started = Date.now();
    const { terminal } = await runScanWorker(
      scanSpec(root, join(dir, 'paced.json'), { max_dirs_per_second: 200 }),
    );
    const elapsed = Date.now() - started;
    if (terminal.type !== 'completed') throw new Error(`scan did not complete: ${JSON.stringify(terminal)}`);
    expect(ScanResultSchema.parse(terminal.result)).toMatchObject({ file_count: 300, directory_count: 120 });
    // 121 folders at 200 a second cannot take less than ~0.6 s (a lower bound only: a slow machine is fine).
    expect(elapsed).toBeGreaterThanOrEqual(550);
  });

  it('cancels promptly while pacing', async () => {
    const run = startScanWorker(scanSpec(root, join(dir, 'cancel.json'), { max_dirs_per_second: 20 }));
    await run.firstProgress;
    const cancelledAt = Date.now();
    run.cancel();
    const terminal = await run.terminal;
    expect(terminal.type).toBe('cancelled');
    expect(Date.now() - cancelledAt).toBeLessThan(1000);
    await run.exited;
  });
});
