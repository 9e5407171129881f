/**
 * One folder as a watch sees it: its own files and bytes, its subfolders and its sequences. It lists with the
 * scan's lister and summarizes sequences with the scan's code (sequence-lines.ts), so a watched sequence is
 * exactly what `wrangle scan --json` reports; names still being written are left out of the sequences.
 */
import { bucketFrames } from '../../src-shared/frame-buckets';
import type { FrameRules } from '../../src-shared/frame-rules';
import { NATIVE_ADDON_PATH } from '../native-addon-path';
import { displayName, type DirLister } from '../scan/dir-lister';
import { loadNativeLister } from '../scan/native-lister';
import { nodeLister } from '../scan/node-lister';
import { sequenceLines } from '../scan/sequence-lines';
import { isInFlightName } from './in-flight-names';

/** What one folder holds now. */
export interface FolderListing {
  file_count: number;
  total_size: number;
  /** Subfolder names (lossy for names that are not UTF-8). */
  subdirs: string[];
  /** Sequence lines (sequence-lines.ts: a problem flag, then the entry's JSON without `dir`) by pattern. */
  sequences: Map<string, string>;
}

/** Why a folder could not be listed: gone (removed, renamed) or unreadable (the code). */
export type ListFailure = { gone: true } | { gone: false; code: string };

let lister: DirLister | undefined;

/**
 * The scan's native lister when it loads, else Node's fs. The native one hands back a folder's sizes in one
 * array, where Node's makes a Stats object per file: a reconcile of 100k files made the worker's heap grow.
 */
function folderLister(): DirLister {
  if (!lister) {
    const native = loadNativeLister(NATIVE_ADDON_PATH);
    lister = 'lister' in native ? native.lister : nodeLister;
  }
  return lister;
}

/** The pattern of a sequence line, read from its JSON without parsing it all. */
function patternOf(line: string): string {
  return (JSON.parse(line.slice(1)) as { pattern: string }).pattern;
}

/** List `path` now, grouping frames as `rules` allow; a failure says whether it went away or cannot be read. */
export function listFolder(path: string, rules: FrameRules): FolderListing | ListFailure {
  // minSize 0: every file's name and size comes back in `big`, which the sequences need; the sequences are
  // bucketed here, after in-flight names are left out, so the lister finds none itself.
  const listing = folderLister().list(path, 0, null);
  if ('error' in listing) {
    const { code } = listing.error;
    return code === 'ENOENT' || code === 'ENOTDIR' ? { gone: true } : { gone: false, code };
  }
  const names: string[] = [];
  const sizes: number[] = [];
  for (let i = 0; i < listing.big.length; i++) {
    const name = displayName(listing.big[i] as string | Uint8Array);
    if (isInFlightName(name)) continue;
    names.push(name);
    sizes.push(listing.bigSizes[i] as number);
  }
  const sequences = new Map<string, string>();
  if (names.length > 1)
    for (const line of sequenceLines(bucketFrames(names, sizes, rules))) sequences.set(patternOf(line), line);
  return {
    file_count: listing.files,
    total_size: listing.bytes,
    subdirs: listing.dirs.map(displayName),
    sequences,
  };
}
