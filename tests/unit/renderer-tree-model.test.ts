/** The folder tree's pure logic: child index sorted by size, flattening of expanded nodes, window math. */
import { describe, expect, it } from 'vitest';
import { scanTreeOf } from '../helpers/scan-trees';
import type { ScanTree } from '../../src-shared/scan-tree';
import type { SequenceEntry } from '../../src-shared/jobs';
import {
  ROW_DIR,
  ROW_FILE,
  ROW_FRAME,
  ROW_SEQUENCE,
  ancestorsOf,
  buildSequenceIndex,
  findRow,
  flattenRows,
  parentRow,
  relativePaths,
  sequenceCount,
  sequencePosition,
  buildTreeIndex,
  childCount,
  flattenTree,
  scrollToRow,
  toggled,
  visibleRange,
} from '../../src-renderer/src/scan/tree/tree-model';
import { childSizes } from '../../src-renderer/src/scan/tree/child-order';

/** A tree from [name, parent, total_size] triples. */
function makeTree(dirs: [string, number, number][]): ScanTree {
  return scanTreeOf(
    dirs.map(([name, parent]) => [name, parent] as const),
    { total_size: dirs.map(([, , size]) => size) },
  );
}

const tree = makeTree([
  ['', -1, 100], // 0
  ['small', 0, 10], // 1
  ['big', 0, 60], // 2
  ['mid', 0, 30], // 3
  ['big-a', 2, 20], // 4
  ['big-b', 2, 40], // 5
  ['mid-a', 3, 30], // 6
]);

describe('buildTreeIndex', () => {
  it('lists children largest first, with their position among siblings', () => {
    const index = buildTreeIndex(tree);
    const kids = (n: number) =>
      Array.from(index.childList.subarray(index.childStart[n], index.childStart[n + 1]));
    expect(kids(0)).toEqual([2, 3, 1]);
    expect(kids(2)).toEqual([5, 4]);
    expect(kids(1)).toEqual([]);
    expect(childCount(index, 3)).toBe(1);
    expect(index.posInParent[1]).toBe(2);
    expect(index.posInParent[5]).toBe(0);
  });

  it('breaks size ties by name', () => {
    const index = buildTreeIndex(
      makeTree([
        ['', -1, 2],
        ['b', 0, 1],
        ['a', 0, 1],
      ]),
    );
    expect(Array.from(index.childList)).toEqual([2, 1]);
  });

  it('handles an empty tree', () => {
    const index = buildTreeIndex(makeTree([]));
    expect(index.count).toBe(0);
    expect(flattenTree(index, new Set([0])).nodes).toEqual([]);
  });
});

describe('flattenTree', () => {
  const index = buildTreeIndex(tree);

  it('shows only the root and its children when only the root is expanded', () => {
    expect(flattenTree(index, new Set([0]))).toEqual({ nodes: [0, 2, 3, 1], depths: [0, 1, 1, 1] });
  });

  it('inserts expanded children in size order, depth first', () => {
    const rows = flattenTree(index, new Set([0, 2, 3]));
    expect(rows.nodes).toEqual([0, 2, 5, 4, 3, 6, 1]);
    expect(rows.depths).toEqual([0, 1, 2, 2, 1, 2, 1]);
  });

  it('hides the children of a collapsed parent even if they are expanded', () => {
    expect(flattenTree(index, new Set([2])).nodes).toEqual([0]);
  });

  it('stays fast at 100k folders', () => {
    const dirs: [string, number, number][] = [['', -1, 0]];
    for (let i = 1; i < 100_000; i++) dirs.push([`d${i}`, i < 1000 ? 0 : (i % 999) + 1, i % 7919]);
    const big = makeTree(dirs);
    const started = performance.now();
    const bigIndex = buildTreeIndex(big);
    const rows = flattenTree(bigIndex, new Set([0, 1, 2]));
    expect(performance.now() - started).toBeLessThan(1500);
    expect(rows.nodes.length).toBe(1 + 999 + childCount(bigIndex, 1) + childCount(bigIndex, 2));
  });
});

