/** Pure tree logic for the virtualized folder tree: child index, flattening and window math. */
import type { ScanTree } from '../../../../src-shared/scan-tree';
import { FROM_DIR, FROM_SEQUENCE, mergeChildren, type ChildSizes } from './child-order';

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

/*
 * Sequences and files in the tree. A folder's children are its subfolders, its image sequences and its other
 * files, merged largest first (see child-order.ts). An expanded sequence shows one row per frame from `first` to
 * `last` in frame-set order: the frames that exist and the missing ones, so gaps are visible in place.
 */

/** What one visible row is. */
export const ROW_DIR = 0;
export const ROW_SEQUENCE = 1;
export const ROW_FRAME = 2;
/** A file directly in a folder (not a frame of one of its sequences); read when the folder is expanded. */
export const ROW_FILE = 3;
export type RowKind = typeof ROW_DIR | typeof ROW_SEQUENCE | typeof ROW_FRAME | typeof ROW_FILE;

/** Which sequences (indices into `tree.sequences`) live in each folder, and where each sequence lives. */
export interface SequenceIndex {
  /** Sequences of folder i are seqList[seqStart[i] .. seqStart[i + 1]), largest first. */
  seqStart: Int32Array;
  seqList: Int32Array;
  /** Folder index of each sequence (0, the root, when its folder is not in the tree). */
  dirOf: Int32Array;
}

/** Relative path of every folder ('' for the root), built parent-first in one pass. */
export function relativePaths(tree: ScanTree): string[] {
  const { name, parent } = tree.dirs;
  const paths: string[] = new Array<string>(name.length);
  for (let i = 0; i < name.length; i++) {
    const p = parent[i] ?? -1;
    const base = p >= 0 ? (paths[p] ?? '') : '';
    paths[i] = p < 0 ? '' : base === '' ? (name[i] ?? '') : `${base}/${name[i] ?? ''}`;
  }
  return paths;
}

/** Group the tree file's sequences by folder. */
export function buildSequenceIndex(tree: ScanTree): SequenceIndex {
  const sequences = tree.sequences ?? [];
  const count = tree.dirs.name.length;
  const dirOf = new Int32Array(sequences.length);
  if (sequences.length > 0) {
    const byPath = new Map<string, number>();
    relativePaths(tree).forEach((path, i) => byPath.set(path, i));
    sequences.forEach((seq, s) => {
      dirOf[s] = byPath.get(seq.dir.replace(/^\/+|\/+$/g, '')) ?? 0;
    });
  }
  const seqStart = new Int32Array(count + 1);
  for (let s = 0; s < sequences.length; s++) seqStart[at(dirOf, s) + 1] = at(seqStart, at(dirOf, s) + 1) + 1;
  for (let i = 0; i < count; i++) seqStart[i + 1] = at(seqStart, i + 1) + at(seqStart, i);
  const cursor = seqStart.slice(0, count);
  const seqList = new Int32Array(sequences.length);
  for (let s = 0; s < sequences.length; s++) {
    const d = at(dirOf, s);
    const slot = at(cursor, d);
    seqList[slot] = s;
    cursor[d] = slot + 1;
  }
  const bySize = (a: number, b: number): number => {
    const sa = sequences[a];
    const sb = sequences[b];
    const diff = (sb?.total_size ?? 0) - (sa?.total_size ?? 0);
    if (diff !== 0) return diff;
    const pa = sa?.pattern ?? '';
    const pb = sb?.pattern ?? '';
    return pa < pb ? -1 : pa > pb ? 1 : a - b;
  };
  for (let i = 0; i < count; i++) {
    const start = at(seqStart, i);
    const end = at(seqStart, i + 1);
    if (end - start > 1) seqList.subarray(start, end).sort(bySize);
  }
  return { seqStart, seqList, dirOf };
}

/** Number of sequences directly in folder `node`. */
export function sequenceCount(seqIndex: SequenceIndex, node: number): number {
  return at(seqIndex.seqStart, node + 1) - at(seqIndex.seqStart, node);
}

/** Position of sequence `seq` among the sequences of its folder (0-based). */
export function sequencePosition(seqIndex: SequenceIndex, seq: number): number {
  const dir = at(seqIndex.dirOf, seq);
  const start = at(seqIndex.seqStart, dir);
  const end = at(seqIndex.seqStart, dir + 1);
  for (let k = start; k < end; k++) if (at(seqIndex.seqList, k) === seq) return k - start;
  return 0;
}

/**
 * The visible rows of a tree with sequences, as parallel arrays. For a folder row `ids` is the folder index;
 * for a sequence row, the sequence index; for a frame row, the sequence index, with `frames` the position of
 * the frame in that sequence's frame list (see `frameCount`); for a file row, the folder index, with `frames`
 * the position of the file in that folder's loose files (see `fileCount`). `positions` is each row's 1-based
 * place among its siblings (aria-posinset).
 */
export interface Rows {
  kinds: RowKind[];
  ids: number[];
  frames: number[];
  depths: number[];
  positions: number[];
  length: number;
}

/** Options for flattenRows. */
export interface FlattenOptions {
  /** Expanded folders. */
  expanded: ReadonlySet<number>;
  /** Expanded sequences. */
  expandedSequences: ReadonlySet<number>;
  /** How many frame rows an expanded sequence shows. */
  frameCount: (seq: number) => number;
  /** How many file rows an expanded folder shows (0 until its files are read). */
  fileCount?: (dir: number) => number;
  /**
   * Sizes and names to merge a folder's subfolders, sequences and files into one list, largest first. Without
   * them the children come grouped: subfolders, then sequences, then files, each largest first.
   */
  sizes?: ChildSizes;
  root?: number;
}

