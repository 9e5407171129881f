/** What `wrangle copy|move|retry` report when things go partly wrong: exit codes, summaries, records. */
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { fileHashes, noise } from '../helpers/copy-trees';
import { modeOf, treeListing, useTransferCases } from '../helpers/transfer-cases';
import {
  childPids,
  onlyJobRecord,
  readJobRecord,
  runTransferCli,
  startTransferCli,
  waitFor,
  within,
  type CliOutcome,
} from '../helpers/transfer-cli';

// /dev/shm must be another filesystem than the temp folders, for a move that copies.
const haveShm = existsSync('/dev/shm') && statSync('/dev/shm').dev !== statSync(tmpdir()).dev;

/** Files (regular, any depth) below `root`; 0 when it does not exist. */
function countFiles(root: string): number {
  if (!existsSync(root)) return 0;
  let count = 0;
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) count++;
  return count;
}

/**
 * Copy `shot` into `destination` at 10 MB/s and interrupt it with SIGINT (a Ctrl-C) once `afterMs` have
 * passed and some files have landed, so there is a partial result to keep; resolves when the CLI has exited.
 */
async function interruptedCopy(
  shot: string,
  destination: string,
  options: { env: Record<string, string>; afterMs: number; json?: boolean },
): Promise<CliOutcome> {
  const startedAt = Date.now();
  const run = startTransferCli(['copy', shot, destination, ...(options.json ? ['--json'] : [])], {
    env: { ...options.env, WRANGLE_COPY_MAX_BYTES_PER_SECOND: '10000000' },
  });
  await waitFor(
    () => Date.now() - startedAt >= options.afterMs && countFiles(join(destination, 'shot')) > 0,
    10_000,
    'the first copied files',
  );
  run.signal('SIGINT');
  return within(run.done, 10_000, 'the CLI to exit after SIGINT');
}

