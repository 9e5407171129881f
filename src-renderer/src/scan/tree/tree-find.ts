/**
 * Find in the folder tree: every folder, sequence and file whose name contains the query (ignoring case),
 * anywhere in the tree, expanded or not, in the order the rows would show if every folder were open: a folder,
 * then its children largest first (ties by name), each subfolder's matches before the next child. Folders and
 * sequences come from the tree; files from the host's search of the scan's file list (findFiles), where a
 * frame of a sequence counts as its sequence, since a sequence is one row. Pure.
 */
import type { FoundFiles } from '../../../../src-shared/ipc-channels';
import type { ScanTree } from '../../../../src-shared/scan-tree';
import { frameFileName, sequenceFrames } from './sequence-model';
import type { SequenceIndex, TreeIndex } from './tree-model';

/** One match: a folder, a sequence or a file (by its folder and name). */
export type FindTarget =
  { kind: 'dir'; dir: number } | { kind: 'seq'; seq: number } | { kind: 'file'; dir: number; name: string };

/** A child of a folder, for the merge by size. */
interface Child {
  size: number;
  name: string;
  /** A subfolder to descend into, or a match to emit. */
  dir?: number;
  target?: FindTarget;
}

/** Largest first, ties by name: the tree's own order. */
function bySize(a: Child, b: Child): number {
  return b.size - a.size || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** Each folder's matching files, with frames of its sequences turned into those sequences (once each). */
function fileMatches(
  tree: ScanTree,
  seqIndex: SequenceIndex,
  found: FoundFiles | null,
): { files: Map<number, Child[]>; seqs: Set<number> } {
  const files = new Map<number, Child[]>();
  const seqs = new Set<number>();
  for (const { folder, names, sizes } of found?.folders ?? []) {
    const frameOf = new Map<string, number>();
    for (let k = seqIndex.seqStart[folder] ?? 0; k < (seqIndex.seqStart[folder + 1] ?? 0); k++) {
      const seq = seqIndex.seqList[k] ?? -1;
      const entry = tree.sequences[seq];
      if (entry)
        for (const frame of sequenceFrames(entry).frames) frameOf.set(frameFileName(entry, frame), seq);
    }
    const list: Child[] = [];
    names.forEach((name, i) => {
      const seq = frameOf.get(name);
      if (seq !== undefined) seqs.add(seq);
      else list.push({ size: sizes[i] ?? 0, name, target: { kind: 'file', dir: folder, name } });
    });
    files.set(folder, list);
  }
  return { files, seqs };
}

/** Every match of `query` in the tree, in display order; [] for an empty query. */
export function findMatches(
  tree: ScanTree,
  index: TreeIndex,
  seqIndex: SequenceIndex,
  query: string,
  found: FoundFiles | null = null,
): FindTarget[] {
  const needle = query.trim().toLowerCase();
  if (needle === '' || index.count === 0) return [];
  const { name, total_size: size } = tree.dirs;
  const hit = (text: string): boolean => text.toLowerCase().includes(needle);
  const fromFiles = fileMatches(tree, seqIndex, found);
  const out: FindTarget[] = [];
  // Children still to visit, pushed in reverse so they pop in display order.
  const stack: Child[] = [{ size: 0, name: '', dir: 0 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (item.target) {
      out.push(item.target);
      continue;
    }
    const dir = item.dir ?? 0;
    // The root is the results' title, not something to find.
    if (dir !== 0 && hit(name[dir] ?? '')) out.push({ kind: 'dir', dir });
    const children: Child[] = [];
    for (let k = index.childStart[dir] ?? 0; k < (index.childStart[dir + 1] ?? 0); k++) {
      const child = index.childList[k] ?? 0;
      children.push({ size: size[child] ?? 0, name: name[child] ?? '', dir: child });
    }
    for (let k = seqIndex.seqStart[dir] ?? 0; k < (seqIndex.seqStart[dir + 1] ?? 0); k++) {
      const seq = seqIndex.seqList[k] ?? 0;
      const entry = tree.sequences[seq];
      if (entry && (hit(entry.pattern) || fromFiles.seqs.has(seq)))
        children.push({ size: entry.total_size, name: entry.pattern, target: { kind: 'seq', seq } });
    }
    children.push(...(fromFiles.files.get(dir) ?? []));
    children.sort(bySize);
    for (let k = children.length - 1; k >= 0; k--) stack.push(children[k] as Child);
  }
  return out;
}

/** A match as one string, to tell whether two match lists hold the same match. */
export function targetKey(target: FindTarget): string {
  if (target.kind === 'dir') return `d${target.dir}`;
  if (target.kind === 'seq') return `s${target.seq}`;
  return `f${target.dir}/${target.name}`;
}

/** The match after (step 1) or before (step -1) position `current`, wrapping around; -1 when none. */
export function stepMatch(count: number, current: number, step: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0) return step === 1 ? 0 : count - 1;
  return (((current + step) % count) + count) % count;
}

/** "3 of 12", "No matches", or "" before anything is typed. */
export function matchCountText(count: number, current: number, query: string, searching: boolean): string {
  if (query.trim() === '') return '';
  if (count === 0) return searching ? 'Searching…' : 'No matches';
  return `${current + 1} of ${count}${searching ? '…' : ''}`;
}
