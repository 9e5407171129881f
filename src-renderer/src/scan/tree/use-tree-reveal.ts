/**
 * What the folder tree does for find and type-ahead: reveal a match (open the folders above it, wait for a
 * folder's files when the match is a file, then select the row and scroll it into view), and jump to the next
 * row whose name starts with the letters typed.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ScanTree } from '../../../../src-shared/scan-tree';
import { folderName } from '../../api';
import { EMPTY_TYPE_AHEAD, isTypeAheadKey, typeAheadRow, typed } from '../../keyboard/type-ahead';
import { rowAt, type RowRef } from './row-ref';
import { frameFileName, sequenceFrames } from './sequence-model';
import type { FindTarget } from './tree-find';

export type { FindTarget } from './tree-find';
import {
  ROW_DIR,
  ROW_FILE,
  ROW_FRAME,
  ROW_SEQUENCE,
  ancestorsOf,
  findRow,
  type Rows,
  type SequenceIndex,
} from './tree-model';
import type { LooseFiles } from './use-folder-files';

interface TreeRevealOptions {
  tree: ScanTree;
  seqIndex: SequenceIndex;
  files: ReadonlyMap<number, LooseFiles>;
  rows: Rows;
  activeRow: number;
  setExpanded(update: (set: ReadonlySet<number>) => ReadonlySet<number>): void;
  setActive(row: RowRef): void;
  /** Select row `row` and scroll it into view. */
  moveTo(row: number): void;
}

/** The row a match is, once the rows hold it; a file's row needs its folder's files (null until read). */
function rowRefOf(target: FindTarget, files: ReadonlyMap<number, LooseFiles>): RowRef | null {
  if (target.kind === 'dir') return { kind: ROW_DIR, id: target.dir, frame: -1 };
  if (target.kind === 'seq') return { kind: ROW_SEQUENCE, id: target.seq, frame: -1 };
  const loaded = files.get(target.dir);
  if (!loaded) return null;
  const position = 'error' in loaded ? -1 : loaded.names.indexOf(target.name);
  // The folder's files could not be read, or changed: its folder is the nearest row.
  return position < 0
    ? { kind: ROW_DIR, id: target.dir, frame: -1 }
    : { kind: ROW_FILE, id: target.dir, frame: position };
}

/** The folders to open so the match shows: those above it, and a file's own folder. */
function foldersToOpen(tree: ScanTree, seqIndex: SequenceIndex, target: FindTarget): number[] {
  if (target.kind === 'dir') return ancestorsOf(tree, tree.dirs.parent[target.dir] ?? -1);
  if (target.kind === 'seq') return ancestorsOf(tree, seqIndex.dirOf[target.seq] ?? 0);
  return ancestorsOf(tree, target.dir);
}

export function useTreeReveal({
  tree,
  seqIndex,
  files,
  rows,
  activeRow,
  setExpanded,
  setActive,
  moveTo,
}: TreeRevealOptions): { reveal(target: FindTarget): void; typeAhead(event: KeyboardEvent): boolean } {
  const [pending, setPending] = useState<FindTarget | null>(null);
  const typedSoFar = useRef(EMPTY_TYPE_AHEAD);

  const reveal = useCallback(
    (target: FindTarget): void => {
      const open = foldersToOpen(tree, seqIndex, target);
      setExpanded((set) => (open.every((dir) => set.has(dir)) ? set : new Set([...set, ...open])));
      setPending(target);
    },
    [tree, seqIndex, setExpanded],
  );

  // Once the rows hold the match (the folders opened, a file's folder read), select it and scroll to it.
  const moveToRef = useRef(moveTo);
  moveToRef.current = moveTo;
  useEffect(() => {
    if (!pending) return;
    const ref = rowRefOf(pending, files);
    if (!ref) return;
    const row = findRow(rows, ref.kind, ref.id, ref.frame);
    if (row < 0) return;
    setPending(null);
    setActive(ref);
    moveToRef.current(row);
  }, [pending, files, rows, setActive]);

  const nameOf = (row: number): string => {
    const item = rowAt(rows, row);
    if (item.kind === ROW_DIR) return item.id === 0 ? folderName(tree.root) : (tree.dirs.name[item.id] ?? '');
    const seq = tree.sequences[item.id];
    if (item.kind === ROW_SEQUENCE) return seq?.pattern ?? '';
    if (item.kind === ROW_FRAME)
      return seq ? frameFileName(seq, sequenceFrames(seq).frames[item.frame] ?? 0) : '';
    const loaded = files.get(item.id);
    return loaded && !('error' in loaded) ? (loaded.names[item.frame] ?? '') : '';
  };

  const typeAhead = (event: KeyboardEvent): boolean => {
    if (!isTypeAheadKey(event)) return false;
    typedSoFar.current = typed(typedSoFar.current, event.key, event.timeStamp);
    const row = typeAheadRow(rows.length, nameOf, activeRow, typedSoFar.current.prefix);
    if (row >= 0) moveTo(row);
    return true;
  };

  return { reveal, typeAhead };
}
