/** A file directly in a folder, as a row of the folder tree (or the one row saying its files could not be read). */
import { fileRowLabel } from './row-label';
import { SizeCell } from './SizeCell';
import type { TreeItemProps } from './tree-item-props';

interface FileRowProps extends TreeItemProps {
  /** The file's name, or null for the error row. */
  name: string | null;
  bytes: number;
  /** Why the folder's files are not listed, as a sentence (error row only). */
  error?: string;
  parentSize: number;
}

export function FileRow({
  id,
  name,
  bytes,
  error,
  level,
  active,
  setSize,
  posInSet,
  parentSize,
  indent,
  style,
  onClick,
}: FileRowProps) {
  const share = Math.min(100, (bytes / Math.max(1, parentSize)) * 100);
  return (
    <div
      id={id}
      role="treeitem"
      aria-label={name === null ? undefined : fileRowLabel(name, bytes, share)}
      data-testid="file-row"
      aria-level={level}
      aria-selected={active}
      aria-setsize={setSize}
      aria-posinset={posInSet}
      className={`tree-row file-row${active ? ' active' : ''}${error === undefined ? '' : ' has-error'}`}
      style={style}
      onClick={onClick}
    >
      <span className="tree-name" style={{ paddingLeft: `${indent}px` }}>
        <span className="chevron leaf" aria-hidden="true" />
        <span className="file-icon" aria-hidden="true" />
        {name === null ? (
          <span className="tree-label file-error" role="alert" title={error}>
            {error}
          </span>
        ) : (
          <span className="tree-label file-name" title={name}>
            {name}
          </span>
        )}
      </span>
      {name === null ? <span className="tree-size" /> : <SizeCell share={share} bytes={bytes} />}
      <span className="tree-files" />
      <span className="tree-dirs" />
    </div>
  );
}
