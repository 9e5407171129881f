/**
 * The menus of the folder tree's rows (a folder, a sequence or one of its frames, a file) and of the problems
 * list's rows (a sequence). Rows are found by their DOM ids (row-ref.ts's rowDomId), so the rows need no
 * handlers of their own.
 */
import type { SequenceEntry } from '../../../src-shared/jobs';
import type { FindTarget } from '../scan/tree/tree-find';
import type { ScanTree } from '../../../src-shared/scan-tree';
import { folderName } from '../api';
import { frameFileName, frameStatus, sequenceFrames } from '../scan/tree/sequence-model';
import { relativePaths } from '../scan/tree/tree-model';
import { copyTextItem, joinPath, revealItem, scanItem, transferItems } from './menu-actions';
import type { MenuContent } from './menu-store';

/** What a tree row's DOM id says it is. */
export type TreeRowId =
  | { kind: 'dir'; dir: number }
  | { kind: 'seq'; seq: number }
  | { kind: 'file'; dir: number; position: number };

/** The row as a find target, to select it (a file by its name, which its row shows). */
export function rowTarget(parsed: TreeRowId, row: Element): FindTarget | null {
  if (parsed.kind !== 'file') return parsed;
  const name = row.querySelector('.file-name')?.textContent ?? '';
  return name === '' ? null : { kind: 'file', dir: parsed.dir, name };
}

/** Parse a row id: tree-node-3, tree-seq-2, tree-seq-2-frame-5 (its sequence), tree-node-3-file-0. */
export function parseTreeRowId(id: string): TreeRowId | null {
  let m = /^tree-node-(\d+)$/.exec(id);
  if (m) return { kind: 'dir', dir: Number(m[1]) };
  m = /^tree-seq-(\d+)(?:-frame-\d+)?$/.exec(id);
  if (m) return { kind: 'seq', seq: Number(m[1]) };
  m = /^tree-node-(\d+)-file-(\d+)$/.exec(id);
  if (m) return { kind: 'file', dir: Number(m[1]), position: Number(m[2]) };
  return null;
}

/** The items of a sequence: where its first frame is, its pattern's path, its frames as a compact list. */
export function sequenceMenu(root: string, seq: SequenceEntry): MenuContent {
  const folder = joinPath(root, seq.dir.replace(/^\/+|\/+$/g, ''));
  const frames = sequenceFrames(seq);
  const first = frames.frames.find((frame) => frameStatus(frames, frame) !== 'missing') ?? seq.first;
  return {
    label: seq.pattern,
    items: [
      revealItem(joinPath(folder, frameFileName(seq, first))),
      copyTextItem('Copy path', joinPath(folder, seq.pattern)),
      copyTextItem('Copy frame list', seq.frames),
      ...(seq.missing ? [copyTextItem('Copy missing frames', seq.missing)] : []),
    ],
  };
}

/** The menu of a tree row, given the tree it shows (its root is the scanned folder). */
export function treeRowMenu(tree: ScanTree, row: Element, paths: () => string[]): MenuContent | null {
  const parsed = parseTreeRowId(row.id);
  if (!parsed) return null;
  if (parsed.kind === 'seq') {
    const seq = tree.sequences[parsed.seq];
    return seq ? sequenceMenu(tree.root, seq) : null;
  }
  const folder = joinPath(tree.root, paths()[parsed.dir] ?? '');
  if (parsed.kind === 'dir') {
    return {
      label: parsed.dir === 0 ? folderName(tree.root) : (tree.dirs.name[parsed.dir] ?? ''),
      items: [
        revealItem(folder),
        copyTextItem('Copy path', folder),
        scanItem(folder),
        ...transferItems([folder]),
      ],
    };
  }
  // A file's name is in its row (the tree reads a folder's files only when it is opened).
  const name = row.querySelector('.file-name')?.textContent ?? '';
  if (name === '') return null;
  const path = joinPath(folder, name);
  return {
    label: name,
    items: [revealItem(path), copyTextItem('Copy path', path), ...transferItems([path])],
  };
}

/** Relative paths of the tree's folders, computed the first time a menu needs them. */
export function lazyPaths(tree: ScanTree): () => string[] {
  let paths: string[] | null = null;
  return () => (paths ??= relativePaths(tree));
}
