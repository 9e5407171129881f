/** A scan's tree made live by a watch's state: folder totals and ancestors, sequences, new and removed folders. */
import { describe, expect, it } from 'vitest';
import { scanTreeOf } from '../helpers/scan-trees';
import type { SequenceEntry } from '../../src-shared/jobs';
import type { ScanTree } from '../../src-shared/scan-tree';
import type { WatchFolder, WatchUpdate } from '../../src-shared/watch-shapes';
import { liveSummary, mergeWatch, type SummaryFacts } from '../../src-renderer/src/watch/live-tree';

/** [name, parent, own files, own bytes] per folder; totals summed as a scan sums them. */
function scanTree(dirs: [string, number, number, number][], sequences: SequenceEntry[]): ScanTree {
  const total_size = dirs.map(([, , , size]) => size);
  const file_count = dirs.map(([, , files]) => files);
  const directory_count = dirs.map(() => 0);
  for (let i = dirs.length - 1; i > 0; i--) {
    const p = dirs[i]![1];
    total_size[p]! += total_size[i]!;
    file_count[p]! += file_count[i]!;
    directory_count[p]! += directory_count[i]! + 1;
  }
  return scanTreeOf(
    dirs.map(([name, parent]) => [name, parent] as const),
    {
      own_files: dirs.map(([, , files]) => files),
      own_size: dirs.map(([, , , size]) => size),
      total_size,
      file_count,
      directory_count,
    },
    { root: '/show/sh010', sequences },
  );
}

function seq(dir: string, pattern: string, count: number, missing = ''): SequenceEntry {
  return {
    dir,
    pattern,
    padding: 4,
    first: 1001,
    last: 1000 + count + (missing ? 1 : 0),
    count,
    frames: `1001-${1000 + count}`,
    missing,
    zero_byte: [],
    suspect_small: [],
    total_size: count * 100,
  };
}

const BEAUTY_GAP = seq('renders/beauty', 'beauty.####.exr', 4, '1004');
const DEPTH = seq('renders/depth', 'depth.####.exr', 3);
const OLD = seq('old', 'old.####.exr', 2);

/** root (1 file) > renders > beauty (4 frames, a gap), depth (3 frames); root > old (2 frames) > sub. */
const SCAN = scanTree(
  [
    ['', -1, 1, 10],
    ['renders', 0, 0, 0],
    ['beauty', 1, 4, 400],
    ['old', 0, 2, 200],
    ['sub', 3, 1, 5],
    ['depth', 1, 3, 300],
  ],
  [BEAUTY_GAP, DEPTH, OLD],
);
const SCAN_FACTS: SummaryFacts = {
  total_size: 915,
  file_count: 11,
  directory_count: 5,
  sequence_count: 3,
  problem_sequence_count: 1,
};

/** The folders of SCAN as a watch reads them, with `patch` over them (null: the folder is gone). */
function folders(patch: Record<string, [number, number] | null> = {}): WatchFolder[] {
  const base: Record<string, [number, number] | null> = {
    '': [1, 10],
    renders: [0, 0],
    'renders/beauty': [4, 400],
    old: [2, 200],
    'old/sub': [1, 5],
    'renders/depth': [3, 300],
    ...patch,
  };
  return Object.entries(base).flatMap(([dir, own]) =>
    own ? [{ dir, file_count: own[0], total_size: own[1] }] : [],
  );
}

function watch(list: WatchFolder[], sequences: SequenceEntry[], found = list.length): WatchUpdate {
  return {
    root: SCAN.root,
    initial: true,
    coverage: {
      mode: 'polling',
      poll_reason: 'forced',
      poll_interval_ms: 3000,
      folders_watched: list.length,
      folders_found: found,
      budget: 1000,
      system_limit: null,
    },
    file_count: 0,
    total_size: 0,
    sequence_count: sequences.length,
    changed: sequences.map((sequence) => ({ sequence, landed_at: null })),
    removed: [],
    folders: list,
    folders_removed: [],
    emitted_at: 1,
  };
}

const column = (tree: ScanTree, name: 'total_size' | 'file_count' | 'directory_count') => tree.dirs[name];

