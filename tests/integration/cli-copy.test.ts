/** `wrangle copy` and `wrangle move` from the shell: real trees, real processes, exit codes, JSON. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransferResultSchema } from '../../src-shared/jobs';
import { CLI, runCli } from '../helpers/run-cli';
import { fileHashes } from '../helpers/copy-trees';
import { buildShowTree, makeTempDir } from '../helpers/trees';

describe('wrangle copy and move', () => {
  let dir: string;
  let env: Record<string, string>;

  beforeAll(() => {
    dir = makeTempDir('cli-copy');
    env = { WRANGLE_DATA_DIR: join(dir, 'data') };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('copies with --verify and prints one JSON result; every byte arrives', async () => {
    const source = join(dir, 'SHOW');
    buildShowTree(source, { sequences: 1, shots: 2, versions: 1, frames: 15 });
    const destination = join(dir, 'backup');
    const { code, stdout } = await runCli(['copy', source, destination, '--verify', '--json'], env).done;
    expect(code).toBe(0);
    const output = JSON.parse(stdout) as { status: string; destination: string; result: unknown };
    expect(output).toMatchObject({ status: 'completed', destination });
    const result = TransferResultSchema.parse(output.result);
    const expected = fileHashes(source);
    expect(result.files_copied).toBe(expected.size);
    expect(result.verified_files).toBe(expected.size);
    expect(fileHashes(join(destination, 'SHOW'))).toEqual(expected);
  });

  it('runs again as a no-op under the default skip policy, and keeps both under rename', async () => {
    const source = join(dir, 'SHOW');
    const destination = join(dir, 'backup');
    const again = JSON.parse((await runCli(['copy', source, destination, '--json'], env).done).stdout);
    expect(again.result).toMatchObject({ files_copied: 0 });
    expect(again.result.files_skipped).toBeGreaterThan(0);
    const renamed = JSON.parse(
      (await runCli(['copy', source, destination, '--on-conflict=rename', '--json'], env).done).stdout,
    );
    expect(renamed.result.files_renamed).toBe(again.result.files_skipped);
  });

  it('moves across filesystems (/tmp to /dev/shm): identical bytes arrive and the sources are gone', async () => {
    const source = join(dir, 'TO_MOVE');
    buildShowTree(source, { sequences: 1, shots: 1, versions: 1, frames: 10 });
    const expected = fileHashes(source);
    const shm = mkdtempSync('/dev/shm/wrangle-cli-move-');
    try {
      const { code, stdout } = await runCli(['move', source, shm, '--json'], env).done;
      expect(code).toBe(0);
      const result = TransferResultSchema.parse(JSON.parse(stdout).result);
      expect(result.sources_removed).toBe(expected.size);
      expect(fileHashes(join(shm, 'TO_MOVE'))).toEqual(expected);
      expect(existsSync(source)).toBe(false);
    } finally {
      rmSync(shm, { recursive: true, force: true });
    }
  });

  it.each([
    [['copy', '/no/such/show', '/tmp'], /cannot copy: \/no\/such\/show does not exist/],
    [['copy', 'a', 'b', '--on-conflict=merge'], /--on-conflict must be skip, overwrite, rename or newer/],
    [['move', 'only-one'], /needs at least one source and a destination/],
  ])('exits 2 for %j with a message naming the problem', async (args, message) => {
    const { code, stderr } = await runCli(args, env).done;
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('refuses (exit 2, a bad argument) a destination inside the source, before writing anything', async () => {
    const source = join(dir, 'SHOW');
    const inside = join(source, 'nested-backup');
    const { code, stderr } = await runCli(['copy', source, inside], env).done;
    expect(code).toBe(2);
    expect(stderr).toMatch(/inside/);
    expect(existsSync(inside)).toBe(false);
  });

  it('draws a progress line on a terminal and prints a summary', () => {
    const source = join(dir, 'SHOW');
    const destination = join(dir, 'tty-backup');
    const result = spawnSync(
      'script',
      ['-qefc', `${process.execPath} ${CLI} copy ${source} ${destination}`, '/dev/null'],
      {
        env: { ...process.env, ...env, WRANGLE_COPY_MAX_BYTES_PER_SECOND: '200000', COLUMNS: '160' },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /\d+% [\d.]+ \w?B of [\d.]+ \w?B, [\d,]+ of [\d,]+ files \| [\d.]+ \w?B\/s/,
    );
    expect(result.stdout).toMatch(/Copied \d+ files \(.+\) into .*tty-backup/);
  });
});
