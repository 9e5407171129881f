/**
 * Copies to several destinations from one read (`--also`), through the built CLI and real worker processes:
 * identical verified copies at each, one destination filling up while the other completes, a move that keeps
 * every source not verified everywhere, and the refusals that write nothing.
 */
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileHashes, noise, partFiles } from '../helpers/copy-trees';
import { isRoot, mountTmpfs, unmountAll } from '../helpers/mounts';
import { runTransferCli, waitFor } from '../helpers/transfer-cli';
import { startTransferWorker, transferSpec } from '../helpers/transfer-worker-client';
import { TransferResultSchema } from '../../src-shared/jobs';
import type { WorkerMessage } from '../../src-shared/worker-protocol';
import { makeTempDir } from '../helpers/trees';

/** A card folder: frames of a few sizes and one file big enough to be copied in chunks. */
function buildCard(root: string): void {
  mkdirSync(join(root, 'A001', 'sub'), { recursive: true });
  for (let frame = 1; frame <= 12; frame++)
    writeFileSync(
      join(root, 'A001', `clip.${String(1000 + frame)}.exr`),
      noise(20_000 + frame * 3_000, frame),
    );
  writeFileSync(join(root, 'A001', 'sub', 'big.mov'), noise(6 * 1024 * 1024, 99));
}

function env(dir: string): Record<string, string> {
  return { WRANGLE_DATA_DIR: join(dir, 'data') };
}

afterAll(() => unmountAll());

