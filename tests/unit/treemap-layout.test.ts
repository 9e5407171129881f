/** The treemap layout: areas by bytes, culling under 3 px, only the visible subtree, sequences as one tile. */
import { describe, expect, it } from 'vitest';
import type { FolderFiles } from '../../src-shared/folder-files';
import type { SequenceEntry } from '../../src-shared/jobs';
import type { ScanTree } from '../../src-shared/scan-tree';
import { buildSequenceIndex, buildTreeIndex } from '../../src-renderer/src/scan/tree/tree-model';
import {
  BORDER_PX,
  HEADER_PX,
  TILE_DIR,
  TILE_FILE,
  TILE_FILES,
  TILE_SEQUENCE,
  layoutTreemap,
  tileAt,
  type Tile,
  type TreemapSource,
} from '../../src-renderer/src/scan/treemap/treemap-layout';
import { scanTreeOf } from '../helpers/scan-trees';

/** A tree from [name, parent, own bytes, own files] rows; totals are summed bottom-up. */
function treeOf(
  rows: readonly (readonly [string, number, number, number?])[],
  sequences: SequenceEntry[] = [],
) {
  const own = rows.map(([, , bytes]) => bytes);
  const total = [...own];
  for (let i = rows.length - 1; i > 0; i--) {
    const parent = rows[i]![1];
    total[parent] = total[parent]! + total[i]!;
  }
  return scanTreeOf(
    rows.map(([name, parent]) => [name, parent] as const),
    { own_size: own, total_size: total, own_files: rows.map(([, , , n]) => n ?? 0) },
    { sequences },
  );
}

function sourceOf(tree: ScanTree, files: Record<number, FolderFiles> = {}): TreemapSource {
  return {
    tree,
    index: buildTreeIndex(tree),
    seqIndex: buildSequenceIndex(tree),
    files: (dir) => files[dir],
  };
}

function sequence(dir: string, pattern: string, count: number, total: number): SequenceEntry {
  return {
    dir,
    pattern,
    padding: 4,
    first: 1001,
    last: 1000 + count,
    count,
    frames: `1001-${1000 + count}`,
    missing: '',
    zero_byte: [],
    suspect_small: [],
    total_size: total,
  };
}

const area = (tile: Tile): number => tile.w * tile.h;
const named = (source: TreemapSource, tiles: Tile[], name: string): Tile | undefined =>
  tiles.find((tile) => tile.kind === TILE_DIR && source.tree.dirs.name[tile.id] === name);