describe('visibleRange', () => {
  it('covers the viewport plus overscan, clamped to the rows', () => {
    expect(visibleRange(0, 280, 28, 1000, 5)).toEqual({ start: 0, end: 15 });
    expect(visibleRange(2800, 280, 28, 1000, 5)).toEqual({ start: 95, end: 115 });
    expect(visibleRange(27_900, 280, 28, 1000, 5)).toEqual({ start: 991, end: 1000 });
    expect(visibleRange(0, 280, 28, 0, 5)).toEqual({ start: 0, end: 0 });
  });

  it('renders a bounded number of rows however many there are', () => {
    const { start, end } = visibleRange(1_000_000, 600, 28, 100_000, 8);
    expect(end - start).toBeLessThanOrEqual(Math.ceil(600 / 28) + 1 + 16);
  });
});

describe('scrollToRow', () => {
  it('scrolls only as far as needed', () => {
    expect(scrollToRow(5, 0, 280, 28)).toBe(0);
    expect(scrollToRow(10, 0, 280, 28)).toBe(28);
    expect(scrollToRow(2, 280, 280, 28)).toBe(56);
  });
});

describe('toggled', () => {
  it('returns a new set with the node added or removed', () => {
    const set = new Set([0]);
    expect([...toggled(set, 3, true)]).toEqual([0, 3]);
    expect([...toggled(set, 0, false)]).toEqual([]);
    expect([...set]).toEqual([0]);
  });
});

/** A sequence in `dir` with the given size; frames 1-3. */
function seq(dir: string, pattern: string, total_size: number): SequenceEntry {
  return {
    dir,
    pattern,
    padding: 4,
    first: 1,
    last: 3,
    count: 3,
    frames: '1-3',
    missing: '',
    zero_byte: [],
    suspect_small: [],
    total_size,
  };
}

