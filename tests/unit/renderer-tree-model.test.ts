/** The folder tree's pure logic: child index sorted by size, flattening of expanded nodes, window math. */
import { describe, expect, it } from 'vitest';
import type { ScanTree } from '../../src-shared/scan-tree';
import {
  buildTreeIndex,
  childCount,
  flattenTree,
  scrollToRow,
  toggled,
  visibleRange,
} from '../../src-renderer/src/components/tree/tree-model';

/** A tree from [name, parent, total_size] triples. */
function makeTree(dirs: [string, number, number][]): ScanTree {
  const zeros = dirs.map(() => 0);
  return {
    version: 1,
    root: '/show',
    scanned_at: '2025-01-01T00:00:00.000Z',
    sequences: [],
    dirs: {
      name: dirs.map(([name]) => name),
      parent: dirs.map(([, parent]) => parent),
      own_files: zeros,
      own_size: zeros,
      symlinks: zeros,
      others: zeros,
      total_size: dirs.map(([, , size]) => size),
      file_count: zeros,
      directory_count: zeros,
      error: dirs.map(() => 0 as const),
    },
  };
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
