/** The portable lister: readdir with file types, then lstat per regular file. */
import { lstatSync, readdirSync, type Dirent } from 'node:fs';
import { errnoCodeOf } from '../../src-node/errno';
import { bucketFrames } from '../../src-shared/frame-buckets';
import { displayName, joinName, type DirLister, type DirListing, type FsName } from './dir-lister';
import { sequenceLines } from './sequence-lines';

// Shared option objects: these calls run once per entry, so avoid an allocation each time.
const LSTAT_OPTIONS = { throwIfNoEntry: false } as const;
const READDIR_OPTIONS = { withFileTypes: true } as const;
const READDIR_BUFFER_OPTIONS = { withFileTypes: true, encoding: 'buffer' } as const;

/** Names with U+FFFD may be lossy decodings of non-UTF-8 bytes; those need byte paths to lstat. */
function hasReplacementChar(entries: Dirent[]): boolean {
  for (const entry of entries) if (entry.name.includes('\uFFFD')) return true;
  return false;
}

function readEntries(path: FsName): Dirent[] | Dirent<Buffer>[] {
  if (typeof path === 'string') {
    const entries = readdirSync(path, READDIR_OPTIONS);
    if (!hasReplacementChar(entries)) return entries;
    path = Buffer.from(path);
  }
  return readdirSync(Buffer.from(path), READDIR_BUFFER_OPTIONS);
}

/** Lists with Node's fs API: works everywhere, costs one JS lstat per file. */
export const nodeLister: DirLister = {
  kind: 'node',
  list(path, minSize, sequences) {
    let entries: Dirent[] | Dirent<Buffer>[];
    try {
      entries = readEntries(path);
    } catch (error) {
      return { error: { code: errnoCodeOf(error), message: (error as Error).message } };
    }
    const listing: DirListing = {
      files: 0,
      bytes: 0,
      symlinks: 0,
      others: 0,
      dirs: [],
      big: [],
      bigSizes: [],
      failed: [],
      failedCodes: [],
      last: null,
      zero: [],
      sequences: null,
    };
    const bigSizes: number[] = [];
    const fileNames: string[] = [];
    const fileSizes: number[] = [];
    // Empty files, by their index in fileNames when sequences are looked for (a frame's sequence reports it).
    const empty: { name: FsName; index: number }[] = [];
    for (const entry of entries) {
      const name: FsName = entry.name;
      if (entry.isDirectory()) listing.dirs.push(name);
      else if (entry.isSymbolicLink()) listing.symlinks++;
      else if (!entry.isFile()) listing.others++;
      else {
        let size: number;
        try {
          const stats = lstatSync(joinName(path, name), LSTAT_OPTIONS);
          if (!stats) continue; // vanished since readdir: not there, not counted
          size = stats.size;
        } catch (error) {
          // Still a file (find counts it); only its size is unknown.
          listing.files++;
          listing.failed.push(name);
          listing.failedCodes.push(errnoCodeOf(error));
          continue;
        }
        listing.files++;
        listing.bytes += size;
        listing.last = name;
        if (size >= minSize) {
          listing.big.push(name);
          bigSizes.push(size);
        }
        if (size === 0) empty.push({ name, index: fileNames.length });
        if (sequences) {
          fileNames.push(displayName(name));
          fileSizes.push(size);
        }
      }
    }
    listing.bigSizes = bigSizes;
    const inSequence = new Uint8Array(fileNames.length);
    if (sequences && fileNames.length > 1) {
      const lines = sequenceLines(bucketFrames(fileNames, fileSizes, sequences), inSequence);
      if (lines.length > 0) listing.sequences = lines;
    }
    for (const { name, index } of empty) if (inSequence[index] !== 1) listing.zero.push(name);
    return listing;
  },
};
