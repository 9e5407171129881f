/**
 * Where the native addon (wrangle_native.node) lives, for the host that passes its path on and for the worker
 * that loads it. docs/packaging.md tells the route: in a packaged app electron-builder copies it as an
 * extraResources entry to `<resources>/native/`, beside app.asar and outside it (dlopen cannot read an archive);
 * in a checkout node-gyp builds it to build/Release.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, parse, sep } from 'node:path';

/** The environment variable through which the host gives each worker the addon's absolute path. */
export const NATIVE_ADDON_ENV = 'WRANGLE_NATIVE_ADDON';

/** The addon's file name, as binding.gyp's target names it. */
export const NATIVE_ADDON_FILE = 'wrangle_native.node';

/** Where node-gyp writes the addon, relative to the checkout (or the installed npm package). */
export const CHECKOUT_ADDON = join('build', 'Release', NATIVE_ADDON_FILE);

/** Where a packaged app keeps the addon, relative to its resources folder (electron-builder.yml extraResources). */
export const PACKAGED_ADDON = join('native', NATIVE_ADDON_FILE);

/** The resources folder of a packaged app when `dir` lies inside its app.asar, else null. */
export function packagedResourcesDir(dir: string): string | null {
  const parts = dir.split(/[\\/]/);
  const at = parts.lastIndexOf('app.asar');
  if (at < 1) return null;
  return parts.slice(0, at).join(sep) || parse(dir).root;
}

/**
 * The addon's absolute path as seen from `dir`, a folder of the running code (out/main, out/main/chunks, or a
 * source folder under the tests). Inside app.asar: `<resources>/native/wrangle_native.node`. Elsewhere: the
 * nearest build/Release/wrangle_native.node upwards, or the one two levels up (out/main's checkout) when none is
 * built yet, so the reason a load fails names the expected place.
 */
export function locateNativeAddon(dir: string): string {
  const resources = packagedResourcesDir(dir);
  if (resources !== null) return join(resources, PACKAGED_ADDON);
  let at = dir;
  for (let level = 0; level < 5; level++) {
    if (existsSync(join(at, CHECKOUT_ADDON))) return join(at, CHECKOUT_ADDON);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  return join(dir, '..', '..', CHECKOUT_ADDON);
}

/**
 * The addon path a worker should load: the absolute one its host passed in `env` (NATIVE_ADDON_ENV), else
 * the one found from `dir` (the CLI and tests fork workers without it).
 */
export function workerNativeAddon(env: NodeJS.ProcessEnv, dir: string): string {
  const given = env[NATIVE_ADDON_ENV];
  return given && isAbsolute(given) ? given : locateNativeAddon(dir);
}
