/** What a tile says: its name and path, its tooltip lines, and the summary a screen reader hears. */
import { countOf, formatBytes } from '../../../../src-shared/format';
import { scanTreeRelativePath, type ScanTree } from '../../../../src-shared/scan-tree';
import { childCount, sequenceCount } from '../tree/tree-model';
import {
  TILE_DIR,
  TILE_FILE,
  TILE_FILES,
  TILE_SEQUENCE,
  type Tile,
  type TreemapLayout,
  type TreemapSource,
} from './treemap-layout';

/** A folder's name (the root's is the last part of the scanned path). */
export function folderLabel(tree: ScanTree, dir: number): string {
  if (dir === 0) return tree.root.split(/[\\/]/).filter(Boolean).pop() ?? tree.root;
  return tree.dirs.name[dir] ?? '';
}

/** Absolute path of a folder. */
export function folderPath(tree: ScanTree, dir: number): string {
  const relative = scanTreeRelativePath(tree, dir);
  if (relative === '') return tree.root;
  return `${tree.root.replace(/[\\/]+$/, '')}/${relative}`;
}

/** The tile's own name. */
export function tileName(source: TreemapSource, tile: Tile): string {
  const { tree } = source;
  if (tile.kind === TILE_SEQUENCE) return tree.sequences[tile.id]?.pattern ?? '';
  if (tile.kind === TILE_FILE) return source.files(tile.id)?.names[tile.file] ?? '';
  if (tile.kind === TILE_FILES) return `Files in ${folderLabel(tree, tile.id)}`;
  return folderLabel(tree, tile.id);
}

/** How many files the tile holds. */
export function tileFileCount(source: TreemapSource, tile: Tile): number {
  const { tree } = source;
  if (tile.kind === TILE_SEQUENCE) return tree.sequences[tile.id]?.count ?? 0;
  if (tile.kind === TILE_FILE) return 1;
  if (tile.kind === TILE_FILES) {
    const read = source.files(tile.id);
    if (read) return read.names.length;
    let frames = 0;
    const { seqStart, seqList } = source.seqIndex;
    for (let k = seqStart[tile.id] ?? 0; k < (seqStart[tile.id + 1] ?? 0); k++)
      frames += tree.sequences[seqList[k] ?? -1]?.count ?? 0;
    return Math.max(0, (tree.dirs.own_files[tile.id] ?? 0) - frames);
  }
  return tree.dirs.file_count[tile.id] ?? 0;
}

/** The path the tile stands for. */
export function tilePath(source: TreemapSource, tile: Tile): string {
  if (tile.kind === TILE_DIR || tile.kind === TILE_FILES) return folderPath(source.tree, tile.id);
  const dir = tile.kind === TILE_SEQUENCE ? (source.seqIndex.dirOf[tile.id] ?? 0) : tile.id;
  return `${folderPath(source.tree, dir)}/${tileName(source, tile)}`;
}

/** The tooltip's lines: name, size and files, path. */
export function tileDetails(source: TreemapSource, tile: Tile): { name: string; size: string; path: string } {
  const files = tileFileCount(source, tile);
  const what = tile.kind === TILE_SEQUENCE ? countOf(files, 'frame') : countOf(files, 'file');
  return {
    name: tileName(source, tile),
    size: `${formatBytes(tile.bytes)} · ${what}`,
    path: tilePath(source, tile),
  };
}

/** "Treemap of sh010: 12 folders, 3 sequences, largest renders 4.1 GB". */
export function treemapSummary(source: TreemapSource, layout: TreemapLayout): string {
  const { tree, index, seqIndex } = source;
  const root = layout.root;
  const parts = [
    countOf(childCount(index, root), 'folder'),
    countOf(sequenceCount(seqIndex, root), 'sequence'),
  ];
  const largest = layout.tiles.find((tile) => tile.parent === -1);
  if (largest) parts.push(`largest ${tileName(source, largest)} ${formatBytes(largest.bytes)}`);
  return `Treemap of ${folderLabel(tree, root)}: ${parts.join(', ')}`;
}