describe('transfer outcomes', () => {
  const { freshCase } = useTransferCases('transfer-outcomes');

  /**
   * shot/ok (10 files) and shot/blocked (50 files); the destination already holds shot/blocked as a regular
   * FILE, so none of the 50 can be written: one cause.
   */
  const blockedShot = () => {
    const space = freshCase();
    const shot = join(space.root, 'src', 'shot');
    mkdirSync(join(shot, 'ok'), { recursive: true });
    mkdirSync(join(shot, 'blocked'), { recursive: true });
    for (let i = 0; i < 10; i++) writeFileSync(join(shot, 'ok', `ok.${1001 + i}.exr`), noise(1500 + i, i));
    for (let i = 0; i < 50; i++)
      writeFileSync(join(shot, 'blocked', `b.${1001 + i}.exr`), noise(900 + i, 100 + i));
    const destination = join(space.root, 'dst');
    mkdirSync(join(destination, 'shot'), { recursive: true });
    writeFileSync(join(destination, 'shot', 'blocked'), 'a file where the folder should go');
    return { ...space, shot, destination };
  };

  it('a copy that cannot write one folder completes with failures: exit 3, one group, counted', async () => {
    const { shot, destination, env, dataDir } = blockedShot();
    const human = await runTransferCli(['copy', shot, destination], { env });
    expect.soft(human.code, human.stderr).toBe(3);
    expect.soft(human.stdout).toMatch(/completed with 50 failures/i);
    // One blocked folder is one line with its count, plus at most 5 example paths: never one line per file.
    const lines = human.stdout.split('\n');
    expect.soft(lines.filter((line) => line.includes('blocked/')).length).toBeLessThanOrEqual(5);
    expect.soft(lines.some((line) => line.includes('blocked'))).toBe(true);

    const run = await runTransferCli(['copy', shot, destination, '--json'], { env });
    expect(run.code, run.stderr).toBe(3);
    const output = run.json();
    const result = output.result!;
    // The folder itself may count as one more failure.
    expect([50, 51]).toContain(result.failed_count);
    const big = result.failure_groups.filter((group) => group.count >= 50);
    expect(big, JSON.stringify(result.failure_groups)).toHaveLength(1);
    const pointsAtBlocked = (path: string | null): boolean => !!path?.includes(join('shot', 'blocked'));
    expect(pointsAtBlocked(big[0]!.folder) || big[0]!.examples.some(pointsAtBlocked)).toBe(true);
    const record = readJobRecord(dataDir, output.batch_id);
    expect(record.info.state).toBe('completed');
    expect(record.info.failed_count).toBeGreaterThan(0);
  }, 60_000);

  it('a move that leaves files in place exits 3: the 50 stay, the 10 are moved', async () => {
    const { shot, destination, env } = blockedShot();
    const ok = fileHashes(join(shot, 'ok'));
    const blocked = fileHashes(join(shot, 'blocked'));
    const run = await runTransferCli(['move', shot, destination], { env });
    expect.soft(run.code, run.stderr).toBe(3);
    expect(fileHashes(join(shot, 'blocked'))).toEqual(blocked);
    expect(countFiles(join(shot, 'ok'))).toBe(0);
    expect(fileHashes(join(destination, 'shot', 'ok'))).toEqual(ok);
    expect(lstatSync(join(destination, 'shot', 'blocked')).isFile()).toBe(true);
  }, 30_000);

  it('retry runs only the failed entries as a new job, and leaves what was copied alone', async () => {
    const { shot, destination, env } = blockedShot();
    const first = (await runTransferCli(['copy', shot, destination, '--json'], { env })).json();
    expect(first.result!.failed_count).toBeGreaterThanOrEqual(50);
    const okDir = join(destination, 'shot', 'ok');
    const identity = (): Record<string, string> =>
      Object.fromEntries(
        readdirSync(okDir).map((name) => {
          const stats = lstatSync(join(okDir, name), { bigint: true });
          return [name, `${stats.ino} ${stats.mtimeNs} ${stats.ctimeNs}`];
        }),
      );
    const before = identity();
    expect(Object.keys(before)).toHaveLength(10);

    rmSync(join(destination, 'shot', 'blocked'));
    const retry = await runTransferCli(['retry', first.batch_id, '--json'], { env });
    expect(retry.code, retry.stderr).toBe(0);
    const result = retry.json().result!;
    expect(result).toMatchObject({ files_copied: 50, files_total: 50, retry_of: first.batch_id });
    expect(fileHashes(join(destination, 'shot', 'blocked'))).toEqual(fileHashes(join(shot, 'blocked')));
    // The 10 files the first job copied were not written again.
    expect(identity()).toEqual(before);
  }, 60_000);

  describe('refusals exit 2 before anything is written', () => {
    it('a destination inside the source', async () => {
      const { root, env } = freshCase();
      const shot = join(root, 'shot');
      mkdirSync(join(shot, 'renders'), { recursive: true });
      writeFileSync(join(shot, 'renders', 'a.exr'), noise(500, 1));
      const before = treeListing(shot);
      const run = await runTransferCli(['copy', shot, join(shot, 'backup')], { env });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).not.toBe('');
      expect(treeListing(shot)).toEqual(before);
    }, 30_000);

    it("a source that is the destination's own target (copy dir/shot dir)", async () => {
      const { root, env } = freshCase();
      const dir = join(root, 'dir');
      const shot = join(dir, 'shot');
      mkdirSync(shot, { recursive: true });
      writeFileSync(join(shot, 'a.exr'), noise(500, 2));
      const before = treeListing(dir);
      const run = await runTransferCli(['copy', shot, dir], { env });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).not.toBe('');
      expect(treeListing(dir)).toEqual(before);
    }, 30_000);
  });

  describe('a cancelled job keeps its partial result', () => {
    /** 40 files of 2 MB, copied at 10 MB/s (8 s), interrupted with SIGINT after ~2 s. */
    const cancelledCopy = async (json: boolean) => {
      const { root, dataDir, env } = freshCase();
      const shot = join(root, 'shot');
      mkdirSync(shot);
      for (let i = 0; i < 40; i++) writeFileSync(join(shot, `plate.${1001 + i}.dpx`), randomBytes(2_000_000));
      const exit = await interruptedCopy(shot, join(root, 'dst'), { env, afterMs: 2000, json });
      return { exit, dataDir };
    };

    it('human summary: exit 130, says Cancelled and how many files were copied', async () => {
      const { exit, dataDir } = await cancelledCopy(false);
      expect.soft(exit.code, exit.stderr).toBe(130);
      expect.soft(exit.stdout).toMatch(/Cancelled/);
      const record = onlyJobRecord(dataDir);
      expect(record.info.state).toBe('cancelled');
      expect(record.result, 'job.json keeps the partial result').not.toBeNull();
      const copied = record.result!.files_copied;
      expect(copied).toBeGreaterThan(0);
      expect(exit.stdout).toMatch(new RegExp(`\\b${copied}\\b`));
    }, 30_000);

    it('--json: status cancelled with the files copied so far', async () => {
      const { exit, dataDir } = await cancelledCopy(true);
      expect.soft(exit.code, exit.stderr).toBe(130);
      const output = exit.json();
      expect(output.status).toBe('cancelled');
      expect(output.result, '--json keeps the partial result').not.toBeNull();
      expect(output.result!.files_copied).toBeGreaterThan(0);
      const record = readJobRecord(dataDir, output.batch_id);
      expect(record.result).not.toBeNull();
      expect(record.result!.files_copied).toBeGreaterThan(0);
    }, 30_000);
  });

  it.skipIf(!haveShm)(
    'a worker crash mid-move says how far it got, never "nothing was changed"',
    async () => {
      const { root, dataDir, env } = freshCase();
      const shot = join(root, 'SH060');
      for (let d = 0; d < 10; d++) {
        const folder = join(shot, `part${d}`);
        mkdirSync(folder, { recursive: true });
        for (let i = 0; i < 200; i++)
          writeFileSync(join(folder, `f.${1001 + i}.exr`), noise(8192, d * 200 + i));
      }
      const shm = mkdtempSync('/dev/shm/wrangle-crash-');
      onTestFinished(() => rmSync(shm, { recursive: true, force: true }));
      // 16 MB at 4 MB/s: the move takes about four seconds.
      const startedAt = Date.now();
      const run = startTransferCli(['move', shot, shm], {
        env: { ...env, WRANGLE_COPY_MAX_BYTES_PER_SECOND: '4000000' },
      });
      const workers = await waitFor(
        () => {
          const pids = childPids(run.pid, 'transfer-worker');
          return Date.now() - startedAt >= 1500 && countFiles(shm) > 0 && pids.length > 0 && pids;
        },
        10_000,
        'the move to be under way',
        50,
      );
      for (const pid of workers) process.kill(pid, 'SIGKILL');
      const exit = await within(run.done, 15_000, 'the CLI to exit after its worker died');
      expect.soft(exit.code, exit.stderr).toBe(1);
      expect.soft(exit.stderr).not.toMatch(/nothing was changed/i);
      const stated = /(\d[\d,]*)\s+files?\b/.exec(exit.stderr);
      expect.soft(stated, `stderr names the files already moved: ${exit.stderr}`).not.toBeNull();
      expect(onlyJobRecord(dataDir).info.failure?.code).toBe('WORKER_CRASHED');
    },
    30_000,
  );

  it('a same-filesystem move of a folder counts the files and bytes it moved', async () => {
    const { root, env } = freshCase();
    const make = (name: string): { shot: string; bytes: number } => {
      const shot = join(root, name);
      mkdirSync(join(shot, 'renders'), { recursive: true });
      let bytes = 0;
      for (let i = 0; i < 300; i++) {
        const size = 100 + ((i * 7919) % 3000);
        writeFileSync(join(shot, i < 150 ? 'renders' : '', `f.${1001 + i}.exr`), noise(size, i));
        bytes += size;
      }
      return { shot, bytes };
    };

    const viaJson = make('SH070');
    const run = await runTransferCli(['move', viaJson.shot, join(root, 'dst-json'), '--json'], { env });
    expect(run.code, run.stderr).toBe(0);
    expect.soft(run.json().result).toMatchObject({
      entries_renamed_in_place: 1,
      files_renamed_in_place: 300,
      bytes_renamed_in_place: viaJson.bytes,
    });

    const viaSummary = make('SH071');
    const human = await runTransferCli(['move', viaSummary.shot, join(root, 'dst-human')], { env });
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout.split('\n')[0]).toMatch(/^Moved 300 (of 300 )?files\b/);
  }, 30_000);

  it('folders a cancelled copy created get their source modes', async () => {
    const { root, env } = freshCase();
    const shot = join(root, 'shot');
    const modes: Record<string, number> = { '': 0o755, a: 0o750, b: 0o700, c: 0o755 };
    for (const folder of ['a', 'b', 'c']) {
      mkdirSync(join(shot, folder), { recursive: true });
      for (let i = 0; i < 10; i++)
        writeFileSync(join(shot, folder, `p.${1001 + i}.dpx`), randomBytes(2_000_000));
    }
    for (const [folder, mode] of Object.entries(modes)) chmodSync(join(shot, folder), mode);
    const destination = join(root, 'dst');
    await interruptedCopy(shot, destination, { env, afterMs: 1000 });
    // The copy was cut short, yet every folder it made has its source's mode.
    const created = Object.keys(modes).filter((folder) => existsSync(join(destination, 'shot', folder)));
    expect(created.length).toBeGreaterThanOrEqual(2);
    expect(Object.fromEntries(created.map((f) => [f, modeOf(join(destination, 'shot', f))]))).toEqual(
      Object.fromEntries(created.map((f) => [f, modeOf(join(shot, f))])),
    );
  }, 30_000);
});
