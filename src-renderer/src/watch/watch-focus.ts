/**
 * The folders open in the results tree, as a polled watch names them (paths relative to the root). A watch on
 * a network filesystem polls only these and the root, so it does not stat a whole shared tree every few
 * seconds; the folders not open are re-read by the watch's reconcile.
 */
import type { ScanTree } from '../../../src-shared/scan-tree';
import { MAX_WATCH_FOCUS } from '../../../src-shared/watch-shapes';

/** The path of folder `index` relative to the root ('' for the root), walking up its parents. */
export function folderPathOf(tree: ScanTree, index: number): string {
  const { name, parent } = tree.dirs;
  const parts: string[] = [];
  for (let at = index; at > 0 && at < name.length; at = parent[at] ?? -1) parts.push(name[at] ?? '');
  return parts.reverse().join('/');
}

/**
 * The open folders below the root (the root is always polled), sorted, at most MAX_WATCH_FOCUS of them
 * (those nearest the root first): the watch is told this list as its focus.
 */
export function openFolderPaths(tree: ScanTree, open: ReadonlySet<number>): string[] {
  const paths = [...open]
    .filter((index) => index > 0 && index < tree.dirs.name.length)
    .map((index) => folderPathOf(tree, index));
  const depth = (path: string): number => path.split('/').length;
  const nearest = paths.sort((a, b) => depth(a) - depth(b) || a.localeCompare(b)).slice(0, MAX_WATCH_FOCUS);
  return nearest.sort();
}
