/** Which file engine a transfer runs on: the native addon when it loads, else Node's fs; or forced. */
import { fileURLToPath } from 'node:url';
import type { FsBackend } from './fs-backend';
import { loadNativeBackend } from './native-backend';
import { createNodeBackend } from './node-backend';

/** build/Release/wrangle_native.node beside out/ (the worker bundle lives in out/main). */
export const ADDON_PATH = fileURLToPath(new URL('../../build/Release/wrangle_native.node', import.meta.url));

/** The chosen backend, and why the native one was not used (when it was not). */
export async function chooseBackend(
  engine: 'auto' | 'native' | 'node',
): Promise<{ backend: FsBackend; fallbackReason: string | null }> {
  if (engine === 'node') return { backend: await createNodeBackend(), fallbackReason: null };
  const native = loadNativeBackend(ADDON_PATH);
  if ('backend' in native) return { backend: native.backend, fallbackReason: null };
  if (engine === 'native') throw new Error(`The native file engine did not load: ${native.reason}`);
  return { backend: await createNodeBackend(), fallbackReason: native.reason };
}
