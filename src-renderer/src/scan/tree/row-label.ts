/**
 * What a row of the folder tree is called, column by column: screen readers hear each value with its column's
 * name ("renders, 4.1 GB, 240 files, 3 folders, 38% of parent"), not four bare numbers.
 */
import { countOf, formatBytes } from '../../../../src-shared/format';
import type { ScanTree } from '../../../../src-shared/scan-tree';

/** A share of the parent folder's size, as a whole percentage ("<1%" for a small but non-zero one). */
export function shareText(share: number): string {
  const shown = share > 0 && share < 1 ? '<1' : String(Math.round(share));
  return `${shown}% of parent`;
}

/** Folder `node`'s row, called `name`, with `share` of its parent's size (null for the root, which has none). */
export function folderRowLabel(tree: ScanTree, node: number, name: string, share: number | null): string {
  const d = tree.dirs;
  return [
    name,
    formatBytes(d.total_size[node] ?? 0),
    countOf(d.file_count[node] ?? 0, 'file'),
    countOf(d.directory_count[node] ?? 0, 'folder'),
    ...(share === null ? [] : [shareText(share)]),
    ...(d.error[node] === 1 ? ['some entries could not be read'] : []),
  ].join(', ');
}

/** A file's row. */
export function fileRowLabel(name: string, bytes: number, share: number): string {
  return `${name}, ${formatBytes(bytes)}, ${shareText(share)}`;
}
