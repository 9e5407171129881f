/** A folder as a row of the folder tree: its name, size with its share of the parent, files and folders below. */
import type { ScanTree } from '../../../../src-shared/scan-tree';
import { countOf, formatCount } from '../../../../src-shared/format';
import { folderRowLabel } from './row-label';
import { SizeCell } from './SizeCell';
import type { TreeItemProps } from './tree-item-props';

interface FolderRowProps extends TreeItemProps {
  tree: ScanTree;
  node: number;
  name: string;
  /** Share of the parent's size in percent (the root's share of itself). */
  share: number;
  /** How many children it lists (0: a leaf, no chevron). */
  childRows: number;
  open: boolean;
}

export function FolderRow(props: FolderRowProps) {
  const { tree, node, name, share, childRows, open, active } = props;
  const d = tree.dirs;
  const isRoot = (d.parent[node] ?? -1) < 0;
  const unreadable = d.error[node] === 1;
  return (
    <div
      id={props.id}
      role="treeitem"
      aria-label={folderRowLabel(tree, node, name, isRoot ? null : share)}
      data-testid="tree-row"
      aria-level={props.level}
      aria-expanded={childRows > 0 ? open : undefined}
      aria-selected={active}
      aria-setsize={props.setSize}
      aria-posinset={props.posInSet}
      className={`tree-row${active ? ' active' : ''}${unreadable ? ' has-error' : ''}`}
      style={props.style}
      onClick={props.onClick}
    >
      <span className="tree-name" style={{ paddingLeft: `${props.indent}px` }}>
        <span className={`chevron${childRows > 0 ? (open ? ' open' : '') : ' leaf'}`} aria-hidden="true" />
        <span className="folder-icon" aria-hidden="true" />
        <span className="tree-label" title={name}>
          {name}
        </span>
        {unreadable && (
          <span className="tree-error" title="Some entries here could not be read">
            !
          </span>
        )}
      </span>
      <SizeCell share={share} bytes={d.total_size[node] ?? 0} />
      <span className="tree-files" title={countOf(d.file_count[node] ?? 0, 'file')}>
        {formatCount(d.file_count[node] ?? 0)}
      </span>
      <span className="tree-dirs" title={countOf(d.directory_count[node] ?? 0, 'folder')}>
        {formatCount(d.directory_count[node] ?? 0)}
      </span>
    </div>
  );
}
