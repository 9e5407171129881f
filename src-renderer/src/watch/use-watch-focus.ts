/** Tells a running watch which folders are open in the results tree, each time that set changes. */
import { useEffect, useRef } from 'react';
import type { ScanTree } from '../../../src-shared/scan-tree';
import { wrangle } from '../api';
import { openFolderPaths } from './watch-focus';

/** While `batchId` runs, send it the open folders of `tree` (`open`: folder indices) as its focus. */
export function useWatchFocus(
  batchId: string | null,
  tree: ScanTree | null,
  open: ReadonlySet<number>,
): void {
  const sent = useRef<string | null>(null);
  useEffect(() => {
    if (batchId === null || tree === null) return;
    const folders = openFolderPaths(tree, open);
    const key = `${batchId}\n${folders.join('\n')}`;
    if (key === sent.current) return;
    sent.current = key;
    // A watch that ended meanwhile refuses; there is nothing left to poll.
    wrangle()
      .setWatchFocus(batchId, folders)
      .catch(() => undefined);
  }, [batchId, tree, open]);
}