describe('wrangle copy --also', () => {
  it('gives every destination an identical, verified copy with its checksum file, from one read', async () => {
    const dir = makeTempDir('offload-two');
    buildCard(join(dir, 'src'));
    const [one, two] = [join(dir, 'one'), join(dir, 'two')];
    const run = await runTransferCli(
      [
        'copy',
        join(dir, 'src', 'A001'),
        one,
        '--also',
        two,
        '--hash',
        'xxh64,md5',
        '--verify',
        '--checksum-file',
        '--json',
      ],
      { env: env(dir) },
    );
    expect(run.code, run.stderr).toBe(0);
    const result = run.json().result;
    expect(result?.destinations.map((each) => [each.path, each.files_copied, each.verified_files])).toEqual([
      [one, 13, 13],
      [two, 13, 13],
    ]);
    expect(result?.hashes).toEqual(['md5', 'xxh64']);
    const source = fileHashes(join(dir, 'src', 'A001'));
    expect(fileHashes(join(one, 'A001'))).toEqual(source);
    expect(fileHashes(join(two, 'A001'))).toEqual(source);
    // Each destination's checksum file checks with the standard tool, where it is installed.
    for (const destination of [one, two]) {
      const sums = readdirSync(destination).filter((name) => name.endsWith('.xxh64'));
      expect(sums).toHaveLength(1);
      expect(
        readFileSync(join(destination, sums[0] as string), 'utf8')
          .trim()
          .split('\n'),
      ).toHaveLength(13);
      const check = spawnSync('xxhsum', ['-c', sums[0] as string], { cwd: destination, encoding: 'utf8' });
      if (!check.error) expect(check.status, check.stdout + check.stderr).toBe(0);
    }
    // The report lists every file with its hashes and each destination's outcome.
    const report = JSON.parse(readFileSync(result?.report_path as string, 'utf8')) as {
      version: number;
      destinations: string[];
      files: { path: string; hashes?: Record<string, string>; outs?: { status: string }[] }[];
    };
    expect(report.version).toBe(3);
    expect(report.destinations).toEqual([one, two]);
    const big = report.files.find((row) => row.path === 'A001/sub/big.mov');
    expect(big?.hashes?.md5).toMatch(/^[0-9a-f]{32}$/);
    expect(big?.outs?.map((out) => out.status)).toEqual(['copied', 'copied']);
    expect(partFiles(one)).toEqual([]);
    expect(partFiles(two)).toEqual([]);
  });

  /** Start a transfer worker to `one` and the small disk `full`, paced so another writer can fill `full` mid-job. */
  async function fillMidJob(
    kind: 'copy' | 'move',
    dir: string,
    one: string,
    full: string,
  ): Promise<Extract<WorkerMessage, { type: 'completed' | 'failed' | 'cancelled' }>> {
    const run = startTransferWorker(
      transferSpec(kind, [join(dir, 'src', 'A001')], one, join(dir, `${kind}.json`), {
        also: [join(full, 'dst')],
        verify: true,
        max_bytes_per_second: 2_000_000,
        throttle_ms: 5,
      }),
    );
    await waitFor(
      () => run.progress().some((p) => p.phase !== 'preparing' && p.bytes_processed > 0),
      20_000,
      'copying',
    );
    const filler = openSync(join(full, 'filler.bin'), 'w');
    try {
      for (let written = 0; written < 8_000_000; written += 100_000)
        writeSync(filler, noise(100_000, written));
    } catch {
      // Full: what the copy meets next.
    }
    closeSync(filler);
    return run.terminal;
  }

  it.skipIf(!isRoot)(
    'goes on to the other destination when one fills up, and says which one stopped',
    async () => {
      const dir = makeTempDir('offload-full');
      buildCard(join(dir, 'src'));
      const one = join(dir, 'one');
      const full = join(dir, 'small');
      // 8 MB holds the 6.6 MB card when the job checks; then another writer takes the room mid-copy.
      mountTmpfs(full, 'size=8m');
      const terminal = await fillMidJob('copy', dir, one, full);
      expect(terminal.type).toBe('completed');
      const result = terminal.type === 'completed' ? TransferResultSchema.parse(terminal.result) : null;
      const [first, other] = result?.destinations ?? [];
      expect(first?.files_copied).toBe(13);
      expect(first?.failure).toBeNull();
      expect(
        other?.failure ?? 'none',
        JSON.stringify({ destinations: result?.destinations, groups: result?.failure_groups }),
      ).toMatch(/No space left on .*small/);
      expect(other?.failed_count).toBeGreaterThan(0);
      expect(result?.failed_count).toBeGreaterThan(0);
      expect(fileHashes(join(one, 'A001'))).toEqual(fileHashes(join(dir, 'src', 'A001')));
      // Nothing partial is left at the full destination: what is there is complete.
      expect(partFiles(full)).toEqual([]);
      const source = fileHashes(join(dir, 'src', 'A001'));
      for (const [path, hash] of fileHashes(join(full, 'dst', 'A001')))
        expect(hash, path).toBe(source.get(path));
    },
  );

  it.skipIf(!isRoot)('a move keeps every source not verified at every destination', async () => {
    const dir = makeTempDir('offload-move');
    buildCard(join(dir, 'src'));
    const before = fileHashes(join(dir, 'src', 'A001'));
    const one = join(dir, 'safe');
    const full = join(dir, 'small');
    mountTmpfs(full, 'size=8m');
    const terminal = await fillMidJob('move', dir, one, full);
    expect(terminal.type).toBe('completed');
    const result = terminal.type === 'completed' ? TransferResultSchema.parse(terminal.result) : null;
    // Whatever did not reach both destinations is still at the source, unchanged.
    const left = fileHashes(join(dir, 'src', 'A001'));
    expect(left.size).toBeGreaterThan(0);
    for (const [path, hash] of left) expect(before.get(path)).toBe(hash);
    expect(result?.left_in_place.length).toBeGreaterThan(0);
    // Every source that went is at both destinations, byte for byte.
    const atOne = fileHashes(join(one, 'A001'));
    const atFull = fileHashes(join(full, 'dst', 'A001'));
    for (const [path, hash] of before) {
      if (left.has(path)) continue;
      expect(atOne.get(path), path).toBe(hash);
      expect(atFull.get(path), path).toBe(hash);
    }
  });

  it('a move hashes a look-alike already at a destination before a source may go', async () => {
    const dir = makeTempDir('offload-lookalike');
    const source = join(dir, 'src', 'A001');
    mkdirSync(source, { recursive: true });
    const [same, other] = [join(source, 'same.exr'), join(source, 'other.exr')];
    writeFileSync(same, noise(50_000, 1));
    writeFileSync(other, noise(50_000, 2));
    // At the first destination: an identical copy, and a different file of the same size and time.
    const there = join(dir, 'one', 'A001');
    mkdirSync(there, { recursive: true });
    writeFileSync(join(there, 'same.exr'), readFileSync(same));
    writeFileSync(join(there, 'other.exr'), noise(50_000, 3));
    const stamp = new Date('2026-01-02T03:04:05Z');
    for (const path of [same, other, join(there, 'same.exr'), join(there, 'other.exr')])
      utimesSync(path, stamp, stamp);
    const theirs = readFileSync(join(there, 'other.exr'));
    const run = await runTransferCli(
      ['move', source, join(dir, 'one'), '--also', join(dir, 'two'), '--json'],
      {
        env: env(dir),
      },
    );
    expect(run.code, run.stderr).toBe(3);
    const result = run.json().result;
    // The identical one was proven by hashing both: the source went, both destinations hold it.
    expect(existsSync(same)).toBe(false);
    expect(fileHashes(join(dir, 'two', 'A001')).get('same.exr')).toBe(fileHashes(there).get('same.exr'));
    // The look-alike differs: left alone there, and the source stays.
    expect(readFileSync(other)).not.toEqual(theirs);
    expect(readFileSync(join(there, 'other.exr'))).toEqual(theirs);
    expect(result?.failures.map((failure) => [failure.path.endsWith('other.exr'), failure.code])).toEqual([
      [true, 'VERIFY_MISMATCH'],
    ]);
    expect(result?.left_in_place.map((entry) => entry.path.endsWith('other.exr'))).toEqual([true]);
  });

  it("reads each source byte once, however many destinations (the worker's own read counter)", async () => {
    const dir = makeTempDir('offload-reads');
    const source = join(dir, 'src', 'R001');
    mkdirSync(source, { recursive: true });
    for (let index = 0; index < 6; index++)
      writeFileSync(join(source, `plate.${index}.dpx`), noise(5 * 1024 * 1024, index));
    const bytesRead = async (destinations: string[]): Promise<number> => {
      const [first, ...more] = destinations;
      const also = more.flatMap((each) => ['--also', each]);
      const run = await runTransferCli(
        ['copy', source, first as string, ...also, '--hash', 'xxh64,md5', '--json'],
        {
          env: env(dir),
        },
      );
      expect(run.code, run.stderr).toBe(0);
      return run.json().result?.housekeeping?.bytes_read ?? Number.NaN;
    };
    const one = await bytesRead([join(dir, 'a')]);
    const three = await bytesRead([join(dir, 'b'), join(dir, 'c'), join(dir, 'd')]);
    // 30 MB of sources: three destinations read what one does (plus the worker's own start-up, the same in
    // both), not three times as much.
    expect(one).toBeGreaterThan(30 * 1024 * 1024);
    expect(Math.abs(three - one)).toBeLessThan(2 * 1024 * 1024);
    for (const copy of ['b', 'c', 'd'])
      expect(fileHashes(join(dir, copy, 'R001'))).toEqual(fileHashes(source));
  });

  it('refuses the same destination twice and an unknown hash format, writing nothing', async () => {
    const dir = makeTempDir('offload-refuse');
    buildCard(join(dir, 'src'));
    const one = join(dir, 'one');
    mkdirSync(one);
    const twice = await runTransferCli(['copy', join(dir, 'src', 'A001'), one, '--also', `${one}/.`], {
      env: env(dir),
    });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/is the same destination as/);
    const unknown = await runTransferCli(['copy', join(dir, 'src', 'A001'), one, '--hash', 'xxh64,crc32'], {
      env: env(dir),
    });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown hash format "crc32"/);
    const inside = await runTransferCli(
      ['copy', join(dir, 'src', 'A001'), one, '--also', join(dir, 'src', 'A001', 'sub')],
      { env: env(dir) },
    );
    expect(inside.code).toBe(2);
    expect(inside.stderr).toMatch(/inside the source/);
    expect(readdirSync(one)).toEqual([]);
    expect(existsSync(join(dir, 'src', 'A001', 'sub', 'A001'))).toBe(false);
  });
});
