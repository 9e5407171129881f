/** Whether a scanned folder can be verified: it holds an ASC MHL history (`ascmhl/`) at its top level. */
import type { ScanTree } from '../../../src-shared/scan-tree';

/** The folder name ASC MHL keeps its history in. */
export const ASC_MHL_FOLDER = 'ascmhl';

/** True when the tree's root has an `ascmhl` folder directly inside it. */
export function hasAscMhlHistory(tree: Pick<ScanTree, 'dirs'>): boolean {
  const { name, parent } = tree.dirs;
  for (let index = 1; index < name.length; index++)
    if (parent[index] === 0 && name[index] === ASC_MHL_FOLDER) return true;
  return false;
}