describe('a scan tree made live by a watch', () => {
  it('is the scan itself when the watch sees what the scan saw', () => {
    const live = mergeWatch(SCAN, watch(folders(), [BEAUTY_GAP, DEPTH, OLD]));
    expect(live.tree.dirs).toEqual(SCAN.dirs);
    expect(live.tree.sequences).toEqual(SCAN.sequences);
    expect([...live.scanDir]).toEqual([0, 1, 2, 3, 4, 5]);
    expect(live.changedDirs.size).toBe(0);
    expect(live.removedKey).toBe('');
    expect(liveSummary(SCAN_FACTS, SCAN, live.tree)).toEqual(SCAN_FACTS);
  });

  it('moves a folder and its ancestors as a frame fills a gap, and the problem goes', () => {
    const filled = seq('renders/beauty', 'beauty.####.exr', 5);
    const live = mergeWatch(SCAN, watch(folders({ 'renders/beauty': [5, 500] }), [DEPTH, filled, OLD]));
    // beauty, renders and the root each gain the frame; the others keep theirs.
    expect(column(live.tree, 'total_size')).toEqual([1015, 800, 500, 205, 5, 300]);
    expect(column(live.tree, 'file_count')).toEqual([12, 8, 5, 3, 1, 3]);
    expect([...live.changedDirs]).toEqual([2]);
    // The sequence is replaced in its place, so its index (and the tree's rows) stay put.
    expect(live.tree.sequences).toEqual([filled, DEPTH, OLD]);
    expect(liveSummary(SCAN_FACTS, SCAN, live.tree)).toEqual({
      ...SCAN_FACTS,
      total_size: 1015,
      file_count: 12,
      problem_sequence_count: 0,
    });
  });

  it('counts a new gap as a problem', () => {
    const gap = seq('renders/depth', 'depth.####.exr', 3, '1004');
    const live = mergeWatch(SCAN, watch(folders({ 'renders/depth': [3, 300] }), [BEAUTY_GAP, gap, OLD]));
    expect(live.tree.sequences[1]).toEqual(gap);
    expect(liveSummary(SCAN_FACTS, SCAN, live.tree).problem_sequence_count).toBe(2);
  });

  it('drops a sequence the watch no longer has, and adds a new one after the scanned ones', () => {
    const comp = seq('renders/depth', 'comp.####.exr', 2);
    const live = mergeWatch(SCAN, watch(folders(), [BEAUTY_GAP, comp, OLD]));
    expect(live.tree.sequences).toEqual([BEAUTY_GAP, OLD, comp]);
    expect(live.removedKey).toBe('renders/depth\0depth.####.exr');
    expect(liveSummary(SCAN_FACTS, SCAN, live.tree).sequence_count).toBe(3);
  });

  it('adds a new folder (and a missing parent) under its folder, counted in every ancestor', () => {
    const v2 = seq('renders/beauty/v2/exr', 'beauty.####.exr', 2);
    const list = [...folders(), { dir: 'renders/beauty/v2/exr', file_count: 2, total_size: 200 }];
    const live = mergeWatch(SCAN, watch(list, [BEAUTY_GAP, DEPTH, OLD, v2]));
    const { name, parent } = live.tree.dirs;
    expect(name.slice(6)).toEqual(['v2', 'exr']);
    expect(parent.slice(6)).toEqual([2, 6]);
    expect(column(live.tree, 'total_size')).toEqual([1115, 900, 600, 205, 5, 300, 200, 200]);
    expect(column(live.tree, 'directory_count')).toEqual([7, 4, 2, 1, 0, 0, 1, 0]);
    expect([...live.scanDir.slice(6)]).toEqual([-1, -1]);
    expect([...live.changedDirs]).toEqual([6, 7]);
    expect(live.tree.sequences.at(-1)).toEqual(v2);
    expect(liveSummary(SCAN_FACTS, SCAN, live.tree)).toMatchObject({ directory_count: 7, file_count: 13 });
  });

  it('drops a removed folder with everything below it, when the watch holds every folder it found', () => {
    const live = mergeWatch(SCAN, watch(folders({ old: null, 'old/sub': null }), [BEAUTY_GAP, DEPTH]));
    expect(live.tree.dirs.name).toEqual(['', 'renders', 'beauty', 'depth']);
    expect(live.tree.dirs.parent).toEqual([-1, 0, 1, 1]);
    expect(column(live.tree, 'total_size')).toEqual([710, 700, 400, 300]);
    expect(column(live.tree, 'directory_count')).toEqual([3, 2, 0, 0]);
    // The scan's index of each folder, for reading its files.
    expect([...live.scanDir]).toEqual([0, 1, 2, 5]);
    expect(live.tree.sequences).toEqual([BEAUTY_GAP, DEPTH]);
    expect(live.removedKey).toContain('old');
    expect(liveSummary(SCAN_FACTS, SCAN, live.tree)).toEqual({
      total_size: 710,
      file_count: 8,
      directory_count: 3,
      sequence_count: 2,
      problem_sequence_count: 1,
    });
  });

  it('keeps a folder the scan could not read, which the watch cannot list either', () => {
    const unreadable: ScanTree = { ...SCAN, dirs: { ...SCAN.dirs, error: [0, 0, 0, 0, 1, 0] } };
    const live = mergeWatch(unreadable, watch(folders({ 'old/sub': null }), [BEAUTY_GAP, DEPTH, OLD]));
    expect(live.tree.dirs).toEqual(unreadable.dirs);
    expect(live.removedKey).toBe('');
  });

  it('keeps the scanned facts of folders the watch does not hold when it is over its budget', () => {
    const list = folders({ old: null, 'old/sub': null });
    const live = mergeWatch(SCAN, watch(list, [BEAUTY_GAP, DEPTH], list.length + 2));
    expect(live.tree.dirs).toEqual(SCAN.dirs);
    expect(live.tree.sequences).toEqual([BEAUTY_GAP, DEPTH, OLD]);
    expect(live.removedKey).toBe('');
  });
});
