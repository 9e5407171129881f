/** Tiles and tree rows: which tile shows a row, arrow keys among siblings, zooming out to a row, the legend. */
import { describe, expect, it } from 'vitest';
import {
  buildSequenceIndex,
  buildTreeIndex,
  revealPlan,
  ROW_DIR,
  ROW_FILE,
} from '../../src-renderer/src/scan/tree/tree-model';
import {
  colorsFor,
  legendOf,
  OTHER_KEY,
  PALETTE,
  UNREAD_KEY,
} from '../../src-renderer/src/scan/treemap/treemap-colors';
import { treemapSummary } from '../../src-renderer/src/scan/treemap/treemap-facts';
import { layoutTreemap, type TreemapSource } from '../../src-renderer/src/scan/treemap/treemap-layout';
import {
  commonFolder,
  isWithin,
  rowOfTile,
  siblingToward,
  tileFinder,
} from '../../src-renderer/src/scan/treemap/treemap-select';
import { scanTreeOf } from '../helpers/scan-trees';

// /show: a (600, with 2 files), b (300) holding b1 (300), c (100).
const tree = scanTreeOf(
  [
    ['', -1],
    ['a', 0],
    ['b', 0],
    ['b1', 2],
    ['c', 0],
  ],
  {
    own_size: [0, 600, 0, 300, 100],
    own_files: [0, 2, 0, 0, 0],
    total_size: [1000, 600, 300, 300, 100],
    file_count: [2, 2, 0, 0, 0],
  },
);
const files = { names: ['plate.mov', 'take.dpx'], sizes: [500, 100] };
const source: TreemapSource = {
  tree,
  index: buildTreeIndex(tree),
  seqIndex: buildSequenceIndex(tree),
  files: (dir) => (dir === 1 ? files : undefined),
};
const layout = layoutTreemap(source, 0, 400, 300);
const tileOf = (id: number) => layout.tiles.findIndex((tile) => tile.kind === 0 && tile.id === id);
const dir = (id: number) => ({ kind: ROW_DIR, id, frame: -1 }) as const;

describe('treemap selection', () => {
  it('maps a row to its own tile, and a row too small to draw to its nearest drawn folder', () => {
    const finder = tileFinder(layout, tree, source.seqIndex);
    expect(finder.find(dir(2))).toBe(tileOf(2));
    expect(finder.exact(dir(2))).toBe(true);
    const file = { kind: ROW_FILE, id: 1, frame: 0 } as const;
    expect(rowOfTile(layout.tiles[finder.find(file)]!)).toEqual(file);
    // The zoom root itself has no tile.
    expect(finder.find(dir(0))).toBe(-1);
    // Zoomed into b, a file of a is not shown at all.
    const zoomed = layoutTreemap(source, 2, 400, 300);
    expect(tileFinder(zoomed, tree, source.seqIndex).find(file)).toBe(-1);
  });

  it('moves to the sibling that lies in the arrow’s direction', () => {
    const a = layout.tiles[tileOf(1)]!;
    const right = siblingToward(layout, tileOf(1), 'right');
    const down = siblingToward(layout, tileOf(1), 'down');
    const moved = [right, down].filter((i) => i >= 0).map((i) => layout.tiles[i]!);
    expect(moved.length).toBeGreaterThan(0);
    for (const tile of moved) expect(tile.parent).toBe(a.parent);
    if (right >= 0) expect(layout.tiles[right]!.x).toBeGreaterThan(a.x);
    // Nothing lies left of or above the first (top-left) tile.
    expect(siblingToward(layout, tileOf(1), 'left')).toBe(-1);
    expect(siblingToward(layout, tileOf(1), 'up')).toBe(-1);
  });

  it('zooms out to the folder holding both the zoom and the row', () => {
    expect(isWithin(tree, 3, 2)).toBe(true);
    expect(isWithin(tree, 1, 2)).toBe(false);
    expect(commonFolder(tree, 3, 1)).toBe(0);
    expect(commonFolder(tree, 3, 2)).toBe(2);
  });

  it('lists the types in view by bytes, with a stable colour per scan-wide type', () => {
    const colors = colorsFor(['dpx', 'mov']);
    const legend = legendOf(layout, colors);
    expect(legend.map((entry) => [entry.key, entry.bytes])).toEqual([
      ['mov', 500],
      ['dpx', 100],
      [UNREAD_KEY, 400],
    ]);
    expect(legend[1]!.color).toBe(PALETTE[0]);
    // A type past the scan's ranking is "other".
    expect(legendOf(layout, colorsFor(['mov'])).map((entry) => entry.key)).toContain(OTHER_KEY);
  });

  it('summarizes the zoomed folder for screen readers', () => {
    expect(treemapSummary(source, layout)).toBe('Treemap of show: 3 folders, 0 sequences, largest a 600 B');
  });

  it('tells the tree what to open to show a tile’s row, and where that row is', () => {
    const options = {
      expanded: new Set([0]),
      expandedSequences: new Set<number>(),
      frameCount: () => 0,
      fileCount: (d: number) => (d === 1 ? 2 : 0),
    };
    // b1 (in b): b opens, b1 itself stays closed; rows: show, a, b, b1.
    const folder = revealPlan(tree, source.index, source.seqIndex, dir(3), options);
    expect([...folder.expanded].sort()).toEqual([0, 2]);
    expect(folder.row).toBe(3);
    // A file of a: a opens, and its second file is the row after a's first.
    const file = revealPlan(
      tree,
      source.index,
      source.seqIndex,
      { kind: ROW_FILE, id: 1, frame: 1 },
      options,
    );
    expect([...file.expanded].sort()).toEqual([0, 1]);
    expect(file.row).toBe(3);
  });
});
