/** Pure tree logic for the virtualized folder tree: child index, flattening and window math. */
import type { ScanTree } from '../../../../src-shared/scan-tree';

/** Children of every directory, sorted by total size (largest first), in one flat array (CSR layout). */
export interface TreeIndex {
  count: number;
  /** Children of node i are childList[childStart[i] .. childStart[i + 1]). */
  childStart: Int32Array;
  childList: Int32Array;
  /** Position of each node among its siblings (0-based). */
  posInParent: Int32Array;
}

/** Typed-array read that satisfies noUncheckedIndexedAccess. */
function at(array: Int32Array, i: number): number {
  return array[i] ?? 0;
}

/** Build the child index once: O(n) bucketing, then one sort per sibling group. */
export function buildTreeIndex(tree: ScanTree): TreeIndex {
  const { parent, total_size: size, name } = tree.dirs;
  const count = parent.length;
  const childStart = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) {
    const p = parent[i] ?? -1;
    if (p >= 0) childStart[p + 1] = at(childStart, p + 1) + 1;
  }
  for (let i = 0; i < count; i++) childStart[i + 1] = at(childStart, i + 1) + at(childStart, i);
  const cursor = childStart.slice(0, count);
  const childList = new Int32Array(at(childStart, count));
  for (let i = 0; i < count; i++) {
    const p = parent[i] ?? -1;
    if (p < 0) continue;
    const slot = at(cursor, p);
    childList[slot] = i;
    cursor[p] = slot + 1;
  }
  const posInParent = new Int32Array(count);
  const bySize = (a: number, b: number): number => {
    const diff = (size[b] ?? 0) - (size[a] ?? 0);
    if (diff !== 0) return diff;
    const na = name[a] ?? '';
    const nb = name[b] ?? '';
    return na < nb ? -1 : na > nb ? 1 : a - b;
  };
  for (let i = 0; i < count; i++) {
    const start = at(childStart, i);
    const end = at(childStart, i + 1);
    if (end - start > 1) childList.subarray(start, end).sort(bySize);
    for (let k = start; k < end; k++) posInParent[at(childList, k)] = k - start;
  }
  return { count, childStart, childList, posInParent };
}

/** Number of children of `node`. */
export function childCount(index: TreeIndex, node: number): number {
  return at(index.childStart, node + 1) - at(index.childStart, node);
}

/** The visible rows: node index and depth (root = 0), in display order. */
export interface FlatRows {
  nodes: number[];
  depths: number[];
}

/** Walk only expanded nodes, depth first, children in size order. Cost is proportional to the rows shown. */
export function flattenTree(index: TreeIndex, expanded: ReadonlySet<number>, root = 0): FlatRows {
  const nodes: number[] = [];
  const depths: number[] = [];
  if (index.count === 0) return { nodes, depths };
  const stack: number[] = [root];
  const depthStack: number[] = [0];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    const depth = depthStack.pop() ?? 0;
    nodes.push(node);
    depths.push(depth);
    if (!expanded.has(node)) continue;
    const start = at(index.childStart, node);
    for (let k = at(index.childStart, node + 1) - 1; k >= start; k--) {
      stack.push(at(index.childList, k));
      depthStack.push(depth + 1);
    }
  }
  return { nodes, depths };
}

/** Rows [start, end) to render for a scroll position, with `overscan` extra rows on each side. */
export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  rowCount: number,
  overscan: number,
): { start: number; end: number } {
  if (rowCount === 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const last = Math.ceil((Math.max(0, scrollTop) + Math.max(0, viewportHeight)) / rowHeight);
  return {
    start: Math.min(rowCount, Math.max(0, first - overscan)),
    end: Math.min(rowCount, Math.max(0, last + overscan)),
  };
}

/** The scrollTop that brings row `row` fully into view, changing the current one as little as possible. */
export function scrollToRow(
  row: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
): number {
  const top = row * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return scrollTop;
}

/** The set with `node` added or removed. */
export function toggled(set: ReadonlySet<number>, node: number, open: boolean): Set<number> {
  const next = new Set(set);
  if (open) next.add(node);
  else next.delete(node);
  return next;
}
