/**
 * The size of each frame of a sequence, for the strip's tooltip and the expanded frame rows.
 *
 * Where they come from: the scan already records every regular file of every folder, frames included, with
 * its size (tree.files.jsonl, read one folder at a time by getFolderFiles; the tree drops the frames from the
 * folder's loose files because a sequence is one row). So no new scan output and no new IPC channel: a
 * sequence's sizes are looked up by frame file name in its folder's list, which the tree has read anyway
 * when the folder was expanded (the read is shared, folder-files-cache.ts). Nothing touches the disk again,
 * and the sizes are the ones the scan counted.
 */
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { FolderFiles } from '../../../../src-shared/folder-files';
import type { SequenceEntry } from '../../../../src-shared/jobs';
import {
  isFolderRequested,
  peekFolderFiles,
  readFolderFiles,
  subscribeFolderFiles,
} from './folder-files-cache';
import { frameFileName } from './sequence-model';
import type { FilesSource } from './use-folder-files';

/** A frame's size in bytes, or undefined while unknown (not read yet, or not in the scan's list). */
export type FrameSizeOf = (frame: number) => number | undefined;

const sizesByName = new WeakMap<FolderFiles, Map<string, number>>();

/** Name → size of a folder's files (built once per list). */
function sizeMap(files: FolderFiles): Map<string, number> {
  let map = sizesByName.get(files);
  if (!map) {
    map = new Map();
    for (let i = 0; i < files.names.length; i++) map.set(files.names[i] as string, files.sizes[i] ?? 0);
    sizesByName.set(files, map);
  }
  return map;
}

/** The scan's folder index of (live) folder `dir`; -1 when the scan's list of it cannot be trusted. */
function scanDirOf(source: FilesSource, dir: number): number {
  const live = source.live;
  if (!live) return dir;
  if (live.changedDirs.has(dir)) return -1;
  return live.scanDir[dir] ?? -1;
}

const NO_SIZES: FrameSizeOf = () => undefined;

/**
 * Frame sizes of `seq`, which lives in folder `dir`; reads the folder's list when `enabled` and it is not
 * read yet. Without a source (a tree with no file lists) every size is unknown.
 */
export function useFrameSizes(
  source: FilesSource | undefined,
  dir: number,
  seq: SequenceEntry,
  enabled = true,
): FrameSizeOf {
  const batchId = source?.batchId;
  const scanDir = source ? scanDirOf(source, dir) : -1;
  const files = useSyncExternalStore(subscribeFolderFiles, () =>
    batchId === undefined || scanDir < 0 ? undefined : peekFolderFiles(batchId, scanDir),
  );
  useEffect(() => {
    if (!enabled || batchId === undefined || scanDir < 0 || isFolderRequested(batchId, scanDir)) return;
    // A failed read leaves the sizes unknown; the tree's own read of the folder says why.
    readFolderFiles(batchId, scanDir).catch(() => undefined);
  }, [enabled, batchId, scanDir, files]);
  return useMemo(() => {
    if (!files) return NO_SIZES;
    const map = sizeMap(files);
    return (frame: number) => map.get(frameFileName(seq, frame));
  }, [files, seq]);
}