/** Walk only expanded folders and sequences, depth first. Cost is proportional to the rows shown. */
export function flattenRows(index: TreeIndex, seqIndex: SequenceIndex, options: FlattenOptions): Rows {
  const { expanded, expandedSequences, frameCount, fileCount = () => 0, sizes, root = 0 } = options;
  const rows: Rows = { kinds: [], ids: [], frames: [], depths: [], positions: [], length: 0 };
  if (index.count === 0) return rows;
  // Rows still to emit, as parallel stacks, pushed in reverse so they pop in display order.
  const kinds: RowKind[] = [ROW_DIR];
  const ids: number[] = [root];
  const frames: number[] = [-1];
  const depths: number[] = [0];
  const positions: number[] = [1];
  const push = (kind: RowKind, id: number, frame: number, depth: number, position: number): void => {
    kinds.push(kind);
    ids.push(id);
    frames.push(frame);
    depths.push(depth);
    positions.push(position);
  };
  for (let kind = kinds.pop(); kind !== undefined; kind = kinds.pop()) {
    const id = ids.pop() ?? 0;
    const frame = frames.pop() ?? -1;
    const depth = depths.pop() ?? 0;
    rows.kinds.push(kind);
    rows.ids.push(id);
    rows.frames.push(frame);
    rows.depths.push(depth);
    rows.positions.push(positions.pop() ?? 1);
    if (kind === ROW_SEQUENCE && expandedSequences.has(id)) {
      const n = frameCount(id);
      for (let f = n - 1; f >= 0; f--) push(ROW_FRAME, id, f, depth + 1, f + 1);
    }
    if (kind !== ROW_DIR || !expanded.has(id)) continue;
    const dirs = index.childList.subarray(at(index.childStart, id), at(index.childStart, id + 1));
    const seqs = seqIndex.seqList.subarray(at(seqIndex.seqStart, id), at(seqIndex.seqStart, id + 1));
    const files = fileCount(id);
    if (sizes) {
      const merged = mergeChildren(id, dirs, seqs, files, sizes);
      for (let k = merged.from.length - 1; k >= 0; k--) {
        const from = merged.from[k];
        const child = merged.ids[k] ?? 0;
        if (from === FROM_DIR) push(ROW_DIR, child, -1, depth + 1, k + 1);
        else if (from === FROM_SEQUENCE) push(ROW_SEQUENCE, child, -1, depth + 1, k + 1);
        else push(ROW_FILE, id, child, depth + 1, k + 1);
      }
      continue;
    }
    for (let f = files - 1; f >= 0; f--) push(ROW_FILE, id, f, depth + 1, dirs.length + seqs.length + f + 1);
    for (let k = seqs.length - 1; k >= 0; k--)
      push(ROW_SEQUENCE, at(seqs, k), -1, depth + 1, dirs.length + k + 1);
    for (let k = dirs.length - 1; k >= 0; k--) push(ROW_DIR, at(dirs, k), -1, depth + 1, k + 1);
  }
  rows.length = rows.kinds.length;
  return rows;
}

/** Index of the row that is the parent of `row` (the nearest earlier row one level up), or -1. */
export function parentRow(rows: Rows, row: number): number {
  const depth = rows.depths[row] ?? 0;
  for (let r = row - 1; r >= 0; r--) if ((rows.depths[r] ?? 0) < depth) return r;
  return -1;
}

/** Index of the row of the given kind and id (and frame position, for frame rows), or -1. */
export function findRow(rows: Rows, kind: RowKind, id: number, frame = -1): number {
  for (let r = 0; r < rows.length; r++) {
    if (
      rows.kinds[r] === kind &&
      rows.ids[r] === id &&
      ((kind !== ROW_FRAME && kind !== ROW_FILE) || rows.frames[r] === frame)
    )
      return r;
  }
  return -1;
}

/** Folders to expand so that folder `node` is visible, from the root down, including `node` itself. */
export function ancestorsOf(tree: ScanTree, node: number): number[] {
  const chain: number[] = [];
  for (let i = node; i >= 0; i = tree.dirs.parent[i] ?? -1) chain.push(i);
  return chain.reverse();
}

/**
 * What revealing `target` changes: the folders (and, for a frame, the sequence) to open so its row is listed,
 * and that row's index (for a file still being read, its folder's row), or -1.
 */
export function revealPlan(
  tree: ScanTree,
  index: TreeIndex,
  seqIndex: SequenceIndex,
  target: { kind: RowKind; id: number; frame: number },
  options: FlattenOptions,
): { expanded: Set<number>; expandedSequences: Set<number>; row: number } {
  const dir =
    target.kind === ROW_SEQUENCE || target.kind === ROW_FRAME ? (seqIndex.dirOf[target.id] ?? 0) : target.id;
  const expanded = new Set(options.expanded);
  // A folder's own row stays as it is; what is inside a folder needs the folder open.
  for (const node of ancestorsOf(tree, dir))
    if (node !== target.id || target.kind !== ROW_DIR) expanded.add(node);
  const expandedSequences = new Set(options.expandedSequences);
  if (target.kind === ROW_FRAME) expandedSequences.add(target.id);
  const rows = flattenRows(index, seqIndex, { ...options, expanded, expandedSequences });
  let row = findRow(rows, target.kind, target.id, target.frame);
  if (row < 0 && target.kind === ROW_FILE) row = findRow(rows, ROW_DIR, target.id);
  return { expanded, expandedSequences, row };
}
