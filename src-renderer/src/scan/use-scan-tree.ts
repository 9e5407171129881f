/** A finished scan's folder tree, fetched once per batch and indexed for the virtualized view. */
import { useEffect, useState } from 'react';
import type { ScanTree } from '../../../src-shared/scan-tree';
import { errorText, wrangle } from '../api';
import { buildTreeIndex, type TreeIndex } from './tree/tree-model';

export type TreeLoad =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'error'; error: string }
  | { status: 'ready'; tree: ScanTree; index: TreeIndex };

/** Only the most recent tree is kept: a 100k-folder tree is tens of megabytes. */
let cache: { batchId: string; load: Promise<TreeLoad> } | null = null;

function loadTree(batchId: string): Promise<TreeLoad> {
  if (cache?.batchId === batchId) return cache.load;
  const load = wrangle()
    .getTree(batchId)
    .then((tree): TreeLoad =>
      tree ? { status: 'ready', tree, index: buildTreeIndex(tree) } : { status: 'missing' },
    )
    .catch((error: unknown): TreeLoad => ({ status: 'error', error: errorText(error) }));
  cache = { batchId, load };
  return load;
}

/** Load the tree of `batchId` (one getTree call, however often this renders). */
export function useScanTree(batchId: string): TreeLoad {
  const [state, setState] = useState<{ batchId: string; load: TreeLoad } | null>(null);
  useEffect(() => {
    let live = true;
    void loadTree(batchId).then((load) => {
      if (live) setState({ batchId, load });
    });
    return () => {
      live = false;
    };
  }, [batchId]);
  return state?.batchId === batchId ? state.load : { status: 'loading' };
}
