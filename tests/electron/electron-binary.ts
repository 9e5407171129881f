/** Finds an installed Electron binary without triggering Electron's download (which fails offline). */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ELECTRON_DIR = resolve(import.meta.dirname, '../../node_modules/electron');

/** The Electron executable, or why there is none. */
export function findElectronBinary(): { path: string } | { missing: string } {
  const pathFile = join(ELECTRON_DIR, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(ELECTRON_DIR, 'dist');
  const path = join(dist, name);
  if (existsSync(path)) return { path };
  return {
    missing: `no Electron binary at ${path} (install it with \`npx install-electron\`, or set ELECTRON_OVERRIDE_DIST_PATH to use another)`,
  };
}
