/**
 * Virtualized folder tree: only the rows in view (plus overscan) are in the DOM. A folder's children are its
 * subfolders, image sequences and other files (read when it is first expanded), together largest first; an
 * expanded sequence lists its frames, missing ones included.
 */
import {
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type Ref,
} from 'react';
import type { ScanTree } from '../../../../src-shared/scan-tree';
import { folderName } from '../../api';
import { useElementSize } from '../../hooks/use-element-size';
import { sequenceFrames } from './sequence-model';
import { FrameRow, SequenceRow } from './SequenceRows';
import { FileRow } from './FileRows';
import { FolderRow } from './FolderRow';
import { looseFileRows, useFolderFiles, type FilesSource } from './use-folder-files';
import { childSizes } from './child-order';
import { rowAt, rowDomId, type RowRef } from './row-ref';
import { useTreeReveal, type FindTarget } from './use-tree-reveal';
import {
  ROW_DIR,
  ROW_FILE,
  ROW_FRAME,
  ROW_SEQUENCE,
  buildSequenceIndex,
  childCount,
  findRow,
  flattenRows,
  parentRow,
  revealPlan,
  scrollToRow,
  sequenceCount,
  toggled,
  visibleRange,
  type SequenceIndex,
  type TreeIndex,
} from './tree-model';

/** Fixed row height in px (must match .tree-row in CSS). */
export const ROW_HEIGHT = 28;
const OVERSCAN = 8;

/** What the results view can ask of the tree. */
export interface FolderTreeHandle {
  /** Expand the folders down to sequence `seq` (an index into `tree.sequences`), select it and scroll to it. */
  revealSequence(seq: number): void;
  /** Open the folders down to a find match, then select it and scroll to it. */
  revealMatch(target: FindTarget): void;
  /** The same for any row; `focus` moves the keyboard focus to the tree (the treemap keeps it). */
  reveal(row: RowRef, focus?: boolean): void;
}

interface FolderTreeProps {
  /** Where a folder's files are read when it is expanded (without it, folders show no files). */
  files?: FilesSource;
  tree: ScanTree;
  index: TreeIndex;
  ref?: Ref<FolderTreeHandle>;
  /** Told the open folders (indices) as they change: a polled watch polls those. */
  onOpenFolders?: (open: ReadonlySet<number>) => void;
  /** Told the selected row as it changes (the treemap shows it). */
  onActiveChange?: (row: RowRef) => void;
}

