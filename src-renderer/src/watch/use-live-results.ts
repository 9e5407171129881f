/**
 * The results' Watch: whether it is on, its state, and the scan's tree with the watch's facts laid over it
 * (derived on each update from the store's watch slice and the scan's tree; nothing is copied into state).
 */
import { useMemo, useState } from 'react';
import type { ScanTree } from '../../../src-shared/scan-tree';
import { buildTreeIndex, relativePaths, type TreeIndex } from '../scan/tree/tree-model';
import { mergeWatch, type LiveTree } from './live-tree';
import { useLiveWatch, type LiveWatch } from './use-live-watch';
import { useWatchFocus } from './use-watch-focus';

export interface LiveResults extends LiveWatch {
  on: boolean;
  setOn(on: boolean): void;
  /** The live tree and its index while the watch is on and has sent its state; else null (the scan's facts). */
  live: (LiveTree & { index: TreeIndex }) | null;
  /** The tree's open folders (indices into the tree shown) changed: a polled watch polls those. */
  setOpenFolders(open: ReadonlySet<number>): void;
}

/** Watch `root` while on, laying its facts over `scan` (null until the scan's tree is loaded). */
export function useLiveResults(root: string, scan: ScanTree | null): LiveResults {
  const [on, setOn] = useState(false);
  const { state, error, batchId } = useLiveWatch(root, on);
  const [openFolders, setOpenFolders] = useState<ReadonlySet<number>>(() => new Set([0]));
  // Paths of the scan's folders, once per tree: the watch names folders by path.
  const scanPaths = useMemo(() => (scan ? relativePaths(scan) : null), [scan]);
  const live = useMemo(() => {
    if (!on || !state || !scan || !scanPaths) return null;
    const merged = mergeWatch(scan, state, scanPaths);
    return { ...merged, index: buildTreeIndex(merged.tree) };
  }, [on, state, scan, scanPaths]);
  // The open folders' indices are into the tree shown: the live one while there is one.
  useWatchFocus(batchId, live?.tree ?? scan, openFolders);
  return { on, setOn, state, error, batchId, live, setOpenFolders };
}
