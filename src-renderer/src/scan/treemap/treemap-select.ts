/**
 * Between tiles and tree rows: a tile is the row it stands for (a folder, a sequence, a file), a row is shown by
 * its tile or, when that tile is too small to draw, by its nearest drawn folder; and which sibling tile an
 * arrow key moves to.
 */
import type { ScanTree } from '../../../../src-shared/scan-tree';
import { ROW_DIR, ROW_FILE, ROW_FRAME, ROW_SEQUENCE, type SequenceIndex } from '../tree/tree-model';
import type { RowRef } from '../tree/row-ref';
import {
  TILE_DIR,
  TILE_FILE,
  TILE_FILES,
  TILE_SEQUENCE,
  type Tile,
  type TileKind,
  type TreemapLayout,
} from './treemap-layout';

function key(kind: TileKind, id: number, file = -1): string {
  return `${kind}:${id}:${file}`;
}

/** The tree row a tile stands for (a files tile: its folder). */
export function rowOfTile(tile: Tile): RowRef {
  if (tile.kind === TILE_SEQUENCE) return { kind: ROW_SEQUENCE, id: tile.id, frame: -1 };
  if (tile.kind === TILE_FILE) return { kind: ROW_FILE, id: tile.id, frame: tile.file };
  return { kind: ROW_DIR, id: tile.id, frame: -1 };
}

/** The folder a row lives in (a folder row: the folder itself). */
export function folderOfRow(row: RowRef, seqIndex: SequenceIndex): number {
  if (row.kind === ROW_SEQUENCE || row.kind === ROW_FRAME) return seqIndex.dirOf[row.id] ?? 0;
  return row.id;
}

/** Whether folder `dir` is `ancestor` or lies below it. */
export function isWithin(tree: ScanTree, dir: number, ancestor: number): boolean {
  for (let d = dir; d >= 0; d = tree.dirs.parent[d] ?? -1) if (d === ancestor) return true;
  return false;
}

/** The deepest folder holding both `a` and `b`. */
export function commonFolder(tree: ScanTree, a: number, b: number): number {
  const above = new Set<number>();
  for (let d = a; d >= 0; d = tree.dirs.parent[d] ?? -1) above.add(d);
  for (let d = b; d >= 0; d = tree.dirs.parent[d] ?? -1) if (above.has(d)) return d;
  return 0;
}

/** Finds the tile that shows a row. */
export interface TileFinder {
  /** The row's own tile, else the nearest drawn folder holding it (below the zoom root), else -1. */
  find(row: RowRef): number;
  /** Whether `find(row)` is the row's own tile. */
  exact(row: RowRef): boolean;
}

export function tileFinder(layout: TreemapLayout, tree: ScanTree, seqIndex: SequenceIndex): TileFinder {
  const byKey = new Map<string, number>();
  layout.tiles.forEach((tile, i) => byKey.set(key(tile.kind, tile.id, tile.file), i));
  const own = (row: RowRef): number => {
    if (row.kind === ROW_SEQUENCE || row.kind === ROW_FRAME)
      return byKey.get(key(TILE_SEQUENCE, row.id)) ?? -1;
    if (row.kind === ROW_FILE) return byKey.get(key(TILE_FILE, row.id, row.frame)) ?? -1;
    return byKey.get(key(TILE_DIR, row.id)) ?? -1;
  };
  return {
    exact: (row) => own(row) >= 0,
    find(row) {
      const found = own(row);
      if (found >= 0) return found;
      if (row.kind === ROW_FILE) {
        const files = byKey.get(key(TILE_FILES, row.id));
        if (files !== undefined) return files;
      }
      const start = row.kind === ROW_DIR ? (tree.dirs.parent[row.id] ?? -1) : folderOfRow(row, seqIndex);
      for (let d = start; d >= 0 && d !== layout.root; d = tree.dirs.parent[d] ?? -1) {
        const tile = byKey.get(key(TILE_DIR, d));
        if (tile !== undefined) return tile;
      }
      return -1;
    },
  };
}

export type Direction = 'left' | 'right' | 'up' | 'down';

/**
 * The sibling of tile `from` (the tiles with the same parent) nearest in `direction`: one lying wholly beyond
 * that edge of it, the gap along the way counting less than the offset across. -1 when there is none.
 */
export function siblingToward(layout: TreemapLayout, from: number, direction: Direction): number {
  const tile = layout.tiles[from];
  if (!tile) return -1;
  const SLACK = 0.5;
  let best = -1;
  let bestScore = Infinity;
  layout.tiles.forEach((other, i) => {
    if (i === from || other.parent !== tile.parent) return;
    const gap =
      direction === 'left'
        ? tile.x - (other.x + other.w)
        : direction === 'right'
          ? other.x - (tile.x + tile.w)
          : direction === 'up'
            ? tile.y - (other.y + other.h)
            : other.y - (tile.y + tile.h);
    if (gap < -SLACK) return;
    const across =
      direction === 'left' || direction === 'right'
        ? Math.abs(other.y + other.h / 2 - (tile.y + tile.h / 2))
        : Math.abs(other.x + other.w / 2 - (tile.x + tile.w / 2));
    const score = Math.max(0, gap) + 2 * across;
    if (score < bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return best;
}

/** The zoom root's largest child tile (the first laid out), or -1. */
export function firstTile(layout: TreemapLayout): number {
  return layout.tiles.findIndex((tile) => tile.parent === -1);
}