describe('sequences in the tree', () => {
  const withSequences: ScanTree = {
    ...tree,
    sequences: [
      seq('big/big-b', 'b.####.exr', 5), // 0
      seq('big', 'small.####.exr', 1), // 1
      seq('big', 'large.####.exr', 9), // 2
      seq('', 'root.####.dpx', 3), // 3
      seq('no/such/dir', 'lost.####.exr', 2), // 4: attached to the root
    ],
  };
  const index = buildTreeIndex(withSequences);
  const seqIndex = buildSequenceIndex(withSequences);
  const frameCount = (s: number): number => (s === 2 ? 10_000 : 3);

  it("knows every folder's relative path", () => {
    expect(relativePaths(withSequences)).toEqual([
      '',
      'small',
      'big',
      'mid',
      'big/big-a',
      'big/big-b',
      'mid/mid-a',
    ]);
  });

  it('groups sequences by folder, largest first', () => {
    expect(sequenceCount(seqIndex, 2)).toBe(2);
    expect(sequenceCount(seqIndex, 5)).toBe(1);
    expect(sequenceCount(seqIndex, 0)).toBe(2);
    expect(sequenceCount(seqIndex, 1)).toBe(0);
    expect(Array.from(seqIndex.dirOf)).toEqual([5, 2, 2, 0, 0]);
    expect(sequencePosition(seqIndex, 2)).toBe(0);
    expect(sequencePosition(seqIndex, 1)).toBe(1);
  });

  it("lists a folder's sequences after its subfolders, and frames under an expanded sequence", () => {
    const rows = flattenRows(index, seqIndex, {
      expanded: new Set([0, 2]),
      expandedSequences: new Set([1]),
      frameCount,
    });
    const shown = Array.from({ length: rows.length }, (_, r) => [rows.kinds[r], rows.ids[r], rows.depths[r]]);
    expect(shown).toEqual([
      [ROW_DIR, 0, 0],
      [ROW_DIR, 2, 1],
      [ROW_DIR, 5, 2],
      [ROW_DIR, 4, 2],
      [ROW_SEQUENCE, 2, 2],
      [ROW_SEQUENCE, 1, 2],
      [ROW_FRAME, 1, 3],
      [ROW_FRAME, 1, 3],
      [ROW_FRAME, 1, 3],
      [ROW_DIR, 3, 1],
      [ROW_DIR, 1, 1],
      [ROW_SEQUENCE, 3, 1],
      [ROW_SEQUENCE, 4, 1],
    ]);
    expect(rows.frames.slice(6, 9)).toEqual([0, 1, 2]);
    expect(findRow(rows, ROW_FRAME, 1, 2)).toBe(8);
    expect(findRow(rows, ROW_SEQUENCE, 3)).toBe(11);
    expect(parentRow(rows, 8)).toBe(5);
    expect(parentRow(rows, 5)).toBe(1);
    expect(parentRow(rows, 0)).toBe(-1);
  });

  it('adds 10k frame rows to the model cheaply (the DOM only gets the visible window)', () => {
    const startedAt = performance.now();
    const rows = flattenRows(index, seqIndex, {
      expanded: new Set([0, 2]),
      expandedSequences: new Set([2]),
      frameCount,
    });
    expect(rows.length).toBe(10 + 10_000);
    expect(performance.now() - startedAt).toBeLessThan(200);
    expect(
      visibleRange(5000 * 28, 600, 28, rows.length, 8).end -
        visibleRange(5000 * 28, 600, 28, rows.length, 8).start,
    ).toBeLessThan(60);
  });

  it("lists a folder's files after its subfolders and sequences, only while it is expanded", () => {
    const fileCount = (dir: number): number => (dir === 2 ? 2 : dir === 5 ? 4 : 0);
    const rows = flattenRows(index, seqIndex, {
      expanded: new Set([0, 2]),
      expandedSequences: new Set(),
      frameCount,
      fileCount,
    });
    const shown = Array.from({ length: rows.length }, (_, r) => [rows.kinds[r], rows.ids[r], rows.depths[r]]);
    expect(shown).toEqual([
      [ROW_DIR, 0, 0],
      [ROW_DIR, 2, 1],
      [ROW_DIR, 5, 2], // collapsed: its 4 files are not rows
      [ROW_DIR, 4, 2],
      [ROW_SEQUENCE, 2, 2],
      [ROW_SEQUENCE, 1, 2],
      [ROW_FILE, 2, 2],
      [ROW_FILE, 2, 2],
      [ROW_DIR, 3, 1],
      [ROW_DIR, 1, 1],
      [ROW_SEQUENCE, 3, 1],
      [ROW_SEQUENCE, 4, 1],
    ]);
    expect(rows.frames.slice(6, 8)).toEqual([0, 1]);
    expect(findRow(rows, ROW_FILE, 2, 1)).toBe(7);
    expect(parentRow(rows, 7)).toBe(1);
  });

  it("merges a folder's subfolders, sequences and files largest first, ties by name", () => {
    const bigFiles = { names: ['c.ari', 'a.txt', 'z.log'], sizes: [30, 9, 2] };
    const rows = flattenRows(index, seqIndex, {
      expanded: new Set([0, 2]),
      expandedSequences: new Set(),
      frameCount,
      fileCount: (dir) => (dir === 2 ? 3 : 0),
      sizes: childSizes(withSequences, (dir) => (dir === 2 ? bigFiles : undefined)),
    });
    const shown = Array.from({ length: rows.length }, (_, r) => [
      rows.kinds[r],
      rows.ids[r],
      rows.frames[r],
      rows.depths[r],
      rows.positions[r],
    ]);
    expect(shown).toEqual([
      [ROW_DIR, 0, -1, 0, 1],
      [ROW_DIR, 2, -1, 1, 1],
      [ROW_DIR, 5, -1, 2, 1], // 40
      [ROW_FILE, 2, 0, 2, 2], // c.ari 30
      [ROW_DIR, 4, -1, 2, 3], // 20
      [ROW_FILE, 2, 1, 2, 4], // a.txt 9, before large.####.exr 9 by name
      [ROW_SEQUENCE, 2, -1, 2, 5],
      [ROW_FILE, 2, 2, 2, 6], // z.log 2
      [ROW_SEQUENCE, 1, -1, 2, 7], // 1
      [ROW_DIR, 3, -1, 1, 2],
      [ROW_DIR, 1, -1, 1, 3],
      [ROW_SEQUENCE, 3, -1, 1, 4],
      [ROW_SEQUENCE, 4, -1, 1, 5],
    ]);
  });

  it('lists the folders to open to reveal a folder', () => {
    expect(ancestorsOf(withSequences, 5)).toEqual([0, 2, 5]);
    expect(ancestorsOf(withSequences, 0)).toEqual([0]);
  });
});
