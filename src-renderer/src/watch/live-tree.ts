/**
 * A scan's tree made live by a watch: the watch's folder totals and sequences laid over the scan's tree by
 * relative path. Pure (scan tree + watch state in, live tree out), so the results view derives it, never stores it.
 */
import { hasProblems, type SequenceEntry } from '../../../src-shared/jobs';
import type { ScanTree, ScanTreeDirs } from '../../../src-shared/scan-tree';
import type { WatchUpdate } from '../../../src-shared/watch-shapes';
import { relativePaths } from '../scan/tree/tree-model';

/** The scan's tree with the watch's facts in it. */
export interface LiveTree {
  /** Same shape as the scan's: scan folders keep their order (removed ones left out), new ones come last. */
  tree: ScanTree;
  /** Each live folder's index in the scan's tree (what getFolderFiles asks for), -1 for a folder new since. */
  scanDir: Int32Array;
  /** Live folders whose own files differ from the scan's: the scan's file list of them is out of date. */
  changedDirs: ReadonlySet<number>;
  /** Scan folders and sequences the watch says went away; live indices after them shift when it changes. */
  removedKey: string;
}

/** The results' summary figures. */
export interface SummaryFacts {
  total_size: number;
  file_count: number;
  directory_count: number;
  sequence_count: number;
  problem_sequence_count: number;
}

const trimSlashes = (dir: string): string => dir.replace(/^\/+|\/+$/g, '');
const seqKey = (dir: string, pattern: string): string => `${trimSlashes(dir)}\0${pattern}`;
const parentPath = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf('/')));

/**
 * Lay `watch` (a whole state) over `scan`. A watched folder's own files and bytes and its sequences are the
 * watch's; unwatched folders keep the scan's. A scan folder the watch does not hold is gone only when the watch
 * holds every folder it found (else it may just be over the inotify budget, and keeps its scanned facts) and
 * the scan could read it.
 * Recursive totals are summed again bottom-up, so ancestors follow their folders.
 */
export function mergeWatch(scan: ScanTree, watch: WatchUpdate, scanPaths = relativePaths(scan)): LiveTree {
  const watched = new Map(watch.folders.map((folder) => [trimSlashes(folder.dir), folder]));
  const complete = watch.coverage.folders_watched >= watch.coverage.folders_found;
  const s = scan.dirs;
  const dirs: ScanTreeDirs = {
    name: [],
    parent: [],
    own_files: [],
    own_size: [],
    symlinks: [],
    others: [],
    total_size: [],
    file_count: [],
    directory_count: [],
    error: [],
  };
  const scanDir: number[] = [];
  const changedDirs = new Set<number>();
  const liveIndex = new Map<string, number>();
  const removed: string[] = [];
  const push = (path: string, name: string, parent: number, from: number): number => {
    const live = dirs.name.length;
    const folder = watched.get(path);
    const ownFiles = folder?.file_count ?? (from >= 0 ? (s.own_files[from] ?? 0) : 0);
    const ownSize = folder?.total_size ?? (from >= 0 ? (s.own_size[from] ?? 0) : 0);
    dirs.name.push(name);
    dirs.parent.push(parent);
    dirs.own_files.push(ownFiles);
    dirs.own_size.push(ownSize);
    dirs.symlinks.push(from >= 0 ? (s.symlinks[from] ?? 0) : 0);
    dirs.others.push(from >= 0 ? (s.others[from] ?? 0) : 0);
    dirs.error.push(from >= 0 ? (s.error[from] ?? 0) : 0);
    scanDir.push(from);
    liveIndex.set(path, live);
    if (from < 0 || ownFiles !== (s.own_files[from] ?? 0) || ownSize !== (s.own_size[from] ?? 0))
      changedDirs.add(live);
    return live;
  };

  scanPaths.forEach((path, from) => {
    const parentFrom = s.parent[from] ?? -1;
    const parent = parentFrom < 0 ? -1 : liveIndex.get(scanPaths[parentFrom] ?? '');
    // The root always stays; a folder below a removed one is removed with it. One the scan could not read
    // is not listed by the watch either: not holding it says nothing about it.
    const unread = s.error[from] === 1;
    const gone = parent === undefined || (from > 0 && complete && !unread && !watched.has(path));
    if (gone) removed.push(path);
    else push(path, s.name[from] ?? '', parent, from);
  });
  // New folders, parents first (a shorter path cannot be below a longer one).
  const fresh = [...watched.keys()].filter((path) => !liveIndex.has(path));
  fresh.sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : a > b ? 1 : 0));
  const ensure = (path: string): number => {
    const known = liveIndex.get(path);
    if (known !== undefined) return known;
    const parent = ensure(parentPath(path));
    return push(path, path.slice(path.lastIndexOf('/') + 1), parent, -1);
  };
  for (const path of fresh) ensure(path);

  sumTotals(dirs);
  const sequences = mergeSequences(scan.sequences, watch, watched, liveIndex, removed);
  const { version, root, scanned_at } = scan;
  return {
    tree: { version, root, scanned_at, dirs, sequences: sequences.list },
    scanDir: Int32Array.from(scanDir),
    changedDirs,
    removedKey: [...removed, ...sequences.removed].join('\n'),
  };
}

