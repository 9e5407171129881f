/**
 * The loose files of expanded folders, read from the host one folder at a time (getFolderFiles) the first time
 * a folder is expanded. Frames of the folder's sequences are left out: a sequence is already one row.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FolderFiles } from '../../../../src-shared/folder-files';
import type { ScanTree } from '../../../../src-shared/scan-tree';
import { errorText } from '../../api';
import { readFolderFiles } from './folder-files-cache';
import { frameFileName, sequenceFrames } from './sequence-model';
import type { SequenceIndex } from './tree-model';
import type { LiveTree } from '../../watch/live-tree';

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

/** How many files of folder `dir` are frames of its sequences. */
function framesIn(tree: ScanTree, seqIndex: SequenceIndex, dir: number): number {
  let frames = 0;
  for (let k = seqIndex.seqStart[dir] ?? 0; k < (seqIndex.seqStart[dir + 1] ?? 0); k++)
    frames += tree.sequences[seqIndex.seqList[k] ?? -1]?.count ?? 0;
  return frames;
}

/** Rows a folder's files take: one per file, or one for the error. */
export function looseFileRows(files: LooseFiles | undefined): number {
  if (files === undefined) return 0;
  return 'error' in files ? 1 : files.names.length;
}

/** What a changed folder shows instead of the scan's list of its files (which the host cannot read again). */
export const CHANGED_FILES_NOTE = 'Changed while watching: Rescan to list its files';

/** Where folders' files come from: the scan's file list, and which folders a watch has changed since. */
export interface FilesSource {
  batchId: string;
  /** The live tree's scan indices and changed folders, while a watch lays its facts over the scan. */
  live?: Pick<LiveTree, 'scanDir' | 'changedDirs'>;
}

type Read = FolderFiles | { error: string };

/**
 * Files of every expanded folder read so far, by (live) folder index. The scan's lists never change, so they
 * are kept by scan folder index for the batch; a folder the watch changed shows a note instead of a stale list.
 */
export function useFolderFiles(
  source: FilesSource | undefined,
  tree: ScanTree,
  seqIndex: SequenceIndex,
  expanded: ReadonlySet<number>,
): ReadonlyMap<number, LooseFiles> {
  const batchId = source?.batchId;
  const live = source?.live;
  const [reads, setReads] = useState<{ batchId?: string; byScanDir: ReadonlyMap<number, Read> }>(() => ({
    batchId,
    byScanDir: new Map(),
  }));
  const byScanDir = reads.batchId === batchId ? reads.byScanDir : EMPTY;
  // Folders asked for, so each is read once even while its answer is on the way.
  const requested = useRef<{ batchId?: string; dirs: Set<number> }>({ batchId, dirs: new Set() });
  useEffect(() => {
    if (batchId === undefined) return;
    if (requested.current.batchId !== batchId) requested.current = { batchId, dirs: new Set() };
    const asked = requested.current.dirs;
    for (const dir of expanded) {
      const scanDir = live ? (live.scanDir[dir] ?? -1) : dir;
      // A folder new or changed since the scan shows a note, not the scan's list of it.
      if (scanDir < 0 || live?.changedDirs.has(dir) || asked.has(scanDir)) continue;
      if ((tree.dirs.own_files[dir] ?? 0) === 0) continue;
      asked.add(scanDir);
      const settle = (read: Read): void =>
        setReads((prev) => {
          const next = new Map(prev.batchId === batchId ? prev.byScanDir : []);
          next.set(scanDir, read);
          return { batchId, byScanDir: next };
        });
      readFolderFiles(batchId, scanDir)
        .then(settle)
        .catch((error: unknown) => settle({ error: `Files could not be read: ${errorText(error)}` }));
    }
  }, [batchId, live, tree, expanded]);
  return useMemo(() => {
    const byDir = new Map<number, LooseFiles>();
    const liveOf = new Map<number, number>();
    if (live) live.scanDir.forEach((scanDir, dir) => liveOf.set(scanDir, dir));
    for (const [scanDir, read] of byScanDir) {
      const dir = live ? liveOf.get(scanDir) : scanDir;
      if (dir !== undefined) byDir.set(dir, 'error' in read ? read : looseFiles(tree, seqIndex, dir, read));
    }
    // A changed folder whose files are all frames of its sequences has no loose files to be out of date.
    for (const dir of live?.changedDirs ?? [])
      if (framesIn(tree, seqIndex, dir) < (tree.dirs.own_files[dir] ?? 0))
        byDir.set(dir, { error: CHANGED_FILES_NOTE });
      else byDir.set(dir, { names: [], sizes: [] });
    return byDir;
  }, [byScanDir, live, tree, seqIndex]);
}

const EMPTY: ReadonlyMap<number, Read> = new Map();
