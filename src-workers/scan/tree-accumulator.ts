/** Collects per-directory records from walker batches and folds them into the tree and its summary. */
import type { LargestDir } from '../../src-shared/jobs';
import { scanTreeRelativePath, type ScanTree, type ScanTreeDirs } from '../../src-shared/scan-tree';
import { entryJsonWithDir, lineHasProblems } from './sequence-lines';
import type { FileSpans } from './folder-files-writer';
import { TopN } from './top-n';
import type { DirBatch } from './walker-protocol';

/** Totals of a finished tree, as the summary reports them. */
export interface TreeTotals {
  total_size: number;
  file_count: number;
  directory_count: number;
  symlink_count: number;
  other_count: number;
}

/** Every sequence of a built tree as JSON text (its SequenceEntry, `dir` included), with problem flags. */
export interface TreeSequences {
  texts: string[];
  problems: (0 | 1)[];
}

/** Per-directory records in arrival order (threads finish directories in any order). */
export class TreeAccumulator {
  private readonly keys: number[] = [];
  private readonly parents: number[] = [];
  private readonly depths: number[] = [];
  private readonly names: string[] = [];
  private readonly ownFiles: number[] = [];
  private readonly ownSize: number[] = [];
  private readonly symlinks: number[] = [];
  private readonly others: number[] = [];
  private readonly errored: (0 | 1)[] = [];
  private readonly filesAt: number[] = [];
  private readonly filesLen: number[] = [];
  private readonly sequences: string[] = [];
  private readonly sequenceKeys: number[] = [];

  /** Directories recorded so far (the root included). */
  get size(): number {
    return this.keys.length;
  }

  /** Append one batch's directories, with where the file-list writer put each one's files (none if absent). */
  add(batch: DirBatch, spans: FileSpans = { at: [], len: [] }): void {
    for (let i = 0; i < batch.sequences.length; i++) {
      this.sequences.push(batch.sequences[i] as string);
      this.sequenceKeys.push(batch.sequenceKeys[i] as number);
    }
    for (let i = 0; i < batch.keys.length; i++) {
      this.keys.push(batch.keys[i] as number);
      this.parents.push(batch.parents[i] as number);
      this.depths.push(batch.depths[i] as number);
      this.names.push(batch.names[i] as string);
      this.ownFiles.push(batch.ownFiles[i] as number);
      this.ownSize.push(batch.ownSize[i] as number);
      this.symlinks.push(batch.symlinks[i] as number);
      this.others.push(batch.others[i] as number);
      this.errored.push(batch.errored[i] as 0 | 1);
      this.filesAt.push(spans.at[i] ?? 0);
      this.filesLen.push(spans.len[i] ?? 0);
    }
  }

  /**
   * Order parents before children, fold totals bottom-up, and pick the largest folders below the root.
   * The tree's `sequences` stays empty: they come as text in `sequences`, for writeTreeFile.
   */
  build(
    root: string,
    scannedAt: string,
    largestLimit: number,
  ): {
    tree: ScanTree;
    totals: TreeTotals;
    largest: LargestDir[];
    sequences: TreeSequences;
    emptyFolders: string[];
  } {
    const n = this.keys.length;
    // Counting sort by depth gives an order where every parent precedes its children.
    let maxDepth = 0;
    for (const depth of this.depths) if (depth > maxDepth) maxDepth = depth;
    const starts = new Int32Array(maxDepth + 2);
    for (const depth of this.depths) starts[depth + 1] = (starts[depth + 1] as number) + 1;
    for (let d = 1; d < starts.length; d++) starts[d] = (starts[d] as number) + (starts[d - 1] as number);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const depth = this.depths[i] as number;
      order[starts[depth] as number] = i;
      starts[depth] = (starts[depth] as number) + 1;
    }
    const position = new Map<number, number>();
    for (let p = 0; p < n; p++) position.set(this.keys[order[p] as number] as number, p);

