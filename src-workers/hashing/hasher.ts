/**
 * The one entry for hashing (copy worker, verify worker, ASC MHL): C through the addon when it loads, else
 * JavaScript (node:crypto and hash-wasm), which must be loaded once with `await loadHashing()`.
 */
import type { HashFormat } from '../../src-shared/hash-formats';
import { Errno } from '../../src-node/errno';
import { NATIVE_ADDON_PATH } from '../native-addon-path';
import type { Hasher } from './hasher-types';
import { createJsHasher, jsHashBytes, loadJsHashing } from './js-hashes';
import { createNativeHasher, loadNativeHashes, nativeHashBytes } from './native-hashes';
import type { NativeHashes } from './native-hashes';

export type { Hasher } from './hasher-types';
export { c4FromSha512Hex } from './c4';

/** The addon's hashing calls, or why they are missing; looked for once, on first use. */
let addonLoad: { native: NativeHashes } | { reason: string } | null = null;

function nativeHashes(): NativeHashes | null {
  addonLoad ??= loadNativeHashes(NATIVE_ADDON_PATH);
  return 'native' in addonLoad ? addonLoad.native : null;
}

/** Which implementation hashes here, and why not the native one (when not). */
export function hashingEngine(): { kind: 'native' } | { kind: 'js'; reason: string } {
  nativeHashes();
  return addonLoad && 'reason' in addonLoad ? { kind: 'js', reason: addonLoad.reason } : { kind: 'native' };
}

/** Make hashing ready: nothing with the addon; compiles the WebAssembly once without it. */
export async function loadHashing(): Promise<void> {
  if (!nativeHashes()) await loadJsHashing();
}

/** A hasher computing every format in `formats` from each byte it is given. */
export function createHasher(formats: readonly HashFormat[]): Hasher {
  const addon = nativeHashes();
  return addon ? createNativeHasher(addon, formats) : createJsHasher(formats);
}

/** One format of `data` (ASC MHL directory hashes); c4 gives the C4 id. */
export function hashBytes(format: HashFormat, data: Uint8Array): string {
  const addon = nativeHashes();
  return addon ? nativeHashBytes(addon, format, data) : jsHashBytes(format, data);
}

/**
 * Ask the kernel to forget the file's cached pages, so reading it back checks the disk, not memory.
 * 0, or an errno (ENOSYS without the addon).
 */
export function dropCache(fd: number): number {
  return nativeHashes()?.dropCache(fd) ?? Errno.ENOSYS;
}
