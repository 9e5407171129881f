/** The built `wrangle` CLI, end to end: real processes, real trees, a real WebSocket watcher. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanResultSchema } from '../../src-shared/jobs';
import { tempDir } from '../helpers/engine';
import { CLI, runCli } from '../helpers/run-cli';
import { findCensus, makeWideTree } from '../helpers/trees';
import { TestClient } from '../helpers/ws-client';

describe('wrangle CLI', () => {
  let data: { path: string; cleanup: () => Promise<void> };
  let small: { path: string; cleanup: () => Promise<void> };
  let big: { path: string; cleanup: () => Promise<void> };
  let env: Record<string, string>;

  beforeAll(async () => {
    data = await tempDir('cli-data');
    small = await tempDir('cli-small');
    big = await tempDir('cli-big');
    makeWideTree(small.path, 4, 25, 1000);
    makeWideTree(big.path, 150, 400);
    env = { WRANGLE_DATA_DIR: data.path };
    // 60,000 files: creating them soon after another test deleted a big tree is 2-5x slower on ext4.
  }, 180_000);

  afterAll(async () => {
    await Promise.all([data.cleanup(), small.cleanup(), big.cleanup()]);
  });

  it('prints one JSON object whose counts match find, and exits 0', async () => {
    const { code, stdout } = await runCli(['scan', small.path, '--json'], env).done;
    expect(code).toBe(0);
    const output = JSON.parse(stdout) as { batch_id: string; root: string; status: string; result: unknown };
    expect(output).toMatchObject({ root: small.path, status: 'completed' });
    expect(output.batch_id).toMatch(/^[0-9a-f-]{36}$/);
    const result = ScanResultSchema.parse(output.result);
    const expected = findCensus(small.path, 20);
    expect(result).toMatchObject({
      file_count: expected.file_count,
      directory_count: expected.directory_count,
      total_size: expected.total_size,
      symlink_count: 0,
      error_count: 0,
      errors: [],
    });
    expect(result.largest_files).toHaveLength(20);
    expect(result.largest_dirs[0]?.total_size).toBe(25_000);
  });

  it('prints a readable summary without --json', async () => {
    const { code, stdout } = await runCli(['scan', small.path], env).done;
    expect(code).toBe(0);
    expect(stdout).toContain(`Scanned ${small.path}`);
    expect(stdout).toContain('100 files, 8 folders');
  });

  it.each([
    [['scan', '/no/such/folder'], /cannot scan: Folder not found: \/no\/such\/folder\. Check the path/],
    [['scan'], /needs a folder/],
    [['frobnicate'], /Unknown command/],
  ])('exits 2 for %j with a message naming the problem', async (args, message) => {
    const { code, stderr } = await runCli(args, env).done;
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('exits 2 when the path is a file', async () => {
    const file = join(small.path, 'note.txt');
    writeFileSync(file, 'x');
    const { code, stderr } = await runCli(['scan', file], env).done;
    expect(code).toBe(2);
    expect(stderr).toContain(`cannot scan: ${file} is a file, not a folder.`);
  });

  it('exits 2 naming a bad environment variable', async () => {
    const { code, stderr } = await runCli(['scan', small.path], { ...env, WRANGLE_JOB_CONCURRENCY: 'lots' })
      .done;
    expect(code).toBe(2);
    expect(stderr).toContain('WRANGLE_JOB_CONCURRENCY');
  });

  it('prints the progress endpoint first, and any WebSocket client can watch the scan', async () => {
    const run = runCli(['scan', big.path, '--json', '--print-progress-endpoint'], env);
    const [, url, batchId] = await run.waitForStderr(
      /progress endpoint: (ws:\/\/127\.0\.0\.1:\d+\/api\/v1\/ws\?token=\S+) batch: (\S+)\n/,
    );
    const client = await TestClient.connect(url!);
    client.send({ type: 'subscribe', batch_id: batchId });
    const first = await client.next(undefined, 5000);
    expect(['progress', 'completed']).toContain(first.type);
    const end = first.type === 'completed' ? first : await client.next('completed', 20_000);
    expect(end).toMatchObject({ type: 'completed', batch_id: batchId });
    const { code, stdout } = await run.done;
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ batch_id: batchId, status: 'completed' });
    expect((await client.closed).code).toBe(1001);
  });

  it('refuses a watcher with a wrong token', async () => {
    const run = runCli(['scan', big.path, '--print-progress-endpoint'], env);
    const [, url] = await run.waitForStderr(/progress endpoint: (\S+) batch/);
    await expect(TestClient.connect(url!.replace(/token=[^&]+/, 'token=guess'))).rejects.toMatchObject({
      status: 401,
    });
    await run.done;
  });

  it('cancels cleanly on Ctrl-C and exits 130', async () => {
    const run = runCli(['scan', big.path, '--json', '--print-progress-endpoint'], {
      ...env,
      WRANGLE_SCAN_THREADS: '1',
    });
    await run.waitForStderr(/progress endpoint/);
    run.child.kill('SIGINT');
    const { code, stdout, stderr } = await run.done;
    expect({ code, signal: run.child.signalCode, stderr }).toEqual({ code: 130, signal: null, stderr });
    expect(stderr).toContain('cancelled');
    expect(JSON.parse(stdout)).toMatchObject({ status: 'cancelled', result: null });
  });

  it('draws a progress line with percentage, counts, rate and current file on a terminal', () => {
    // `script` gives the CLI a real pseudo-terminal, as an artist's shell would.
    const command = `${process.execPath} ${CLI} scan ${big.path}`;
    const result = spawnSync('script', ['-qefc', command, '/dev/null'], {
      // Paced to about two seconds: a rate is shown only after the first second.
      env: {
        ...process.env,
        ...env,
        WRANGLE_SCAN_THREADS: '1',
        WRANGLE_SCAN_MAX_DIRS_PER_SECOND: '150',
        COLUMNS: '160',
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(0);
    // "--%" while a first scan's percentage is not known yet (this folder may have been scanned before).
    const lines = result.stdout.split('\r').filter((line) => /(\d+|--)% /.test(line));
    expect(lines.length).toBeGreaterThan(0);
    const walking = lines.filter((line) => /beauty\.\d+\.exr/.test(line));
    expect(walking.length).toBeGreaterThan(0);
    // No rate in the first second (it would be one burst); then files a second.
    expect(walking[0]).toMatch(/(\d+|--)% [\d,]+ files, [\d,]+ folders, [\d.]+ \w?B( \| [\d,]+ files?\/s)?/);
    expect(
      walking.some((line) =>
        /(\d+|--)% [\d,]+ files, [\d,]+ folders, [\d.]+ \w?B \| [\d,]+ files\/s/.test(line),
      ),
    ).toBe(true);
  });
});
