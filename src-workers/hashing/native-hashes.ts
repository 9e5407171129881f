/** Hashing in C: the addon's calls (native/hash_napi.c), typed, and a Hasher over them. */
import { createRequire } from 'node:module';
import { HASH_FORMATS, formatMask } from '../../src-shared/hash-formats';
import type { HashFormat, HashValues } from '../../src-shared/hash-formats';
import { c4FromSha512Hex } from './c4';
import type { Hasher } from './hasher-types';

declare const handleBrand: unique symbol;
/** A native hash set (a Node-API external), freed when it is garbage collected. */
export type NativeHasherHandle = { readonly [handleBrand]: true };

/** The addon's hashing surface. Digest rows hold six strings in HASH_FORMATS order, '' for formats not asked. */
export interface NativeHashes {
  hasherNew(mask: number): NativeHasherHandle;
  hasherUpdate(hasher: NativeHasherHandle, data: Uint8Array): void;
  hasherUpdateZeros(hasher: NativeHasherHandle, n: number): void;
  hasherHex(hasher: NativeHasherHandle): string[];
  hasherReset(hasher: NativeHasherHandle): void;
  hashBytes(mask: number, data: Uint8Array): string[];
  /** posix_fadvise(DONTNEED) on the whole file: 0, or an errno. */
  dropCache(fd: number): number;
}

/** Load the addon at `addonPath` (NATIVE_ADDON_PATH), or say why it cannot hash. */
export function loadNativeHashes(addonPath: string): { native: NativeHashes } | { reason: string } {
  let native: Partial<NativeHashes>;
  try {
    native = createRequire(import.meta.url)(addonPath) as Partial<NativeHashes>;
  } catch (error) {
    return { reason: (error as Error).message };
  }
  if (typeof native.hasherNew !== 'function' || typeof native.dropCache !== 'function')
    return { reason: `${addonPath} has no hashing calls (an old build?)` };
  return { native: native as NativeHashes };
}

/** A digest row as HashValues: the formats asked for only, c4 made from its sha512. */
function rowValues(row: readonly string[]): HashValues {
  const values: HashValues = {};
  HASH_FORMATS.forEach((format, index) => {
    const hex = row[index];
    if (hex) values[format] = format === 'c4' ? c4FromSha512Hex(hex) : hex;
  });
  return values;
}

export function createNativeHasher(native: NativeHashes, formats: readonly HashFormat[]): Hasher {
  const handle = native.hasherNew(formatMask(formats));
  return {
    update: (data) => native.hasherUpdate(handle, data),
    updateZeros: (n) => native.hasherUpdateZeros(handle, n),
    digest: () => rowValues(native.hasherHex(handle)),
    reset: () => native.hasherReset(handle),
  };
}

/** One format of `data`, in one call. */
export function nativeHashBytes(native: NativeHashes, format: HashFormat, data: Uint8Array): string {
  const hex = native.hashBytes(formatMask([format]), data)[HASH_FORMATS.indexOf(format)] ?? '';
  return format === 'c4' ? c4FromSha512Hex(hex) : hex;
}
