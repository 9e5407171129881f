/**
 * `npm start` (scripts/start.mjs) on a first run: it installs the Electron runtime with electron's own
 * installer before electron-vite runs, and offline it prints one clear line and exits non-zero, never
 * electron-vite's "Electron uninstall". Each case runs on a copy of the electron package, so the real
 * node_modules/electron is never touched.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const script = join(root, 'scripts', 'start.mjs');
const realElectron = join(root, 'node_modules', 'electron');
const OFFLINE_LINE =
  'wrangle: the Electron runtime is not installed and could not be downloaded (no internet?). ' +
  'Run `npx install-electron` when online, or use the CLI: npx wrangle scan <folder>.';
const binaryName = process.platform === 'win32' ? 'electron.exe' : 'electron';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of the electron package without its runtime (as on a fresh clone), in a temporary folder. */
function electronCopy(installJs?: string): { base: string; electron: string } {
  const base = mkdtempSync(join(tmpdir(), 'wrangle-start-'));
  dirs.push(base);
  const electron = join(base, 'electron');
  mkdirSync(electron);
  for (const file of ['package.json', 'checksums.json', 'install.js']) {
    copyFileSync(join(realElectron, file), join(electron, file));
  }
  if (installJs !== undefined) writeFileSync(join(electron, 'install.js'), installJs);
  return { base, electron };
}

/** Run the start script against `electron`, with every download pointed at a closed local port. */
function start(base: string, electron: string, args: string[] = ['--check']) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    WRANGLE_ELECTRON_DIR: electron,
    // The copy's installer finds @electron/get in the real node_modules.
    NODE_PATH: join(root, 'node_modules'),
    ELECTRON_MIRROR: 'http://127.0.0.1:9/',
    electron_config_cache: join(base, 'cache'),
    ELECTRON_GET_USE_PROXY: '',
  };
  delete env.ELECTRON_EXEC_PATH;
  delete env.ELECTRON_OVERRIDE_DIST_PATH;
  delete env.WRANGLE_DEBUG;
  return spawnSync(process.execPath, [script, ...args], { env, encoding: 'utf8', timeout: 60_000 });
}

describe('npm start on a first run', () => {
  it('offline: prints one clear line and exits non-zero, with no "Electron uninstall"', () => {
    const realPathTxt = existsSync(join(realElectron, 'path.txt'));
    const { base, electron } = electronCopy();
    const run = start(base, electron, []);
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`${OFFLINE_LINE}\n`);
    expect(run.stdout).toBe('');
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/uninstall/i);
    expect(existsSync(join(electron, 'path.txt'))).toBe(false);
    expect(existsSync(join(realElectron, 'path.txt'))).toBe(realPathTxt);
  });

  it('runs electron’s installer when the runtime is missing, then goes on', () => {
    // A stand-in for a successful download: what install.js leaves behind.
    const installer = `
      const { mkdirSync, writeFileSync } = require('node:fs');
      const { join } = require('node:path');
      mkdirSync(join(__dirname, 'dist'), { recursive: true });
      writeFileSync(join(__dirname, 'dist', ${JSON.stringify(binaryName)}), '');
      writeFileSync(join(__dirname, 'path.txt'), ${JSON.stringify(binaryName)});
      console.log('downloaded');
    `;
    const { base, electron } = electronCopy(installer);
    const run = start(base, electron);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readFileSync(join(electron, 'path.txt'), 'utf8')).toBe(binaryName);
  });

  it('does not run the installer when the runtime is already there', () => {
    const { base, electron } = electronCopy('process.exit(3);');
    mkdirSync(join(electron, 'dist'));
    writeFileSync(join(electron, 'dist', binaryName), '');
    writeFileSync(join(electron, 'path.txt'), binaryName);
    const run = start(base, electron);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('treats an installer that exits 0 without a runtime as a failure', () => {
    const { base, electron } = electronCopy('process.exit(0);');
    const run = start(base, electron);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`${OFFLINE_LINE}\n`);
  });

  it('shows the installer’s own output with WRANGLE_DEBUG=1', () => {
    const { electron } = electronCopy('console.error("mirror said no"); process.exit(1);');
    const run = spawnSync(process.execPath, [script, '--check'], {
      env: { ...process.env, WRANGLE_ELECTRON_DIR: electron, WRANGLE_DEBUG: '1', ELECTRON_EXEC_PATH: '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('mirror said no');
    expect(run.stderr.trimEnd().split('\n').at(-1)).toBe(OFFLINE_LINE);
  });
});