/** Fill total_size, file_count and directory_count from the own columns (parents come before children). */
function sumTotals(dirs: ScanTreeDirs): void {
  const count = dirs.name.length;
  dirs.total_size = [...dirs.own_size];
  dirs.file_count = [...dirs.own_files];
  dirs.directory_count = new Array<number>(count).fill(0);
  for (let i = count - 1; i > 0; i--) {
    const p = dirs.parent[i] ?? -1;
    if (p < 0) continue;
    dirs.total_size[p] = (dirs.total_size[p] ?? 0) + (dirs.total_size[i] ?? 0);
    dirs.file_count[p] = (dirs.file_count[p] ?? 0) + (dirs.file_count[i] ?? 0);
    dirs.directory_count[p] = (dirs.directory_count[p] ?? 0) + (dirs.directory_count[i] ?? 0) + 1;
  }
}

/**
 * The scan's sequences, each in its place, replaced by the watch's where the watch holds its folder and dropped
 * where the watch has it no more (or its folder is gone); then the watch's new ones, by folder and pattern.
 */
function mergeSequences(
  scanned: readonly SequenceEntry[],
  watch: WatchUpdate,
  watched: ReadonlyMap<string, unknown>,
  liveIndex: ReadonlyMap<string, number>,
  removedDirs: readonly string[],
): { list: SequenceEntry[]; removed: string[] } {
  const fromWatch = new Map(
    watch.changed.map(({ sequence }) => [seqKey(sequence.dir, sequence.pattern), sequence]),
  );
  const gone = new Set(removedDirs);
  const list: SequenceEntry[] = [];
  const removed: string[] = [];
  const placed = new Set<string>();
  for (const seq of scanned) {
    const dir = trimSlashes(seq.dir);
    const key = seqKey(dir, seq.pattern);
    const live = watched.has(dir) ? fromWatch.get(key) : gone.has(dir) ? undefined : seq;
    if (live && !placed.has(key)) {
      list.push(live);
      placed.add(key);
    } else removed.push(key);
  }
  const added = [...fromWatch.entries()].filter(
    ([key, seq]) => !placed.has(key) && liveIndex.has(trimSlashes(seq.dir)),
  );
  added.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [, seq] of added) list.push(seq);
  return { list, removed };
}

/**
 * The summary as the scan gave it, moved by what the watch changed: the scan's figures count a few things the
 * tree's columns do not (so they are not read off the live tree alone).
 */
export function liveSummary(scanFacts: SummaryFacts, scan: ScanTree, live: ScanTree): SummaryFacts {
  const delta = (column: 'total_size' | 'file_count' | 'directory_count'): number =>
    (live.dirs[column][0] ?? 0) - (scan.dirs[column][0] ?? 0);
  const problems = (tree: ScanTree): number => tree.sequences.filter((seq) => hasProblems(seq)).length;
  return {
    total_size: Math.max(0, scanFacts.total_size + delta('total_size')),
    file_count: Math.max(0, scanFacts.file_count + delta('file_count')),
    directory_count: Math.max(0, scanFacts.directory_count + delta('directory_count')),
    sequence_count: Math.max(0, scanFacts.sequence_count + live.sequences.length - scan.sequences.length),
    problem_sequence_count: Math.max(0, scanFacts.problem_sequence_count + problems(live) - problems(scan)),
  };
}
