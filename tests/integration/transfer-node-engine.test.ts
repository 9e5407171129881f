/**
 * The copy engine where the native addon does not load: Node's fs through /proc/self/fd, publishing through
 * a temporary name. The same guarantees, with times kept to a few microseconds (Node sets them as doubles).
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildShot, describeTree, noise, partFiles } from '../helpers/copy-trees';
import { stagedWorker } from '../helpers/scan-worker-client';
import {
  completedResult,
  runTransferWorker,
  startTransferWorker,
  transferSpec,
} from '../helpers/transfer-worker-client';
import { makeTempDir } from '../helpers/trees';

/** Temporary files below `root` now (paths); none while it does not exist or while a file vanishes under the walk. */
function partFilesNow(root: string): string[] {
  try {
    return existsSync(root) ? partFiles(root) : [];
  } catch {
    return [];
  }
}

/** Node's fs sets times from a double: they come back within a few microseconds. */
const NODE_TIME_SLACK_MS = 0.01;

describe('the Node fs engine', () => {
  let dir: string;
  let shot: string;
  let withoutAddon: string;
  beforeAll(() => {
    dir = makeTempDir('transfer-node-engine');
    shot = join(dir, 'src', 'SH070');
    buildShot(shot, 40);
    // The built workers, staged without build/Release beside them.
    withoutAddon = join(dirname(stagedWorker({ addon: false })), 'transfer-worker.cjs');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes over where the addon is missing, and copies every byte, mode, time, symlink and empty folder', async () => {
    const destination = join(dir, 'dst-auto');
    const spec = transferSpec('copy', [shot], destination, join(dir, 'auto.json'), { verify: true });
    const result = completedResult((await runTransferWorker(spec, { workerPath: withoutAddon })).terminal);
    expect(result.housekeeping).toMatchObject({ engine: 'node', publish: 'rename' });
    expect(result.failed_count).toBe(0);
    expect(result.verified_files).toBe(result.files_copied);
    const source = describeTree(shot);
    const copied = describeTree(join(destination, 'SH070'));
    expect([...copied.keys()].sort()).toEqual([...source.keys()].sort());
    for (const [path, entry] of source) {
      const other = copied.get(path);
      expect(other, path).toMatchObject({ type: entry.type, mode: entry.mode, size: entry.size });
      expect(other?.link, path).toBe(entry.link);
      expect(other?.sha256, path).toBe(entry.sha256);
      if (entry.type !== 'dir')
        expect(Math.abs((other?.mtimeMs ?? 0) - entry.mtimeMs), path).toBeLessThan(NODE_TIME_SLACK_MS);
    }
    expect(partFiles(destination)).toEqual([]);

    // Running it again skips everything: times compare to what Node could set.
    const again = completedResult((await runTransferWorker(spec, { workerPath: withoutAddon })).terminal);
    expect(again).toMatchObject({ files_copied: 0, failed_count: 0 });
    expect(again.files_skipped).toBe(result.files_copied + result.symlinks_copied);
  });

  it('says so when the native engine is demanded and missing', async () => {
    const spec = transferSpec('copy', [shot], join(dir, 'dst-native'), join(dir, 'native.json'), {
      engine: 'native',
    });
    const { terminal } = await runTransferWorker(spec, { workerPath: withoutAddon });
    expect(terminal.type).toBe('failed');
    if (terminal.type === 'failed') expect(terminal.error).toMatch(/native file engine did not load/);
  });

  it('keeps holes: blocks of zeros of a sparse source are not written', async () => {
    const sparse = join(dir, 'sparse', 'plate.raw');
    mkdirSync(join(dir, 'sparse'));
    const fd = openSync(sparse, 'w');
    writeSync(fd, noise(8192, 1), 0, 8192, 0);
    closeSync(fd);
    truncateSync(sparse, 256 * 1024 * 1024);
    const destination = join(dir, 'dst-sparse');
    const spec = transferSpec('copy', [sparse], destination, join(dir, 'sparse.json'), { engine: 'node' });
    completedResult((await runTransferWorker(spec)).terminal);
    const copy = statSync(join(destination, 'plate.raw'));
    expect(copy.size).toBe(256 * 1024 * 1024);
    expect(copy.blocks * 512).toBeLessThan(1024 * 1024);
  });

  it('after a kill mid-copy, running again leaves exactly the source and no temporary file', async () => {
    // A file big enough to be copied in paced chunks: its temporary file exists for seconds, so the kill
    // lands while it is there (a small file's exists for microseconds, after its wait for the budget).
    const source = join(dir, 'src', 'SH071');
    buildShot(source, 40);
    writeFileSync(join(source, 'big.mov'), noise(6 * 1024 * 1024, 71));
    const destination = join(dir, 'dst-kill');
    const spec = transferSpec('copy', [source], destination, join(dir, 'kill.json'), {
      engine: 'node',
      max_bytes_per_second: 200_000,
    });
    const run = startTransferWorker(spec);
    const bigInFlight = (): boolean => partFilesNow(destination).some((path) => path.includes('big.mov'));
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (bigInFlight()) {
          clearInterval(timer);
          resolve();
        }
      }, 2);
    });
    run.child.kill('SIGKILL');
    await run.exited;
    expect(partFiles(destination).length).toBeGreaterThan(0);
    const again = completedResult((await runTransferWorker({ ...spec, max_bytes_per_second: 0 })).terminal);
    expect(again.failed_count).toBe(0);
    expect(again.housekeeping?.temp_files_removed_count).toBeGreaterThan(0);
    expect(partFiles(destination)).toEqual([]);
    expect([...describeTree(join(destination, 'SH071')).keys()].sort()).toEqual(
      [...describeTree(source).keys()].sort(),
    );
  });
});
