#!/usr/bin/env node
/**
 * `npm start`: make sure the Electron runtime is installed, then run `electron-vite preview`.
 *
 * electron 45 downloads its binary lazily (the first `require('electron')`), but electron-vite reads
 * node_modules/electron/path.txt directly and throws "Electron uninstall" when it is missing. So on a fresh
 * clone this runs electron's own installer (`install-electron`, i.e. node_modules/electron/install.js) first.
 * Offline it prints one clear line and exits 1.
 *
 * Usage: node scripts/start.mjs [--check] [electron-vite preview args…]
 *   --check  only ensure the runtime is installed; do not launch the app.
 * Environment: WRANGLE_ELECTRON_DIR overrides the electron package folder (tests point it at a copy);
 * ELECTRON_OVERRIDE_DIST_PATH and ELECTRON_EXEC_PATH are honoured as electron and electron-vite honour them;
 * WRANGLE_DEBUG=1 also prints the installer's own output when it fails.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The one line printed when the runtime is missing and cannot be downloaded. */
const OFFLINE_MESSAGE =
  'wrangle: the Electron runtime is not installed and could not be downloaded (no internet?). ' +
  'Run `npx install-electron` when online, or use the CLI: npx wrangle scan <folder>.';

/** The folder of the electron package (resolving package.json never triggers electron's download). */
function electronDir() {
  return process.env.WRANGLE_ELECTRON_DIR ?? dirname(require.resolve('electron/package.json'));
}

/** The installed Electron executable, or null when the runtime is missing. */
function installedBinary(dir) {
  const fromEnv = process.env.ELECTRON_EXEC_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const name = readFileSync(pathFile, 'utf8').trim();
  if (!name) return null;
  const binary = join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(dir, 'dist'), name);
  return existsSync(binary) ? binary : null;
}

/** Run electron's installer quietly; its output is shown only with WRANGLE_DEBUG. */
function runInstaller(dir) {
  const result = spawnSync(process.execPath, [join(dir, 'install.js')], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ELECTRON_GET_NO_PROGRESS: '1', ...process.env },
    timeout: 15 * 60_000,
  });
  if (result.status !== 0 && process.env.WRANGLE_DEBUG) {
    process.stderr.write(
      `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}\n`,
    );
  }
  return result.status === 0;
}

const checkOnly = process.argv.includes('--check');
const args = process.argv.slice(2).filter((arg) => arg !== '--check');
const dir = electronDir();

if (!installedBinary(dir)) {
  if (!runInstaller(dir) || !installedBinary(dir)) {
    process.stderr.write(`${OFFLINE_MESSAGE}\n`);
    process.exit(1);
  }
}
if (checkOnly) process.exit(0);

const electronVite = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
const preview = spawnSync(process.execPath, [electronVite, 'preview', ...args], { stdio: 'inherit' });
if (preview.error) {
  process.stderr.write(`wrangle: could not run electron-vite: ${preview.error.message}\n`);
  process.exit(1);
}
process.exit(preview.status ?? 1);
