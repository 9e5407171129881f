/**
 * electron-builder.yml, checked offline: it validates against electron-builder's own schema, and a real
 * `electron-builder --linux dir` run (with an empty stand-in for the Electron runtime, which cannot be
 * downloaded here) yields an app.asar holding every entry the app loads, with the native addon outside it
 * where the app's own path code looks.
 */
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { listPackage } from '@electron/asar';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'app-builder-lib';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_ENTRIES, builtFile } from '../../src-shared/built-entries';
import { CLI_LAUNCHER } from '../../electron.vite.config';
import { workerEntriesIn } from '../../src-main/jobs/worker-entries';
import { locateNativeAddon, NATIVE_ADDON_ENV, workerNativeAddon } from '../../src-node/native-addon';

const ROOT = resolve(import.meta.dirname, '../..');
const BUILDER_CLI = join(ROOT, 'node_modules', 'electron-builder', 'cli.js');
const BUILT_ADDON = join(ROOT, 'build', 'Release', 'wrangle_native.node');
const OUT_MAIN = join(ROOT, 'out', 'main');

/** electron-builder.yml as electron-builder reads it. */
function loadConfig(): Configuration {
  return parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Configuration;
}

/** package.json's `main`, as Electron starts it. */
function packageMain(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string };
  return pkg.main;
}

describe('electron-builder.yml', () => {
  it("validates against electron-builder's own schema", async () => {
    const config = loadConfig();
    // The logger only records why a configuration is invalid, and only when enabled.
    const logger: Parameters<typeof validateConfiguration>[1] = {
      isEnabled: false,
      data: new Map<string, unknown>(),
      add: () => undefined,
      save: async () => undefined,
    };
    await expect(validateConfiguration(config, logger)).resolves.toBeUndefined();
    // And the schema does catch a mistake, so the pass above means something.
    const broken = { ...config, nsis: { ...config.nsis, oneClickk: false } } as Configuration;
    await expect(validateConfiguration(broken, logger)).rejects.toThrow(/configuration\.nsis/);
  });

  it('keeps build resources out of build/, never rebuilds the addon, and sets up each platform', () => {
    const config = loadConfig();
    expect(config.directories?.buildResources).toBe('resources');
    expect(config.npmRebuild).toBe(false);
    expect(config.linux?.target).toEqual(['AppImage', 'deb', 'rpm']);
    expect(config.linux?.desktop?.entry).toMatchObject({
      StartupWMClass: 'wrangle',
      MimeType: 'inode/directory;',
    });
    expect(config.mac).toMatchObject({ target: 'dmg', hardenedRuntime: true, notarize: true });
    expect(existsSync(join(ROOT, String(config.mac?.entitlements)))).toBe(true);
    expect(config.nsis).toMatchObject({ oneClick: false, allowToChangeInstallationDirectory: true });
  });
});

describe('a package built with electron-builder --linux dir', () => {
  let work: string;
  let resources: string;
  let entries: string[];

  beforeAll(async () => {
    for (const needed of [join(ROOT, packageMain()), BUILT_ADDON]) {
      if (!existsSync(needed))
        throw new Error(`${needed} is missing: run \`npm run build\` and \`npm run build:native\` first.`);
    }
    work = mkdtempSync(join(tmpdir(), 'wrangle-package-'));
    // electron-builder copies this folder as the runtime; an empty `electron` file is enough for `dir`.
    const electronDist = join(work, 'electron-dist');
    mkdirSync(electronDist);
    writeFileSync(join(electronDist, 'electron'), '');
    const output = join(work, 'dist');
    await promisify(execFile)(
      process.execPath,
      [
        BUILDER_CLI,
        '--linux',
        'dir',
        '--publish',
        'never',
        `-c.electronDist=${electronDist}`,
        `-c.directories.output=${output}`,
      ],
      { cwd: ROOT, env: { ...process.env, CI: 'true' }, maxBuffer: 16 * 1024 * 1024 },
    );
    resources = join(output, 'linux-unpacked', 'resources');
    entries = listPackage(join(resources, 'app.asar'), { isPack: false }).map((entry) =>
      entry.replaceAll('\\', '/'),
    );
  }, 120_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("holds package.json's main, the preload, the renderer and every worker and thread entry", () => {
    const main = packageMain();
    expect(entries).toContain('/package.json');
    expect(entries).toContain(`/${main}`);
    expect(entries).toContain('/out/preload/index.cjs');
    expect(entries).toContain('/out/renderer/index.html');
    const inArchive = (file: string): string => `/out/main/${file}`;
    // The workers main forks, by the same table the app uses.
    for (const entry of Object.values(workerEntriesIn(OUT_MAIN))) {
      expect(entries).toContain(inArchive(entry.slice(OUT_MAIN.length + 1)));
    }
    // Every built entry and chunk of out/main: workers, walker and copy-lane threads, the CLI.
    const built = readdirSync(OUT_MAIN, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) =>
        join(entry.parentPath, entry.name)
          .slice(OUT_MAIN.length + 1)
          .replaceAll('\\', '/'),
      );
    expect(built).toEqual(expect.arrayContaining(BUILT_ENTRIES.map(builtFile)));
    for (const file of built) expect(entries).toContain(inArchive(file));
    // Workers load from inside app.asar as CommonJS, never as ES modules (src-shared/built-entries.ts); the
    // one exception is the command line's launcher, which Electron never loads.
    expect(built.filter((file) => !file.endsWith('.cjs'))).toEqual([CLI_LAUNCHER]);
  });

  it('leaves sources, tests, node_modules, source maps and the addon out of the archive', () => {
    const stray = entries.filter((entry) =>
      /^\/(src-[a-z]+|tests|native|node_modules|build)(\/|$)|\.map$|\.node$/.test(entry),
    );
    expect(stray).toEqual([]);
  });

  it("puts the addon outside app.asar, where the app's path code finds it and hands it to workers", () => {
    // What main.ts computes from its own folder inside the archive, and passes to each worker.
    const fromMain = locateNativeAddon(join(resources, 'app.asar', 'out', 'main'));
    expect(fromMain).toBe(join(resources, 'native', 'wrangle_native.node'));
    expect(existsSync(fromMain)).toBe(true);
    expect(readFileSync(fromMain).equals(readFileSync(BUILT_ADDON))).toBe(true);
    // A worker takes the host's path, whichever chunk of the archive asks.
    const chunkDir = join(resources, 'app.asar', 'out', 'main', 'chunks');
    expect(workerNativeAddon({ [NATIVE_ADDON_ENV]: fromMain }, chunkDir)).toBe(fromMain);
    // Even without it, a worker inside the archive looks in the same place.
    expect(workerNativeAddon({}, chunkDir)).toBe(fromMain);
  });
});
