/** `wrangle scan` reports files by type: in `--json` and as a short table in the human summary. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanResultSchema } from '../../src-shared/jobs';
import { tempDir } from '../helpers/engine';
import { runCli } from '../helpers/run-cli';

describe('wrangle scan: files by type', () => {
  let data: { path: string; cleanup: () => Promise<void> };
  let shot: { path: string; cleanup: () => Promise<void> };
  let env: Record<string, string>;

  beforeAll(async () => {
    data = await tempDir('cli-types-data');
    shot = await tempDir('cli-types');
    mkdirSync(join(shot.path, 'camera'));
    writeFileSync(join(shot.path, 'camera', 'A001C001.ari'), Buffer.alloc(9000));
    writeFileSync(join(shot.path, 'camera', 'A001C002.ARI'), Buffer.alloc(7000));
    writeFileSync(join(shot.path, 'notes.txt'), Buffer.alloc(500));
    writeFileSync(join(shot.path, 'README'), Buffer.alloc(20));
    env = { WRANGLE_DATA_DIR: data.path };
  });

  afterAll(async () => {
    await Promise.all([data.cleanup(), shot.cleanup()]);
  });

  it('lists count and bytes per type in --json, largest first', async () => {
    const { code, stdout } = await runCli(['scan', shot.path, '--json'], env).done;
    expect(code).toBe(0);
    const result = ScanResultSchema.parse((JSON.parse(stdout) as { result: unknown }).result);
    expect(result.file_types).toEqual([
      { ext: 'ari', count: 2, bytes: 16_000 },
      { ext: 'txt', count: 1, bytes: 500 },
      { ext: '(none)', count: 1, bytes: 20 },
    ]);
  });

  it('prints a short table of types in the human summary', async () => {
    const { code, stdout } = await runCli(['scan', shot.path], env).done;
    expect(code).toBe(0);
    expect(stdout).toMatch(/By file type:\s+files\s+size\s+share/);
    expect(stdout).toMatch(/\n {4}ari\s+2\s+16\.0 KB\s+96\.9%\n/);
    expect(stdout).toMatch(/\n {4}txt\s+1\s+500 B\s+3\.0%\n/);
    expect(stdout).toMatch(/\n {4}\(none\)\s+1\s+20 B\s+0\.1%\n/);
  });
});
