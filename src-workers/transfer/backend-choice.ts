/** Which file engine a transfer runs on: the native addon when it loads, else Node's fs; or forced. */
import { NATIVE_ADDON_PATH } from '../native-addon-path';
import type { FsBackend } from './fs-backend';
import { loadNativeBackend } from './native-backend';
import { createNodeBackend } from './node-backend';

/** The addon's absolute path: from the host in a packaged app, else build/Release of the checkout. */
export const ADDON_PATH = NATIVE_ADDON_PATH;

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
