/** The results header's "Verify" button, offered when the scanned folder holds an ASC MHL history. */
import { useScanTree } from '../scan/use-scan-tree';
import { verifyFolder } from './flow';
import { hasAscMhlHistory } from './history-folder';

/** The button (nothing until the tree shows an `ascmhl/` folder at the top of `root`). */
export function VerifyAction({ batchId, root }: { batchId: string; root: string }) {
  const tree = useScanTree(batchId);
  if (tree.status !== 'ready' || !hasAscMhlHistory(tree.tree)) return null;
  return (
    <button
      type="button"
      className="btn"
      title={`Check every file in ${root} against its ASC MHL history`}
      onClick={() => verifyFolder(root)}
    >
      Verify
    </button>
  );
}
