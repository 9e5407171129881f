/** A tree row's size column: a bar for its share of the parent, then the size. */
import { formatBytes } from '../../../../src-shared/format';

export function SizeCell({ share, bytes }: { share: number; bytes: number }) {
  return (
    <span className="tree-size">
      <span className="share" aria-hidden="true">
        <span className="share-fill" style={{ width: `${share}%` }} />
      </span>
      <span className="tree-bytes">{formatBytes(bytes)}</span>
    </span>
  );
}
