/** Writes one file or symlink under a temporary name in its destination folder, then renames it into place. */
import { constants } from 'node:fs';
import { join } from 'node:path';
import type { FileOps } from './file-ops';

/** Marks a temporary name; a folder's leftovers with it are removed when a job writes there again. */
export const PART_MARKER = '.wrangle-part-';
/** NAME_MAX on Linux filesystems. */
const NAME_MAX_BYTES = 255;
/** Exclusive create (never clobber, and no truncate on ext4) and a reflink where the filesystem has one. */
const COPY_MODE = constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE;

/** The temporary name for `name` in job `batch` (`row` keeps over-long names unique). */
export function partName(name: string, batch: string, row: number): string {
  const safeBatch = batch.replace(/[^A-Za-z0-9_-]/g, '_');
  const part = `.${name}${PART_MARKER}${safeBatch}`;
  return Buffer.byteLength(part) <= NAME_MAX_BYTES ? part : `${PART_MARKER}${safeBatch}-${row}`.slice(0, 255);
}

/** What to place and how. */
export interface PlaceRequest {
  source: string;
  dir: string;
  /** The real name to rename into. */
  name: string;
  part: string;
  atimeMs: number;
  mtimeMs: number;
  /** Hash source and the temporary copy, and refuse the rename when they differ. */
  verify: boolean;
  signal: AbortSignal;
}

/** Raised when the copy does not match the source; the temporary file is already gone. */
export class VerifyMismatch extends Error {
  constructor(
    readonly sourceHash: string,
    readonly copyHash: string,
  ) {
    super(`Checksum mismatch: source xxh64 ${sourceHash}, copy ${copyHash}; the copy was discarded.`);
  }
}

/** Raised when the job was cancelled while this file was being copied; the temporary file is already gone. */
export class PlaceCancelled extends Error {}

/**
 * Copy a regular file into place: copyFile to the temp name, set times (copyFile already sets the mode),
 * hash when verifying, rename. Any error removes the temp file first. Returns the xxh64 when verified.
 */
export async function placeFile(ops: FileOps, request: PlaceRequest): Promise<string | null> {
  const part = join(request.dir, request.part);
  let created = false;
  try {
    const sourceHash = request.verify ? await ops.hash(request.source, request.signal) : null;
    try {
      await ops.copyFile(request.source, part, COPY_MODE);
    } catch (error) {
      // A leftover of this very job (killed earlier): remove it and try once more.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      await ops.unlink(part);
      await ops.copyFile(request.source, part, COPY_MODE);
    }
    created = true;
    if (request.signal.aborted) throw new PlaceCancelled('Cancelled.');
    await ops.utimes(part, request.atimeMs, request.mtimeMs);
    let hash: string | null = null;
    if (sourceHash !== null) {
      hash = await ops.hash(part, request.signal);
      if (hash !== sourceHash) throw new VerifyMismatch(sourceHash, hash);
    }
    if (request.signal.aborted) throw new PlaceCancelled('Cancelled.');
    await ops.rename(part, join(request.dir, request.name));
    return hash;
  } catch (error) {
    if (created || (error as NodeJS.ErrnoException).code !== 'EEXIST') await removeQuietly(ops, part);
    throw error;
  }
}

/** Recreate a symlink (same target text) via a temp name; returns the target. */
export async function placeSymlink(ops: FileOps, request: PlaceRequest): Promise<string> {
  const part = join(request.dir, request.part);
  try {
    const target = await ops.readlink(request.source);
    try {
      await ops.symlink(target, part);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      await ops.unlink(part);
      await ops.symlink(target, part);
    }
    await ops.lutimes(part, request.atimeMs, request.mtimeMs);
    await ops.rename(part, join(request.dir, request.name));
    return target;
  } catch (error) {
    await removeQuietly(ops, part);
    throw error;
  }
}

async function removeQuietly(ops: FileOps, path: string): Promise<void> {
  try {
    await ops.unlink(path);
  } catch {
    // Already gone (or never created): nothing to clean.
  }
}
