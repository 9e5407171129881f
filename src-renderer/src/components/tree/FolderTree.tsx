/** Virtualized folder tree: only the rows in view (plus overscan) are in the DOM. */
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ScanTree } from '../../../../src-shared/scan-tree';
import { countOf, formatBytes, formatCount } from '../../../../src-shared/format';
import { folderName } from '../../api';
import { useElementSize } from '../../hooks/use-element-size';
import { childCount, flattenTree, scrollToRow, toggled, visibleRange, type TreeIndex } from './tree-model';

/** Fixed row height in px (must match .tree-row in CSS). */
export const ROW_HEIGHT = 28;
const OVERSCAN = 8;

interface FolderTreeProps {
  tree: ScanTree;
  index: TreeIndex;
}

/** The folder tree, largest first; the root starts expanded. */
export function FolderTree({ tree, index }: FolderTreeProps) {
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => new Set([0]));
  const [active, setActive] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  const scroller = useRef<HTMLDivElement | null>(null);
  const [sizeRef, size] = useElementSize<HTMLDivElement>();
  const rows = useMemo(() => flattenTree(index, expanded), [index, expanded]);
  const activeRow = Math.max(0, rows.nodes.indexOf(active));
  const { start, end } = visibleRange(scrollTop, size.height, ROW_HEIGHT, rows.nodes.length, OVERSCAN);
  const d = tree.dirs;
  const rootSize = Math.max(1, d.total_size[0] ?? 0);

  const setScrollerRef = (element: HTMLDivElement | null): void => {
    scroller.current = element;
    sizeRef(element);
  };

  const moveTo = (row: number): void => {
    const clamped = Math.max(0, Math.min(rows.nodes.length - 1, row));
    const node = rows.nodes[clamped];
    if (node === undefined) return;
    setActive(node);
    const el = scroller.current;
    if (!el) return;
    const next = scrollToRow(clamped, el.scrollTop, el.clientHeight, ROW_HEIGHT);
    if (next !== el.scrollTop) {
      el.scrollTop = next;
      setScrollTop(next);
    }
  };

  const setOpen = (node: number, open: boolean): void => {
    if (childCount(index, node) === 0) return;
    setExpanded((set) => (set.has(node) === open ? set : toggled(set, node, open)));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const node = rows.nodes[activeRow] ?? 0;
    const hasChildren = childCount(index, node) > 0;
    const open = expanded.has(node);
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
        moveTo(rows.nodes.length - 1);
        break;
      case 'ArrowRight':
        if (hasChildren && !open) setOpen(node, true);
        else if (hasChildren) moveTo(activeRow + 1);
        break;
      case 'ArrowLeft':
        if (hasChildren && open) setOpen(node, false);
        else {
          const parent = d.parent[node] ?? -1;
          if (parent >= 0) moveTo(rows.nodes.lastIndexOf(parent, activeRow));
        }
        break;
      case 'Enter':
      case ' ':
        setOpen(node, !open);
        break;
      default:
        handled = false;
    }
    if (handled) event.preventDefault();
  };

  const rendered = [];
  for (let row = start; row < end; row++) {
    const node = rows.nodes[row] ?? 0;
    const depth = rows.depths[row] ?? 0;
    const kids = childCount(index, node);
    const parent = d.parent[node] ?? -1;
    const total = d.total_size[node] ?? 0;
    const parentTotal = parent >= 0 ? Math.max(1, d.total_size[parent] ?? 0) : rootSize;
    const share = Math.min(100, (total / parentTotal) * 100);
    const isOpen = expanded.has(node);
    const name = node === 0 ? folderName(tree.root) : (d.name[node] ?? '');
    rendered.push(
      <div
        key={node}
        id={`tree-node-${node}`}
        role="treeitem"
        data-testid="tree-row"
        aria-level={depth + 1}
        aria-expanded={kids > 0 ? isOpen : undefined}
        aria-selected={node === active}
        aria-setsize={parent >= 0 ? childCount(index, parent) : 1}
        aria-posinset={(index.posInParent[node] ?? 0) + 1}
        className={`tree-row${node === active ? ' active' : ''}${d.error[node] === 1 ? ' has-error' : ''}`}
        style={{ transform: `translateY(${row * ROW_HEIGHT}px)` }}
        onClick={() => {
          setActive(node);
          setOpen(node, !isOpen);
        }}
      >
        <span className="tree-name" style={{ paddingLeft: `${depth * 16 + 6}px` }}>
          <span className={`chevron${kids > 0 ? (isOpen ? ' open' : '') : ' leaf'}`} aria-hidden="true" />
          <span className="folder-icon" aria-hidden="true" />
          <span className="tree-label" title={name}>
            {name}
          </span>
          {d.error[node] === 1 && (
            <span className="tree-error" title="Some entries here could not be read">
              !
            </span>
          )}
        </span>
        <span className="tree-size">
          <span className="share" aria-hidden="true">
            <span className="share-fill" style={{ width: `${share}%` }} />
          </span>
          <span className="tree-bytes">{formatBytes(total)}</span>
        </span>
        <span className="tree-files" title={countOf(d.file_count[node] ?? 0, 'file')}>
          {formatCount(d.file_count[node] ?? 0)}
        </span>
        <span className="tree-dirs" title={countOf(d.directory_count[node] ?? 0, 'folder')}>
          {formatCount(d.directory_count[node] ?? 0)}
        </span>
      </div>,
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
        aria-activedescendant={`tree-node-${active}`}
        onKeyDown={onKeyDown}
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      >
        <div className="tree-spacer" style={{ height: `${rows.nodes.length * ROW_HEIGHT}px` }}>
          {rendered}
        </div>
      </div>
    </div>
  );
}