/** The folder tree, largest first; the root starts expanded. */
export function FolderTree({
  files: source,
  tree,
  index,
  ref,
  onOpenFolders,
  onActiveChange,
}: FolderTreeProps) {
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => new Set([0]));
  const [expandedSequences, setExpandedSequences] = useState<ReadonlySet<number>>(() => new Set());
  const [active, setActive] = useState<RowRef>({ kind: ROW_DIR, id: 0, frame: -1 });
  const [scrollTop, setScrollTop] = useState(0);
  const scroller = useRef<HTMLDivElement | null>(null);
  const [sizeRef, size] = useElementSize<HTMLDivElement>();
  const sequences = tree.sequences;
  const seqIndex: SequenceIndex = useMemo(() => buildSequenceIndex(tree), [tree]);
  const frameCount = useMemo(
    () =>
      (seq: number): number => {
        const entry = sequences[seq];
        return entry ? sequenceFrames(entry).frames.length : 0;
      },
    [sequences],
  );
  const files = useFolderFiles(source, tree, seqIndex, expanded);
  useEffect(() => onOpenFolders?.(expanded), [expanded, onOpenFolders]);
  useEffect(() => onActiveChange?.(active), [active, onActiveChange]);
  const fileCount = useMemo(
    () =>
      (dir: number): number =>
        looseFileRows(files.get(dir)),
    [files],
  );
  const sizes = useMemo(
    () =>
      childSizes(tree, (dir) => {
        const loaded = files.get(dir);
        return loaded && !('error' in loaded) ? loaded : undefined;
      }),
    [tree, files],
  );
  const rows = useMemo(
    () => flattenRows(index, seqIndex, { expanded, expandedSequences, frameCount, fileCount, sizes }),
    [index, seqIndex, expanded, expandedSequences, frameCount, fileCount, sizes],
  );
  const activeRow = Math.max(0, findRow(rows, active.kind, active.id, active.frame));
  const { start, end } = visibleRange(scrollTop, size.height, ROW_HEIGHT, rows.length, OVERSCAN);
  const d = tree.dirs;
  const rootSize = Math.max(1, d.total_size[0] ?? 0);

  const setScrollerRef = (element: HTMLDivElement | null): void => {
    scroller.current = element;
    sizeRef(element);
  };

  const scrollRowIntoView = (row: number): void => {
    const el = scroller.current;
    if (!el) return;
    const next = scrollToRow(row, el.scrollTop, el.clientHeight, ROW_HEIGHT);
    if (next !== el.scrollTop) {
      el.scrollTop = next;
      setScrollTop(next);
    }
  };

  const moveTo = (row: number): void => {
    const clamped = Math.max(0, Math.min(rows.length - 1, row));
    if (clamped < 0 || clamped >= rows.length) return;
    setActive(rowAt(rows, clamped));
    scrollRowIntoView(clamped);
  };

  const finder = useTreeReveal({ tree, seqIndex, files, rows, activeRow, setExpanded, setActive, moveTo });

  /** A folder's children: its subfolders, its sequences, and its files once read (until then, it has files). */
  const setSizeOf = (dir: number): number =>
    childCount(index, dir) +
    sequenceCount(seqIndex, dir) +
    (files.has(dir) ? fileCount(dir) : Math.min(1, d.own_files[dir] ?? 0));

  /** Whether a row can be expanded. */
  const expandable = (row: RowRef): boolean => {
    if (row.kind === ROW_DIR) return setSizeOf(row.id) > 0;
    if (row.kind === ROW_SEQUENCE) return frameCount(row.id) > 0;
    return false;
  };
  const isOpen = (row: RowRef): boolean =>
    row.kind === ROW_DIR
      ? expanded.has(row.id)
      : row.kind === ROW_SEQUENCE
        ? expandedSequences.has(row.id)
        : false;

  const setOpen = (row: RowRef, open: boolean): void => {
    if (!expandable(row)) return;
    const update = (set: ReadonlySet<number>): ReadonlySet<number> =>
      set.has(row.id) === open ? set : toggled(set, row.id, open);
    if (row.kind === ROW_DIR) setExpanded(update);
    else setExpandedSequences(update);
  };

  /** Expand down to `target`, select it and centre its row (if it is listed yet: a file may still be read). */
  const reveal = (target: RowRef, focus: boolean): void => {
    const options = { expanded, expandedSequences, frameCount, fileCount, sizes };
    const { row, ...open } = revealPlan(tree, index, seqIndex, target, options);
    setExpanded(open.expanded);
    setExpandedSequences(open.expandedSequences);
    setActive(target);
    const el = scroller.current;
    if (row >= 0 && el) {
      // Centre the row (or, from the treemap, scroll it just into view); the spacer grows with the new rows on
      // this render, so set it after React commits.
      const top = focus
        ? Math.max(0, row * ROW_HEIGHT - el.clientHeight / 2 + ROW_HEIGHT / 2)
        : scrollToRow(row, el.scrollTop, el.clientHeight, ROW_HEIGHT);
      requestAnimationFrame(() => {
        el.scrollTop = top;
        setScrollTop(el.scrollTop);
        if (!focus) return;
        el.focus({ preventScroll: true });
        el.scrollIntoView({ block: 'nearest' });
      });
    }
  };

  useImperativeHandle(ref, (): FolderTreeHandle => ({
    revealSequence(seq: number): void {
      if (seq < 0 || seq >= sequences.length) return;
      reveal({ kind: ROW_SEQUENCE, id: seq, frame: -1 }, true);
    },
    reveal: (row: RowRef, focus = false): void => reveal(row, focus),
    revealMatch: finder.reveal,
  }));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const current = rowAt(rows, activeRow);
    const hasChildren = expandable(current);
    const open = isOpen(current);
    const page = Math.max(1, Math.floor(size.height / ROW_HEIGHT) - 1);
    let handled = true;
    switch (event.key) {
      case 'ArrowDown':
        moveTo(activeRow + 1);
        break;
      case 'ArrowUp':
        moveTo(activeRow - 1);
        break;
      case 'PageDown':
        moveTo(activeRow + page);
        break;
      case 'PageUp':
        moveTo(activeRow - page);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rows.length - 1);
        break;
      case 'ArrowRight':
        if (hasChildren && !open) setOpen(current, true);
        else if (hasChildren) moveTo(activeRow + 1);
        break;
      case 'ArrowLeft':
        if (hasChildren && open) setOpen(current, false);
        else {
          const parent = parentRow(rows, activeRow);
          if (parent >= 0) moveTo(parent);
        }
        break;
      case 'Enter':
      case ' ':
        setOpen(current, !open);
        break;
      default:
        handled = finder.typeAhead(event); // letters: the next row whose name starts with them
    }
    if (handled) event.preventDefault();
  };

  const rendered = [];
  for (let row = start; row < end; row++) {
    const item = rowAt(rows, row);
    const depth = rows.depths[row] ?? 0;
    const isActive = row === activeRow;
    const style = { transform: `translateY(${row * ROW_HEIGHT}px)` };
    const indent = depth * 16 + 6;

    if (item.kind === ROW_FILE) {
      const loaded = files.get(item.id);
      const error = loaded && 'error' in loaded ? loaded.error : undefined;
      const list = loaded && !('error' in loaded) ? loaded : null;
      rendered.push(
        <FileRow
          key={`file${item.id}-${item.frame}`}
          id={rowDomId(item)}
          name={list ? (list.names[item.frame] ?? '') : null}
          bytes={list ? (list.sizes[item.frame] ?? 0) : 0}
          error={error}
          level={depth + 1}
          active={isActive}
          setSize={setSizeOf(item.id)}
          posInSet={rows.positions[row] ?? 1}
          parentSize={d.total_size[item.id] ?? 0}
          indent={indent}
          style={style}
          onClick={() => setActive(item)}
        />,
      );
      continue;
    }
    if (item.kind === ROW_SEQUENCE || item.kind === ROW_FRAME) {
      const seq = sequences[item.id];
      if (!seq) continue;
      const dir = seqIndex.dirOf[item.id] ?? 0;
      const select = (): void => setActive(item);
      if (item.kind === ROW_SEQUENCE) {
        const open = expandedSequences.has(item.id);
        rendered.push(
          <SequenceRow
            key={`s${item.id}`}
            id={rowDomId(item)}
            seq={seq}
            level={depth + 1}
            expanded={frameCount(item.id) > 0 ? open : undefined}
            active={isActive}
            setSize={setSizeOf(dir)}
            posInSet={rows.positions[row] ?? 1}
            parentSize={Math.max(1, d.total_size[dir] ?? 0)}
            indent={indent}
            style={style}
            files={source}
            dir={dir}
            onClick={() => {
              select();
              setOpen(item, !open);
            }}
          />,
        );
      } else {
        const frames = sequenceFrames(seq);
        rendered.push(
          <FrameRow
            key={`f${item.id}-${item.frame}`}
            id={rowDomId(item)}
            seq={seq}
            frames={frames}
            frame={frames.frames[item.frame] ?? 0}
            level={depth + 1}
            active={isActive}
            setSize={frames.frames.length}
            posInSet={rows.positions[row] ?? 1}
            indent={indent}
            style={style}
            files={source}
            dir={dir}
            onClick={select}
          />,
        );
      }
      continue;
    }

    const node = item.id;
    const kids = setSizeOf(node);
    const parent = d.parent[node] ?? -1;
    const total = d.total_size[node] ?? 0;
    const parentTotal = parent >= 0 ? Math.max(1, d.total_size[parent] ?? 0) : rootSize;
    const share = Math.min(100, (total / parentTotal) * 100);
    const open = expanded.has(node);
    const name = node === 0 ? folderName(tree.root) : (d.name[node] ?? '');
    rendered.push(
      <FolderRow
        key={node}
        id={rowDomId(item)}
        tree={tree}
        node={node}
        name={name}
        share={share}
        childRows={kids}
        open={open}
        level={depth + 1}
        active={isActive}
        setSize={parent >= 0 ? setSizeOf(parent) : 1}
        posInSet={rows.positions[row] ?? 1}
        indent={indent}
        style={style}
        onClick={() => {
          setActive(item);
          setOpen(item, !open);
        }}
      />,
    );
  }

  return (
    <div className="tree-frame">
      <div className="tree-columns" aria-hidden="true">
        <span>Name</span>
        <span>Size</span>
        <span>Files</span>
        <span>Folders</span>
      </div>
      <div
        ref={setScrollerRef}
        className="tree-scroller"
        role="tree"
        aria-label="Folder tree"
        tabIndex={0}
        aria-activedescendant={rowDomId(rowAt(rows, activeRow))}
        onKeyDown={onKeyDown}
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      >
        <div className="tree-spacer" style={{ height: `${rows.length * ROW_HEIGHT}px` }}>
          {rendered}
        </div>
      </div>
    </div>
  );
}
