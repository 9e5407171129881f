/**
 * The live state of a watched tree: each watched folder's totals and sequences, and what changed since the
 * last update was taken. Folders are keyed by their path relative to the root ('' for the root).
 */
import type { SequenceEntry } from '../../src-shared/jobs';
import type { SequenceKey, WatchFolder, WatchedSequence } from '../../src-shared/watch-shapes';
import { entryJsonWithDir } from '../scan/sequence-lines';
import type { FolderListing } from './folder-listing';

interface FolderState {
  file_count: number;
  total_size: number;
  sequences: Map<string, string>;
  /** When a frame of each sequence (by pattern) last landed, once seen landing. */
  landed: Map<string, number>;
}

/** What changed since the last take. */
export interface WatchChanges {
  changed: WatchedSequence[];
  removed: SequenceKey[];
  folders: WatchFolder[];
  folders_removed: string[];
}

/** A sequence line's count and bytes, to tell a frame landing from one going away. */
function growth(line: string): { count: number; total_size: number } {
  const { count, total_size } = JSON.parse(line.slice(1)) as SequenceEntry;
  return { count, total_size };
}

export class WatchState {
  private readonly folders = new Map<string, FolderState>();
  private changedSequences = new Map<string, { dir: string; pattern: string }>();
  private removedSequences = new Map<string, SequenceKey>();
  private changedFolders = new Set<string>();
  private removedFolders = new Set<string>();
  fileCount = 0;
  totalSize = 0;
  sequenceCount = 0;

  /** Folders held (the watched ones). */
  get folderCount(): number {
    return this.folders.size;
  }

  /** The watched folders' paths. */
  folderDirs(): IterableIterator<string> {
    return this.folders.keys();
  }

  /** Files a watched folder holds (0 when not watched). */
  entriesOf(dir: string): number {
    return this.folders.get(dir)?.file_count ?? 0;
  }

  has(dir: string): boolean {
    return this.folders.has(dir);
  }

  /**
   * Record `dir`'s new listing; `now` is when it was read (a frame that appeared landed then). `appeared`: the
   * folder itself is new while watching, so its frames landed now too.
   */
  apply(dir: string, listing: FolderListing, now: number, appeared = false): void {
    const before = this.folders.get(dir);
    const landed = new Map<string, number>();
    for (const [pattern, line] of listing.sequences) {
      const old = before?.sequences.get(pattern);
      const oldLanded = before?.landed.get(pattern);
      if (old !== line) this.markChanged(dir, pattern);
      if (old !== undefined && old !== line) {
        const [was, is] = [growth(old), growth(line)];
        if (is.count > was.count || is.total_size > was.total_size) landed.set(pattern, now);
        else if (oldLanded !== undefined) landed.set(pattern, oldLanded);
      } else if (old === undefined && (before || appeared))
        landed.set(pattern, now); // new while watched
      else if (oldLanded !== undefined) landed.set(pattern, oldLanded);
    }
    if (before) {
      for (const pattern of before.sequences.keys())
        if (!listing.sequences.has(pattern)) this.markRemoved(dir, pattern);
      if (before.file_count !== listing.file_count || before.total_size !== listing.total_size)
        this.changedFolders.add(dir);
      this.fileCount -= before.file_count;
      this.totalSize -= before.total_size;
      this.sequenceCount -= before.sequences.size;
    } else {
      this.changedFolders.add(dir);
      this.removedFolders.delete(dir);
    }
    this.folders.set(dir, {
      file_count: listing.file_count,
      total_size: listing.total_size,
      sequences: listing.sequences,
      landed,
    });
    this.fileCount += listing.file_count;
    this.totalSize += listing.total_size;
    this.sequenceCount += listing.sequences.size;
  }

  /** Forget `dir` (gone, or no longer watched): its sequences are removed. */
  remove(dir: string): void {
    const before = this.folders.get(dir);
    if (!before) return;
    for (const pattern of before.sequences.keys()) this.markRemoved(dir, pattern);
    this.folders.delete(dir);
    this.fileCount -= before.file_count;
    this.totalSize -= before.total_size;
    this.sequenceCount -= before.sequences.size;
    this.changedFolders.delete(dir);
    this.removedFolders.add(dir);
  }

  /** Whether anything changed since the last take. */
  get dirty(): boolean {
    return (
      this.changedSequences.size +
        this.removedSequences.size +
        this.changedFolders.size +
        this.removedFolders.size >
      0
    );
  }

  /** What changed since the last take, or everything when `all`; clears the record of changes. */
  take(all = false): WatchChanges {
    const changed: WatchedSequence[] = [];
    const folders: WatchFolder[] = [];
    const sequenceKeys = all ? this.allSequenceKeys() : [...this.changedSequences.values()];
    for (const { dir, pattern } of sequenceKeys) {
      const state = this.folders.get(dir);
      const line = state?.sequences.get(pattern);
      if (!state || line === undefined) continue;
      const sequence = JSON.parse(entryJsonWithDir(line, JSON.stringify(dir))) as SequenceEntry;
      changed.push({ sequence, landed_at: state.landed.get(pattern) ?? null });
    }
    for (const dir of all ? this.folders.keys() : this.changedFolders) {
      const state = this.folders.get(dir);
      if (state) folders.push({ dir, file_count: state.file_count, total_size: state.total_size });
    }
    const changes: WatchChanges = {
      changed,
      removed: all ? [] : [...this.removedSequences.values()],
      folders,
      folders_removed: all ? [] : [...this.removedFolders],
    };
    this.changedSequences = new Map();
    this.removedSequences = new Map();
    this.changedFolders = new Set();
    this.removedFolders = new Set();
    return changes;
  }

  private allSequenceKeys(): SequenceKey[] {
    const keys: SequenceKey[] = [];
    for (const [dir, state] of this.folders)
      for (const pattern of state.sequences.keys()) keys.push({ dir, pattern });
    return keys;
  }

  private markChanged(dir: string, pattern: string): void {
    const key = `${dir}\0${pattern}`;
    this.removedSequences.delete(key);
    this.changedSequences.set(key, { dir, pattern });
  }

  private markRemoved(dir: string, pattern: string): void {
    const key = `${dir}\0${pattern}`;
    this.changedSequences.delete(key);
    this.removedSequences.set(key, { dir, pattern });
  }
}
