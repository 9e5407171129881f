/**
 * The built CLI under a low descriptor limit, flooded with far more half-open sockets than it has descriptors:
 * the client with the token is still served, the job ends, and its record is saved.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/engine';
import { runCli, type CliRun } from '../helpers/run-cli';
import { makeWideTree } from '../helpers/trees';
import type { TestClient } from '../helpers/ws-client';
import { connectEventually, HalfOpenSockets, partialUpgrade } from './half-open-sockets';

const FD_LIMIT = 400;
const FLOOD = 2000;

/** Pids of `pid`'s child processes, from every thread's children list. */
function childPids(pid: number): number[] {
  const tasks = readdirSync(`/proc/${pid}/task`);
  return tasks.flatMap((task) =>
    readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
  );
}

/** Send `signal` to `pid` unless it is gone already. */
function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already exited.
  }
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('progress server under a descriptor flood (built CLI)', () => {
  it(`serves the token client and saves the record with ${FLOOD} half-open sockets and ulimit -n ${FD_LIMIT}`, async () => {
    const data = await tempDir('fd-flood-data');
    const tree = await tempDir('fd-flood-tree');
    cleanups.push(data.cleanup, tree.cleanup);
    makeWideTree(tree.path, 150, 2);

    // Paced so the scan cannot end in the moment before its worker is paused below.
    const run: CliRun = runCli(['scan', tree.path, '--json', '--print-progress-endpoint'], {
      WRANGLE_DATA_DIR: data.path,
      WRANGLE_SCAN_MAX_DIRS_PER_SECOND: '100',
    });
    const cli = run.child.pid!;
    cleanups.push(async () => {
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
      await run.done;
    });
    // Soft and hard, so node cannot raise it again; applied before any flood arrives.
    execFileSync('prlimit', ['--pid', String(cli), `--nofile=${FD_LIMIT}:${FD_LIMIT}`]);
    const [, url, batchId] = (await run.waitForStderr(
      /progress endpoint: (ws:\/\/127\.0\.0\.1:\d+\/api\/v1\/ws\?token=\S+) batch: (\S+)\n/,
    )) as [string, string, string];
    const port = Number(new URL(url).port);

    // Pause the scan worker (the CLI's one child), so the job waits for the test however long the flood takes.
    const workers = childPids(cli);
    expect(workers).toHaveLength(1);
    const worker = workers[0]!;
    signal(worker, 'SIGSTOP');
    cleanups.push(() => signal(worker, 'SIGCONT'));
    expect(run.child.exitCode, 'the scan ended before its worker could be paused').toBeNull();

    const flood = new HalfOpenSockets();
    cleanups.push(() => flood.destroyAll());
    await flood.open(port, FLOOD / 2);
    await flood.open(port, FLOOD / 2, partialUpgrade(port));

    const client: TestClient = await connectEventually(url);
    cleanups.push(() => client.close());
    client.send({ type: 'subscribe', batch_id: batchId });
    const first = await client.next(undefined, 10_000);
    expect(first).toMatchObject({ type: 'progress', batch_id: batchId });

    signal(worker, 'SIGCONT');
    expect(await client.next('completed', 60_000)).toMatchObject({ type: 'completed', batch_id: batchId });
    const { code, stdout, stderr } = await run.done;
    expect({ code, stderr }).toEqual({ code: 0, stderr: expect.not.stringContaining('EMFILE') as string });
    expect(JSON.parse(stdout)).toMatchObject({ batch_id: batchId, status: 'completed' });
    const record = JSON.parse(readFileSync(join(data.path, 'jobs', batchId, 'job.json'), 'utf8')) as unknown;
    expect(record).toMatchObject({ info: { batch_id: batchId, state: 'completed' } });
  });
});
