/** What every row of the folder tree is given: where it sits (as a treeitem and on screen) and its click. */
import type { CSSProperties } from 'react';

export interface TreeItemProps {
  /** DOM id (rowDomId), for the tree's aria-activedescendant. */
  id: string;
  /** aria-level, aria-setsize and aria-posinset. */
  level: number;
  setSize: number;
  posInSet: number;
  active: boolean;
  /** Left padding of the name, in px. */
  indent: number;
  /** Its place in the virtualized list. */
  style: CSSProperties;
  onClick: () => void;
}
