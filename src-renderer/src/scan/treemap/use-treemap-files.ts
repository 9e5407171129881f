/**
 * The loose files the treemap shows: read (once each, through the tree's own reader) for the folders whose
 * files tile is in view and large enough to be worth splitting, largest first, a few per layout.
 */
import { useCallback, useMemo, useState } from 'react';
import type { FolderFiles } from '../../../../src-shared/folder-files';
import type { ScanTree } from '../../../../src-shared/scan-tree';
import type { SequenceIndex } from '../tree/tree-model';
import { useFolderFiles, type FilesSource } from '../tree/use-folder-files';

/** At most this many folders are asked for after one layout (the next layout asks for more). */
const READS_PER_LAYOUT = 48;

/** The loaded loose files by folder, and `want` to ask for more. */
export function useTreemapFiles(
  source: FilesSource | undefined,
  tree: ScanTree,
  seqIndex: SequenceIndex,
): { files: (dir: number) => FolderFiles | undefined; want: (dirs: readonly number[]) => void } {
  const [wanted, setWanted] = useState<ReadonlySet<number>>(() => new Set());
  const read = useFolderFiles(source, tree, seqIndex, wanted);
  const files = useMemo(
    () =>
      (dir: number): FolderFiles | undefined => {
        const loaded = read.get(dir);
        return loaded && !('error' in loaded) ? loaded : undefined;
      },
    [read],
  );
  const want = useCallback((dirs: readonly number[]): void => {
    setWanted((prev) => {
      const more = dirs.filter((dir) => !prev.has(dir)).slice(0, READS_PER_LAYOUT);
      return more.length === 0 ? prev : new Set([...prev, ...more]);
    });
  }, []);
  return { files, want };
}
