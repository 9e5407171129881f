/**
 * The order of an expanded folder's children: its subfolders, image sequences and files merged into one list,
 * largest first, ties by name (each kind arrives already sorted that way, so this is a three-way merge).
 */
import type { ScanTree } from '../../../../src-shared/scan-tree';
import { compareFiles, type FolderFiles } from '../../../../src-shared/folder-files';

/** Size and name of every kind of child, for the merge. */
export interface ChildSizes {
  dirSize(dir: number): number;
  dirName(dir: number): string;
  seqSize(seq: number): number;
  seqName(seq: number): string;
  /** File `f` of folder `dir`'s loose files. */
  fileSize(dir: number, f: number): number;
  fileName(dir: number, f: number): string;
}

/** Sizes read from a tree and the loose files read so far. */
export function childSizes(tree: ScanTree, files: (dir: number) => FolderFiles | undefined): ChildSizes {
  const { total_size: dirSize, name: dirName } = tree.dirs;
  return {
    dirSize: (dir) => dirSize[dir] ?? 0,
    dirName: (dir) => dirName[dir] ?? '',
    seqSize: (seq) => tree.sequences[seq]?.total_size ?? 0,
    seqName: (seq) => tree.sequences[seq]?.pattern ?? '',
    fileSize: (dir, f) => files(dir)?.sizes[f] ?? 0,
    fileName: (dir, f) => files(dir)?.names[f] ?? '',
  };
}

/** Which list a merged child comes from. */
export const FROM_DIR = 0;
export const FROM_SEQUENCE = 1;
export const FROM_FILE = 2;

/** A folder's children in display order: `from[i]` says which list, `ids[i]` the folder, sequence or file. */
export interface MergedChildren {
  from: number[];
  ids: number[];
}

/**
 * Merge three sorted lists: `dirs` and `seqs` (folder and sequence indices) and `fileCount` files of folder
 * `dir` (positions 0..fileCount-1).
 */
export function mergeChildren(
  dir: number,
  dirs: ArrayLike<number>,
  seqs: ArrayLike<number>,
  fileCount: number,
  sizes: ChildSizes,
): MergedChildren {
  const from: number[] = [];
  const ids: number[] = [];
  let d = 0;
  let s = 0;
  let f = 0;
  while (d < dirs.length || s < seqs.length || f < fileCount) {
    // Pick the largest head of the three lists (ties by name; folders, then sequences, then files).
    let best = -1;
    let bestSize = 0;
    let bestName = '';
    const consider = (list: number, size: number, name: string): void => {
      if (best < 0 || compareFiles(size, name, bestSize, bestName) < 0) {
        best = list;
        bestSize = size;
        bestName = name;
      }
    };
    const nextDir = dirs[d];
    const nextSeq = seqs[s];
    if (nextDir !== undefined) consider(FROM_DIR, sizes.dirSize(nextDir), sizes.dirName(nextDir));
    if (nextSeq !== undefined) consider(FROM_SEQUENCE, sizes.seqSize(nextSeq), sizes.seqName(nextSeq));
    if (f < fileCount) consider(FROM_FILE, sizes.fileSize(dir, f), sizes.fileName(dir, f));
    from.push(best);
    if (best === FROM_DIR) ids.push(dirs[d++] as number);
    else if (best === FROM_SEQUENCE) ids.push(seqs[s++] as number);
    else ids.push(f++);
  }
  return { from, ids };
}
