/** xxhash64 of files (the checksum camera-media tools use), via the bundled xxhash-wasm. */
import { openSync, readSync, closeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import xxhash, { type XXHashAPI } from 'xxhash-wasm';

/** Files up to this size are read in one call; larger ones stream through this buffer size. */
const CHUNK = 4 * 1024 * 1024;

let api: XXHashAPI | null = null;

/** Load the wasm hasher once (a few ms); call before hashing. */
export async function loadXxhash(): Promise<void> {
  api ??= await xxhash();
}

function hasher(): XXHashAPI {
  if (!api) throw new Error('xxhash is not loaded.');
  return api;
}

/** The 16-hex-digit xxh64 digest of a file read synchronously (small files). */
export function hashFileSync(path: string, buffer: Buffer): string {
  const fd = openSync(path, 'r');
  try {
    const state = hasher().create64();
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      state.update(buffer.subarray(0, read));
    }
    return hex(state.digest());
  } finally {
    closeSync(fd);
  }
}

/** The 16-hex-digit xxh64 digest of a file read asynchronously in chunks (large files). */
export async function hashFile(path: string, signal?: AbortSignal): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const state = hasher().create64();
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      if (signal?.aborted) throw new Error('Hashing cancelled.');
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      state.update(buffer.subarray(0, bytesRead));
    }
    return hex(state.digest());
  } finally {
    await handle.close();
  }
}

/** A buffer for hashFileSync; one per job is enough. */
export function hashBuffer(): Buffer {
  return Buffer.allocUnsafe(1024 * 1024);
}

function hex(value: bigint): string {
  return value.toString(16).padStart(16, '0');
}
