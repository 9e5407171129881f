/**
 * Reads one file once and hashes it in every format asked, in chunks: between chunks it stops for a cancel,
 * waits while paused and keeps to a bandwidth limit, so a big file never holds the job up. The file's cached
 * pages are dropped first, so the bytes hashed come from the storage, not from memory.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { HashFormat, HashValues } from '../../src-shared/hash-formats';
import { createHasher, dropCache } from '../hashing/hasher';
import type { PauseGate } from '../pause-gate';

/** Bytes read at a time: big enough for full speed, small enough that a cancel lands within milliseconds. */
export const CHUNK_BYTES = 2 * 1024 * 1024;

/** What reading one file gave. */
export interface FileHash {
  values: HashValues;
  /** Bytes actually read (the file may have changed size since it was listed). */
  bytes: number;
  /** The kernel dropped the file's cached pages before it was read. */
  cacheDropped: boolean;
}

/** Thrown when a cancel stopped a read part-way. */
export class ReadCancelled extends Error {
  constructor() {
    super('Cancelled.');
  }
}

/** What a read needs from the job. */
export interface ReadControl {
  signal: AbortSignal;
  pause: PauseGate;
  /** Called with each chunk's size as it is hashed (progress, and the bandwidth limit). */
  onBytes(bytes: number): Promise<void> | void;
}

/** Hash the file at `path` in `formats`. Throws the fs error when it cannot be opened or read. */
export async function hashFile(
  path: string,
  formats: readonly HashFormat[],
  buffer: Uint8Array,
  control: ReadControl,
): Promise<FileHash> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw Object.assign(new Error(`${path} is not a regular file`), { code: 'EISDIR' });
    const cacheDropped = dropCache(handle.fd) === 0;
    const hasher = createHasher(formats);
    let bytes = 0;
    for (;;) {
      if (control.signal.aborted) throw new ReadCancelled();
      if (control.pause.paused) {
        await control.pause.wait(control.signal);
        if (control.signal.aborted) throw new ReadCancelled();
      }
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hasher.update(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
      bytes += bytesRead;
      await control.onBytes(bytesRead);
    }
    return { values: hasher.digest(), bytes, cacheDropped };
  } finally {
    await handle.close();
  }
}
