/**
 * The loose files of expanded folders, read from the host one folder at a time (getFolderFiles) the first time
 * a folder is expanded. Frames of the folder's sequences are left out: a sequence is already one row.
 */
import { useEffect, useRef, useState } from 'react';
import type { FolderFiles } from '../../../../src-shared/folder-files';
import type { ScanTree } from '../../../../src-shared/scan-tree';
import { errorText, wrangle } from '../../api';
import { frameFileName, sequenceFrames } from './sequence-model';
import type { SequenceIndex } from './tree-model';

/** A folder's files as the tree shows them, or why they could not be read. */
export type LooseFiles = FolderFiles | { error: string };

/** The files of `dir` that are not frames of one of its sequences (order kept: largest first). */
export function looseFiles(
  tree: ScanTree,
  seqIndex: SequenceIndex,
  dir: number,
  files: FolderFiles,
): FolderFiles {
  const start = seqIndex.seqStart[dir] ?? 0;
  const end = seqIndex.seqStart[dir + 1] ?? 0;
  if (end === start) return files;
  const frames = new Set<string>();
  for (let k = start; k < end; k++) {
    const seq = tree.sequences[seqIndex.seqList[k] ?? -1];
    if (seq) for (const frame of sequenceFrames(seq).frames) frames.add(frameFileName(seq, frame));
  }
  const kept: FolderFiles = { names: [], sizes: [] };
  files.names.forEach((name, i) => {
    if (frames.has(name)) return;
    kept.names.push(name);
    kept.sizes.push(files.sizes[i] ?? 0);
  });
  return kept;
}

/** Rows a folder's files take: one per file, or one for the error. */
export function looseFileRows(files: LooseFiles | undefined): number {
  if (files === undefined) return 0;
  return 'error' in files ? 1 : files.names.length;
}

/** Files of every expanded folder read so far, by folder index. */
export function useFolderFiles(
  batchId: string | undefined,
  tree: ScanTree,
  seqIndex: SequenceIndex,
  expanded: ReadonlySet<number>,
): ReadonlyMap<number, LooseFiles> {
  const [files, setFiles] = useState<{ tree: ScanTree; byDir: ReadonlyMap<number, LooseFiles> }>(() => ({
    tree,
    byDir: new Map(),
  }));
  const byDir = files.tree === tree ? files.byDir : new Map<number, LooseFiles>();
  // Folders asked for, so each is read once even while its answer is on the way.
  const requested = useRef<{ tree: ScanTree; dirs: Set<number> }>({ tree, dirs: new Set() });
  useEffect(() => {
    if (batchId === undefined) return;
    if (requested.current.tree !== tree) requested.current = { tree, dirs: new Set() };
    const asked = requested.current.dirs;
    for (const dir of expanded) {
      if (asked.has(dir) || (tree.dirs.own_files[dir] ?? 0) === 0) continue;
      asked.add(dir);
      const settle = (loaded: LooseFiles): void => {
        setFiles((prev) => {
          const next = new Map(prev.tree === tree ? prev.byDir : []);
          next.set(dir, loaded);
          return { tree, byDir: next };
        });
      };
      wrangle()
        .getFolderFiles(batchId, dir)
        .then((read) => settle(looseFiles(tree, seqIndex, dir, read)))
        .catch((error: unknown) => settle({ error: errorText(error) }));
    }
  }, [batchId, tree, seqIndex, expanded]);
  return byDir;
}
