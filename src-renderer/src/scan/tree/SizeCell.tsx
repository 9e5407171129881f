/**
 * A tree row's size column: a bar for its share of the parent, then the size. Rows that take their name from
 * their content (sequences) say "size" and the share in words, for screen readers.
 */
import { formatBytes } from '../../../../src-shared/format';
import { shareText } from './row-label';

export function SizeCell({ share, bytes }: { share: number; bytes: number }) {
  return (
    <span className="tree-size">
      <span className="share" aria-hidden="true">
        <span className="share-fill" style={{ width: `${share}%` }} />
      </span>
      <span className="sr-only">, size </span>
      <span className="tree-bytes">{formatBytes(bytes)}</span>
      <span className="sr-only">, {shareText(share)}</span>
    </span>
  );
}
