/**
 * The CLI stays executable after every build: the config's executableCli plugin emits out/main/cli.js (the
 * launcher of the CommonJS cli.cjs) and chmods it, so `npx wrangle` (package.json bin) keeps working.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import config, { CLI_LAUNCHER, executableCli } from '../../electron.vite.config';
import pkg from '../../package.json' with { type: 'json' };

const root = resolve(import.meta.dirname, '../..');
const isExecutable = (path: string): boolean => (statSync(path).mode & 0o111) === 0o111;

/** Run the plugin's writeBundle hook as the bundler would, for a bundle holding `fileNames` in `dir`. */
async function writeBundle(dir: string, fileNames: string[]): Promise<void> {
  const hook = executableCli().writeBundle;
  const run = typeof hook === 'function' ? hook : hook?.handler;
  if (!run) throw new Error('executableCli has no writeBundle hook');
  type Args = Parameters<typeof run>;
  const bundle = Object.fromEntries(fileNames.map((name) => [name, { fileName: name }]));
  await run.call({} as ThisParameterType<typeof run>, { dir } as Args[0], bundle as Args[1]);
}

describe('the executable CLI', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('is a plugin of the main build', () => {
    const names = (config.main?.plugins ?? []).map((plugin) =>
      plugin && typeof plugin === 'object' && 'name' in plugin ? plugin.name : null,
    );
    expect(names).toContain('wrangle:executable-cli');
  });

  it('chmods the launcher cli.js 0755 when the bundle writes it, and leaves other bundles alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wrangle-cli-mode-'));
    dirs.push(dir);
    const cli = join(dir, CLI_LAUNCHER);
    writeFileSync(cli, '#!/usr/bin/env node\n');
    chmodSync(cli, 0o644);
    await writeBundle(dir, ['index.cjs']);
    expect(isExecutable(cli)).toBe(false);
    await writeBundle(dir, ['index.cjs', 'cli.cjs', CLI_LAUNCHER]);
    expect(statSync(cli).mode & 0o777).toBe(0o755);
  });

  // `npm test` builds before vitest runs, so this checks the real build's output.
  it('after the build, out/main/cli.js is executable and `npx wrangle --version` prints the version', () => {
    // npx keeps the bin link it made for a checkout across updates: a renamed bin would be "not found".
    expect(pkg.bin.wrangle).toBe(`out/main/${CLI_LAUNCHER}`);
    const cli = resolve(root, pkg.bin.wrangle);
    expect(isExecutable(cli)).toBe(true);
    const printed = execFileSync('npx', ['--offline', '--no-install', 'wrangle', '--version'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(printed.trim()).toBe(pkg.version);
    // The file itself is what the bin link runs: executing it directly must work too.
    expect(execFileSync(cli, ['--version'], { encoding: 'utf8' }).trim()).toBe(pkg.version);
  });
});
