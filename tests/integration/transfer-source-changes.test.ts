/** A source that changes while it is copied fails that entry (SOURCE_CHANGED); a worker never outlives its CLI. */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { noise, partFiles } from '../helpers/copy-trees';
import { useTransferCases } from '../helpers/transfer-cases';
import {
  hasOpen,
  isAlive,
  sleep,
  startTransferCli,
  waitUntil,
  type CliOptions,
  type TransferCliRun,
} from '../helpers/transfer-cli';

const MiB = 1 << 20;

/** `<root>/src/plate.bin`: a 1 GiB sparse file with 1 MiB of random data every 32 MiB (32 MiB in all). */
function sparsePlate(root: string): string {
  mkdirSync(join(root, 'src'));
  const path = join(root, 'src', 'plate.bin');
  const fd = openSync(path, 'w');
  try {
    const block = randomBytes(MiB);
    for (let offset = 0; offset < 1024 * MiB; offset += 32 * MiB) writeSync(fd, block, 0, MiB, offset);
    // The last block ends at 993 MiB: extend to a whole GiB (a hole at the end).
    ftruncateSync(fd, 1024 * MiB);
  } finally {
    closeSync(fd);
  }
  return path;
}

/** Start `wrangle copy` limited to `bytesPerSecond` (still running when the test acts); find its worker. */
async function startSlowCopy(
  args: string[],
  bytesPerSecond: number,
  { env, timeoutMs }: CliOptions,
): Promise<{ run: TransferCliRun; worker: number }> {
  const run = startTransferCli(['copy', ...args], {
    env: { ...env, WRANGLE_COPY_MAX_BYTES_PER_SECOND: String(bytesPerSecond) },
    timeoutMs,
  });
  return { run, worker: await run.workerPid() };
}

/** Names in `dir` that are `name` or a temporary file of it (nothing when `dir` does not exist). */
function traces(dir: string, name: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((entry) => entry.includes(name)) : [];
}

describe('sources that change during a copy', () => {
  const { freshCase } = useTransferCases('transfer-source-changes');

  it('a file truncated mid-copy fails with SOURCE_CHANGED; nothing is left under its name or a temp name', async () => {
    const { root, env } = freshCase();
    const source = sparsePlate(root);
    const destination = join(root, 'dst');
    // 32 MiB of data at 8 MB/s: about 4 s of copying; the source shrinks after about 1 s.
    const { run, worker } = await startSlowCopy([source, destination, '--json'], 8_000_000, {
      env,
      timeoutMs: 30_000,
    });
    // Shrink it once the worker is reading it (a loaded machine may take a while to get there), a bit in.
    expect(await waitUntil(() => hasOpen(worker, source), 20_000), 'the copy never opened the source').toBe(
      true,
    );
    await sleep(300);
    truncateSync(source, 256 * MiB);
    const outcome = await run.done;
    expect(outcome.timedOut, `the CLI was still running after 30 s; stderr: ${outcome.stderr}`).toBe(false);
    expect.soft(outcome.code, outcome.stderr).toBe(3);
    const failure = outcome.json().result?.failures[0];
    expect.soft(failure?.code).toBe('SOURCE_CHANGED');
    expect.soft(failure?.message).toContain('changed during copy');
    expect(traces(destination, 'plate.bin')).toEqual([]);
    if (existsSync(destination)) expect(partFiles(destination)).toEqual([]);
  }, 45_000);

  it('with two destinations, a file truncated mid-copy fails at both as SOURCE_CHANGED, leaving nothing', async () => {
    const { root, env } = freshCase();
    const source = sparsePlate(root);
    const [one, two] = [join(root, 'one'), join(root, 'two')];
    const { run, worker } = await startSlowCopy([source, one, '--also', two, '--json'], 8_000_000, {
      env,
      timeoutMs: 30_000,
    });
    expect(await waitUntil(() => hasOpen(worker, source), 20_000), 'the copy never opened the source').toBe(
      true,
    );
    await sleep(300);
    truncateSync(source, 256 * MiB);
    const outcome = await run.done;
    expect(outcome.timedOut, `the CLI was still running after 30 s; stderr: ${outcome.stderr}`).toBe(false);
    expect.soft(outcome.code, outcome.stderr).toBe(3);
    const failures = outcome.json().result?.failures ?? [];
    expect(failures.map((failure) => failure.code)).toEqual(['SOURCE_CHANGED', 'SOURCE_CHANGED']);
    expect.soft(failures[0]?.message).toContain('changed during copy');
    for (const destination of [one, two]) {
      expect(traces(destination, 'plate.bin')).toEqual([]);
      if (existsSync(destination)) expect(partFiles(destination)).toEqual([]);
    }
  }, 45_000);

  it('a worker whose CLI is killed exits within 5 s (a slow copy of small files)', async () => {
    const { root, env } = freshCase();
    const shot = join(root, 'shot');
    mkdirSync(shot);
    for (let i = 0; i < 40; i++) writeFileSync(join(shot, `f${i}.exr`), noise(64 * 1024, i + 1));
    // 2.6 MB at 200 KB/s: about 13 s, far longer than the test waits.
    const { run, worker } = await startSlowCopy([shot, join(root, 'dst')], 200_000, { env });
    await sleep(1000);
    expect(isAlive(worker), 'the worker ended before the test killed its CLI').toBe(true);
    run.signal('SIGKILL');
    expect(await waitUntil(() => !isAlive(worker), 5000), `worker ${worker} still running 5 s later`).toBe(
      true,
    );
  }, 40_000);

  it('a worker whose CLI is killed exits within 5 s, also when its source shrinks right after', async () => {
    const { root, env } = freshCase();
    const source = sparsePlate(root);
    const { run, worker } = await startSlowCopy([source, join(root, 'dst')], 8_000_000, { env });
    await sleep(1000);
    expect(isAlive(worker), 'the worker ended before the test killed its CLI').toBe(true);
    // The parent goes first, then the file shrinks under the copy: the worker must still notice and exit.
    run.signal('SIGKILL');
    truncateSync(source, 256 * MiB);
    expect(await waitUntil(() => !isAlive(worker), 5000), `worker ${worker} still running 5 s later`).toBe(
      true,
    );
  }, 40_000);
});