describe('layoutTreemap', () => {
  it('gives each child an area proportional to its bytes, filling the canvas', () => {
    const source = sourceOf(
      treeOf([
        ['', -1, 0],
        ['a', 0, 600],
        ['b', 0, 300],
        ['c', 0, 100],
      ]),
    );
    const layout = layoutTreemap(source, 0, 200, 100);
    const top = layout.tiles.filter((tile) => tile.parent === -1);
    expect(top.map((tile) => source.tree.dirs.name[tile.id])).toEqual(['a', 'b', 'c']);
    expect(top.map(area).map((a) => Math.round(a))).toEqual([12_000, 6_000, 2_000]);
    for (const tile of top) {
      expect(tile.x).toBeGreaterThanOrEqual(0);
      expect(tile.y).toBeGreaterThanOrEqual(0);
      expect(tile.x + tile.w).toBeLessThanOrEqual(200 + 1e-9);
      expect(tile.y + tile.h).toBeLessThanOrEqual(100 + 1e-9);
    }
  });

  it('subdivides a folder inside its frame and name strip, in proportion to what it holds', () => {
    const source = sourceOf(
      treeOf([
        ['', -1, 0],
        ['shot', 0, 0],
        ['renders', 1, 3000],
        ['plates', 1, 1000],
      ]),
    );
    const layout = layoutTreemap(source, 0, 400, 300);
    const shot = named(source, layout.tiles, 'shot')!;
    expect(shot.header).toBe(true);
    const renders = named(source, layout.tiles, 'renders')!;
    const plates = named(source, layout.tiles, 'plates')!;
    expect(renders.parent).toBe(layout.tiles.indexOf(shot));
    const inner = (shot.w - 2 * BORDER_PX) * (shot.h - HEADER_PX - BORDER_PX);
    expect(area(renders) + area(plates)).toBeCloseTo(inner, 6);
    expect(area(renders) / area(plates)).toBeCloseTo(3, 6);
    expect(renders.y).toBeGreaterThanOrEqual(shot.y + HEADER_PX);
  });

  it('culls what would be under 3 px and keeps its bytes as space, so the rest keeps its proportion', () => {
    const rows: [string, number, number][] = [
      ['', -1, 0],
      ['big', 0, 1_000_000],
    ];
    // 200 folders of 10 bytes: each would be ~0.02 px² of a 100 × 100 canvas.
    for (let i = 0; i < 200; i++) rows.push([`tiny${i}`, 0, 10]);
    const source = sourceOf(treeOf(rows));
    const layout = layoutTreemap(source, 0, 100, 100);
    expect(layout.tiles.filter((tile) => tile.parent === -1)).toHaveLength(1);
    expect(area(named(source, layout.tiles, 'big')!)).toBeCloseTo((10_000 * 1_000_000) / 1_002_000, 6);
    // The tiny ones were never even laid out (the pre-cull stops at the first child too small to show): only
    // big and, inside it, the tile of its own files.
    expect(layout.laidOut).toBe(2);
  });

  it('culls a laid-out tile thinner than 3 px even when its area would be enough', () => {
    const source = sourceOf(
      treeOf([
        ['', -1, 0],
        ['wide', 0, 9900],
        ['sliver', 0, 100],
      ]),
    );
    // 100 × 100: the sliver's 100 px² are left as a strip 1 px wide beside the 99 × 100 tile.
    const layout = layoutTreemap(source, 0, 100, 100);
    expect(named(source, layout.tiles, 'wide')).toBeDefined();
    expect(named(source, layout.tiles, 'sliver')).toBeUndefined();
    expect(layout.culled).toBe(1);
  });

  it('lays out only the visible subtree of a huge tree', () => {
    const rows: [string, number, number][] = [['', -1, 0]];
    // 100 folders of 1000 subfolders each (100,100 folders), like tests/e2e/big-tree.test.ts, with bytes.
    for (let s = 0; s < 100; s++) {
      const seq = rows.push([`sq${s}`, 0, 0]) - 1;
      for (let k = 0; k < 1000; k++) rows.push([`sh${k}`, seq, 1000 + k]);
    }
    const source = sourceOf(treeOf(rows));
    const layout = layoutTreemap(source, 0, 800, 500);
    expect(layout.tiles.filter((tile) => tile.parent === -1)).toHaveLength(100);
    // Each sq folder is ~4,000 px²; its 1000 shots ~4 px² each: none is laid out, let alone drawn.
    expect(layout.laidOut).toBeLessThan(1000);
    expect(layout.tiles.every((tile) => tile.w >= 3 && tile.h >= 3)).toBe(true);
  });

  it('draws a sequence as one tile coloured by its extension, however many frames it has', () => {
    const tree = treeOf(
      [
        ['', -1, 0],
        ['renders', 0, 1_000_000, 1000],
      ],
      [sequence('renders', 'beauty.####.exr', 1000, 1_000_000)],
    );
    const source = sourceOf(tree);
    const layout = layoutTreemap(source, 0, 300, 200);
    const seqs = layout.tiles.filter((tile) => tile.kind === TILE_SEQUENCE);
    expect(seqs).toHaveLength(1);
    expect(seqs[0]).toMatchObject({ id: 0, ext: 'exr', bytes: 1_000_000 });
    // Every byte of the folder is the sequence's: there is no loose-files tile.
    expect(layout.tiles.some((tile) => tile.kind === TILE_FILES)).toBe(false);
  });

  it('shows loose files as one tile until the list is read, then one tile per file by type', () => {
    const tree = treeOf([
      ['', -1, 0],
      ['plates', 0, 900, 2],
      ['other', 0, 100],
    ]);
    const before = layoutTreemap(sourceOf(tree), 0, 300, 200);
    const group = before.tiles.find((tile) => tile.kind === TILE_FILES)!;
    expect(group).toMatchObject({ id: 1, unread: true, bytes: 900 });
    // Largest first: plates, then other (whose own 100 bytes are loose files too).
    expect(before.unread).toEqual([1, 2]);

    const files = { 1: { names: ['plate_v001.mov', 'notes.txt'], sizes: [850, 50] } };
    const after = layoutTreemap(sourceOf(tree, files), 0, 300, 200);
    const read = after.tiles.find((tile) => tile.kind === TILE_FILES)!;
    // The files tile keeps its place; the files fill it.
    expect([read.x, read.y, read.w, read.h]).toEqual([group.x, group.y, group.w, group.h]);
    const fileTiles = after.tiles.filter((tile) => tile.kind === TILE_FILE);
    expect(fileTiles.map((tile) => tile.ext)).toEqual(['mov', 'txt']);
    expect(area(fileTiles[0]!) / area(fileTiles[1]!)).toBeCloseTo(17, 6);
    expect(after.unread).toEqual([2]);
  });

  it('zooms: lays out one folder across the whole canvas', () => {
    const source = sourceOf(
      treeOf([
        ['', -1, 0],
        ['sq010', 0, 0],
        ['sh010', 1, 700],
        ['sh020', 1, 300],
        ['sq020', 0, 5000],
      ]),
    );
    const layout = layoutTreemap(source, 1, 100, 100);
    const top = layout.tiles.filter((tile) => tile.parent === -1);
    expect(top.map((tile) => source.tree.dirs.name[tile.id])).toEqual(['sh010', 'sh020']);
    expect(top.reduce((sum, tile) => sum + area(tile), 0)).toBeCloseTo(10_000, 6);
    expect(named(source, layout.tiles, 'sq020')).toBeUndefined();
  });

  it('finds the deepest tile under a point', () => {
    const source = sourceOf(
      treeOf([
        ['', -1, 0],
        ['shot', 0, 0],
        ['renders', 1, 1000],
      ]),
    );
    const layout = layoutTreemap(source, 0, 200, 100);
    const renders = named(source, layout.tiles, 'renders')!;
    const shot = named(source, layout.tiles, 'shot')!;
    expect(layout.tiles[tileAt(layout, renders.x + 5, renders.y + 5)]).toBe(renders);
    // The name strip belongs to the folder itself.
    expect(layout.tiles[tileAt(layout, shot.x + 5, shot.y + 3)]).toBe(shot);
    expect(tileAt(layout, -1, -1)).toBe(-1);
  });

  it('asks to read only the files tiles big enough to split', () => {
    const source = sourceOf(
      treeOf([
        ['', -1, 0],
        ['big', 0, 9_000, 3],
        ['small', 0, 1_000, 3],
      ]),
    );
    const layout = layoutTreemap(source, 0, 100, 100);
    const small = layout.tiles.find((tile) => tile.kind === TILE_FILES && tile.id === 2)!;
    // Drawn (grey, "not read yet"), but about 8 px across: not worth a read.
    expect(small.unread).toBe(true);
    expect(Math.min(small.w, small.h)).toBeLessThan(24);
    expect(layout.unread).toEqual([1]);
  });
});
