/** The results' menus: on the folder tree's rows and on the problems list's sequences. */
import { useMemo, type RefObject } from 'react';
import type { ScanTree } from '../../../src-shared/scan-tree';
import type { FolderTreeHandle } from '../scan/tree/FolderTree';
import type { MenuContent } from './menu-store';
import { useMenuProvider } from './providers';
import { lazyPaths, parseTreeRowId, rowTarget, sequenceMenu, treeRowMenu } from './tree-menu';

/** Register the menus of the tree shown (null while it loads) and of the problems that point into it. */
export function useResultsMenus(tree: ScanTree | null, treeRef: RefObject<FolderTreeHandle | null>): void {
  const paths = useMemo(() => (tree ? lazyPaths(tree) : () => []), [tree]);
  useMenuProvider((element): MenuContent | null => {
    if (!tree) return null;
    const treeRow = element.closest('[role="tree"][aria-label="Folder tree"] [role="treeitem"]');
    if (treeRow) {
      const menu = treeRowMenu(tree, treeRow, paths);
      const parsed = parseTreeRowId(treeRow.id);
      const target = parsed && rowTarget(parsed, treeRow);
      return menu && { ...menu, select: () => target && treeRef.current?.revealMatch(target) };
    }
    const problem = element.closest<HTMLElement>('[data-testid="problem-row"][data-seq-index]');
    const index = Number(problem?.dataset.seqIndex);
    const seq = problem ? tree.sequences[index] : undefined;
    if (!seq) return null;
    const menu = sequenceMenu(tree.root, seq);
    return {
      ...menu,
      items: [{ label: 'Show in tree', run: () => treeRef.current?.revealSequence(index) }, ...menu.items],
    };
  });
}