    const dirs: ScanTreeDirs = {
      name: new Array<string>(n),
      parent: new Array<number>(n),
      own_files: new Array<number>(n),
      own_size: new Array<number>(n),
      symlinks: new Array<number>(n),
      others: new Array<number>(n),
      total_size: new Array<number>(n),
      file_count: new Array<number>(n),
      directory_count: new Array<number>(n),
      error: new Array<0 | 1>(n),
      files_at: new Array<number>(n),
      files_len: new Array<number>(n),
    };
    const filesAt = dirs.files_at as number[];
    const filesLen = dirs.files_len as number[];
    let symlinkCount = 0;
    let otherCount = 0;
    for (let p = 0; p < n; p++) {
      const i = order[p] as number;
      const parentKey = this.parents[i] as number;
      dirs.name[p] = this.names[i] as string;
      dirs.parent[p] = parentKey < 0 ? -1 : (position.get(parentKey) as number);
      dirs.own_files[p] = dirs.file_count[p] = this.ownFiles[i] as number;
      dirs.own_size[p] = dirs.total_size[p] = this.ownSize[i] as number;
      dirs.symlinks[p] = this.symlinks[i] as number;
      dirs.others[p] = this.others[i] as number;
      dirs.directory_count[p] = 0;
      dirs.error[p] = this.errored[i] as 0 | 1;
      filesAt[p] = this.filesAt[i] as number;
      filesLen[p] = this.filesLen[i] as number;
      symlinkCount += this.symlinks[i] as number;
      otherCount += this.others[i] as number;
    }
    for (let p = n - 1; p > 0; p--) {
      const parent = dirs.parent[p] as number;
      dirs.total_size[parent] = (dirs.total_size[parent] as number) + (dirs.total_size[p] as number);
      dirs.file_count[parent] = (dirs.file_count[parent] as number) + (dirs.file_count[p] as number);
      dirs.directory_count[parent] =
        (dirs.directory_count[parent] as number) + (dirs.directory_count[p] as number) + 1;
    }

    const top = new TopN<{ size: number; index: number }>(largestLimit);
    for (let p = 1; p < n; p++) {
      const size = dirs.total_size[p] as number;
      if (top.wants(size)) top.offer({ size, index: p });
    }
    const tree: ScanTree = { version: 1, root, scanned_at: scannedAt, dirs, sequences: [] };
    // Each folder's relative path is worked out (as JSON) once, however many sequences it holds.
    const relative = new Map<number, string>();
    const sequences: TreeSequences = { texts: [], problems: [] };
    for (let i = 0; i < this.sequences.length; i++) {
      const index = position.get(this.sequenceKeys[i] as number);
      if (index === undefined) continue;
      let dir = relative.get(index);
      if (dir === undefined) relative.set(index, (dir = JSON.stringify(scanTreeRelativePath(tree, index))));
      const line = this.sequences[i] as string;
      sequences.texts.push(entryJsonWithDir(line, dir));
      sequences.problems.push(lineHasProblems(line) ? 1 : 0);
    }
    // Folders below the root holding nothing: no files, links, others or folders, and read without error.
    const emptyFolders: string[] = [];
    for (let p = 1; p < n; p++) {
      if (dirs.file_count[p] === 0 && dirs.directory_count[p] === 0 && dirs.error[p] === 0)
        if (dirs.symlinks[p] === 0 && dirs.others[p] === 0) emptyFolders.push(absolutePath(tree, p));
    }
    const largest = top.items.map(({ index }) => ({
      path: absolutePath(tree, index),
      total_size: dirs.total_size[index] as number,
      file_count: dirs.file_count[index] as number,
      directory_count: dirs.directory_count[index] as number,
    }));
    const totals: TreeTotals = {
      total_size: dirs.total_size[0] ?? 0,
      file_count: dirs.file_count[0] ?? 0,
      directory_count: Math.max(0, n - 1),
      symlink_count: symlinkCount,
      other_count: otherCount,
    };
    return { tree, totals, largest, sequences, emptyFolders };
  }
}

/** Absolute path of directory `index` in a built tree. */
function absolutePath(tree: ScanTree, index: number): string {
  const parts: string[] = [];
  for (let i = index; i > 0; i = tree.dirs.parent[i] as number) parts.push(tree.dirs.name[i] as string);
  const prefix = tree.root.endsWith('/') ? tree.root : tree.root + '/';
  return prefix + parts.reverse().join('/');
}
