/**
 * The squarified treemap of one folder (the zoom root), laid out level by level with d3-hierarchy's
 * `treemapSquarify`, and only as deep as tiles stay visible: a child whose share of its parent's area is under
 * MIN_PX² is never laid out (its bytes stay in the parent as empty space, so every area keeps its proportion),
 * and a laid-out tile narrower or lower than MIN_PX is culled with everything under it (as QDirStat does).
 *
 * What a folder holds: its subfolders (subdivided in turn), its image sequences (one tile each, however many
 * frames) and its loose files. The loose files sit together in one "files" tile, so that reading a folder's
 * file list later never moves its neighbours: once read, that tile is split into one tile per file; until
 * then it is one tile of the folder's loose bytes.
 */
import { hierarchy, treemap, treemapSquarify } from 'd3-hierarchy';
import { fileTypeOf } from '../../../../src-shared/file-types';
import type { FolderFiles } from '../../../../src-shared/folder-files';
import type { ScanTree } from '../../../../src-shared/scan-tree';
import type { SequenceIndex, TreeIndex } from '../tree/tree-model';

/** Tiles narrower or lower than this many CSS pixels are not drawn (nor laid out below). */
export const MIN_PX = 3;
/** A folder's name strip, when the folder is big enough to show it. */
export const HEADER_PX = 15;
/** A files tile smaller than this (either way) is not worth reading its folder's list for. */
export const READ_MIN_PX = 24;
/** The folder's frame around its children. */
export const BORDER_PX = 1;

export const TILE_DIR = 0;
export const TILE_SEQUENCE = 1;
/** One loose file of a folder whose list has been read. */
export const TILE_FILE = 2;
/** All loose files of a folder: one tile until its list is read, then the frame around the file tiles. */
export const TILE_FILES = 3;
export type TileKind = typeof TILE_DIR | typeof TILE_SEQUENCE | typeof TILE_FILE | typeof TILE_FILES;

/** One laid-out rectangle, in CSS pixels from the canvas' top left. */
export interface Tile {
  kind: TileKind;
  /** Folder index (TILE_DIR, TILE_FILE, TILE_FILES) or sequence index (TILE_SEQUENCE). */
  id: number;
  /** TILE_FILE: the file's position among the folder's loose files; else -1. */
  file: number;
  x: number;
  y: number;
  w: number;
  h: number;
  bytes: number;
  /** Index of the enclosing tile in `tiles`, -1 for the zoom root's children. */
  parent: number;
  /** The file type that colours it ('' for a folder; a files tile not yet read has none either). */
  ext: string;
  /** Whether the folder's name strip was drawn (and its children start below it). */
  header: boolean;
  /** A files tile whose list has not been read: one tile, its types not known yet. */
  unread: boolean;
}

/** The facts the layout reads. */
export interface TreemapSource {
  tree: ScanTree;
  index: TreeIndex;
  seqIndex: SequenceIndex;
  /** The loose files (frames of sequences left out) of folder `dir`, once read. */
  files: (dir: number) => FolderFiles | undefined;
}

export interface TreemapLayout {
  root: number;
  width: number;
  height: number;
  /** Parents before their children (depth first), so the last tile under a point is the deepest one. */
  tiles: Tile[];
  /**
   * Folders whose loose files are shown as one tile at least READ_MIN_PX each way, largest first: worth reading
   * to split and colour (smaller ones stay grey, "not read yet").
   */
  unread: number[];
  /** Rectangles computed (drawn or culled): the cost of the layout. */
  laidOut: number;
  /** Laid-out tiles culled for being under MIN_PX. */
  culled: number;
}

interface Item {
  kind: TileKind;
  id: number;
  file: number;
  bytes: number;
  name: string;
}

const at = (list: ArrayLike<number>, i: number): number => list[i] ?? 0;

/** One layout, its size set per folder (layouts run one at a time, on one thread). */
const squarified = treemap<Item>().tile(treemapSquarify).round(false);

/** Bytes of `dir`'s loose files (its own files that are not frames of its sequences). */
export function looseBytes(source: TreemapSource, dir: number): number {
  const read = source.files(dir);
  if (read) return read.sizes.reduce((sum, size) => sum + size, 0);
  const { seqStart, seqList } = source.seqIndex;
  let frames = 0;
  for (let k = at(seqStart, dir); k < at(seqStart, dir + 1); k++)
    frames += source.tree.sequences[at(seqList, k)]?.total_size ?? 0;
  return Math.max(0, (source.tree.dirs.own_size[dir] ?? 0) - frames);
}

/** The extension a sequence is coloured by (`beauty.####.exr` → `exr`). */
export function sequenceType(pattern: string): string {
  return fileTypeOf(pattern);
}

/** The children of folder `dir` worth a rectangle: at least `minBytes`, largest first. */
function itemsOf(source: TreemapSource, dir: number, minBytes: number): Item[] {
  const { tree, index, seqIndex } = source;
  const items: Item[] = [];
  // Both lists are sorted largest first, so each stops at its first child too small to show.
  for (let k = at(index.childStart, dir); k < at(index.childStart, dir + 1); k++) {
    const child = at(index.childList, k);
    const bytes = tree.dirs.total_size[child] ?? 0;
    if (bytes < minBytes || bytes <= 0) break;
    items.push({ kind: TILE_DIR, id: child, file: -1, bytes, name: tree.dirs.name[child] ?? '' });
  }
  for (let k = at(seqIndex.seqStart, dir); k < at(seqIndex.seqStart, dir + 1); k++) {
    const seq = at(seqIndex.seqList, k);
    const entry = tree.sequences[seq];
    const bytes = entry?.total_size ?? 0;
    if (bytes < minBytes || bytes <= 0) break;
    items.push({ kind: TILE_SEQUENCE, id: seq, file: -1, bytes, name: entry?.pattern ?? '' });
  }
  const loose = looseBytes(source, dir);
  if (loose >= minBytes && loose > 0)
    items.push({ kind: TILE_FILES, id: dir, file: -1, bytes: loose, name: '' });
  return items.sort((a, b) => b.bytes - a.bytes || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The files of `dir` worth a rectangle, largest first (the list is read sorted that way). */
function fileItems(files: FolderFiles, dir: number, minBytes: number): Item[] {
  const items: Item[] = [];
  for (let f = 0; f < files.sizes.length; f++) {
    const bytes = files.sizes[f] ?? 0;
    if (bytes < minBytes || bytes <= 0) break;
    items.push({ kind: TILE_FILE, id: dir, file: f, bytes, name: files.names[f] ?? '' });
  }
  return items;
}

/** Squarify `items` (largest first) into the rectangle, `total` bytes filling it: the rest is left empty. */
function squarify(
  items: Item[],
  total: number,
  x: number,
  y: number,
  w: number,
  h: number,
): { item: Item; x: number; y: number; w: number; h: number }[] {
  const kept = items.reduce((sum, item) => sum + item.bytes, 0);
  // One child filling its folder (a leaf folder's files, most often): nothing to squarify.
  const only = items[0];
  if (items.length === 1 && only && kept >= total) return [{ item: only, x, y, w, h }];
  // One level: the root's own value is the bytes not shown, which squarify leaves as space at the end.
  const top: Item = { kind: TILE_DIR, id: -1, file: -1, bytes: Math.max(0, total - kept), name: '' };
  const root = hierarchy<Item>(top, (item) => (item === top ? items : undefined)).sum((item) => item.bytes);
  const laid = squarified.size([w, h])(root);
  return (laid.children ?? []).map((node) => ({
    item: node.data,
    x: x + node.x0,
    y: y + node.y0,
    w: node.x1 - node.x0,
    h: node.y1 - node.y0,
  }));
}

/** Lay out folder `root` of the tree in a `width` × `height` rectangle. */
export function layoutTreemap(
  source: TreemapSource,
  root: number,
  width: number,
  height: number,
  minPx = MIN_PX,
): TreemapLayout {
  const layout: TreemapLayout = { root, width, height, tiles: [], unread: [], laidOut: 0, culled: 0 };
  const toRead: { dir: number; area: number }[] = [];
  const minArea = minPx * minPx;

  const place = (
    items: Item[],
    total: number,
    x: number,
    y: number,
    w: number,
    h: number,
    parent: number,
  ) => {
    for (const rect of squarify(items, total, x, y, w, h)) {
      layout.laidOut++;
      if (rect.w < minPx || rect.h < minPx) {
        layout.culled++;
        continue;
      }
      const { item } = rect;
      const ext =
        item.kind === TILE_SEQUENCE
          ? sequenceType(item.name)
          : item.kind === TILE_FILE
            ? fileTypeOf(item.name)
            : '';
      const unread = item.kind === TILE_FILES && source.files(item.id) === undefined;
      const { x, y, w, h } = rect;
      const tile: Tile = {
        x,
        y,
        w,
        h,
        kind: item.kind,
        id: item.id,
        file: item.file,
        bytes: item.bytes,
        parent,
        ext,
        header: false,
        unread,
      };
      const self = layout.tiles.push(tile) - 1;
      if (item.kind === TILE_DIR) fill(tile, self);
      else if (item.kind === TILE_FILES) {
        const files = unread ? undefined : source.files(item.id);
        // The file tiles fill the files tile edge to edge: it has no frame of its own.
        if (files)
          place(fileItems(files, item.id, (minArea / (w * h)) * item.bytes), item.bytes, x, y, w, h, self);
        else if (w >= READ_MIN_PX && h >= READ_MIN_PX) toRead.push({ dir: item.id, area: w * h });
      }
    }
  };

  /** The rectangle inside a folder's frame (and name strip, when there is room for one), or null. */
  const inset = (tile: Tile) => {
    tile.header = tile.h >= HEADER_PX + 4 * minPx && tile.w >= 4 * HEADER_PX;
    const top = tile.header ? HEADER_PX : BORDER_PX;
    const w = tile.w - 2 * BORDER_PX;
    const h = tile.h - top - BORDER_PX;
    return w >= minPx && h >= minPx ? { x: tile.x + BORDER_PX, y: tile.y + top, w, h } : null;
  };

  const fill = (tile: Tile, self: number): void => {
    const inner = inset(tile);
    if (!inner || tile.bytes <= 0) return;
    const minBytes = (minArea * tile.bytes) / (inner.w * inner.h);
    place(itemsOf(source, tile.id, minBytes), tile.bytes, inner.x, inner.y, inner.w, inner.h, self);
  };

  const total = source.tree.dirs.total_size[root] ?? 0;
  if (width >= minPx && height >= minPx && total > 0)
    place(itemsOf(source, root, (minArea * total) / (width * height)), total, 0, 0, width, height, -1);
  layout.unread = toRead.sort((a, b) => b.area - a.area).map((u) => u.dir);
  return layout;
}

/** Index of the deepest tile under (x, y), or -1. */
export function tileAt(layout: TreemapLayout, x: number, y: number): number {
  const { tiles } = layout;
  for (let i = tiles.length - 1; i >= 0; i--) {
    const t = tiles[i];
    if (t && x >= t.x && x < t.x + t.w && y >= t.y && y < t.y + t.h) return i;
  }
  return -1;
}
