/** The per-directory tree a scan writes to its tree file: compact columns, one entry per directory. */
import { z } from 'zod';
import { count } from './schema-parts';
import { SequenceEntrySchema } from './jobs';

const column = z.array(count);

/**
 * One column per field; index i of every column describes directory i. Index 0 is the root and a
 * parent always comes before its children, so totals can be folded bottom-up in one reverse pass.
 */
export const ScanTreeDirsSchema = z.object({
  /** Entry name (the root's is ''). Bytes that are not UTF-8 show as U+FFFD. */
  name: z.array(z.string()),
  /** Index of the parent directory; -1 for the root. */
  parent: z.array(z.number().int().min(-1)),
  /** Regular files directly inside. */
  own_files: column,
  /** Apparent bytes of the regular files directly inside. */
  own_size: column,
  /** Symlinks directly inside (never followed). */
  symlinks: column,
  /** FIFOs, sockets and devices directly inside. */
  others: column,
  /** Recursive apparent bytes of all regular files below. */
  total_size: column,
  /** Recursive count of regular files below. */
  file_count: column,
  /** Recursive count of directories below (not counting itself). */
  directory_count: column,
  /** 1 when the directory (or an entry in it) could not be read, else 0. */
  error: z.array(z.union([z.literal(0), z.literal(1)])),
  /**
   * Byte offset and length of the directory's line in the file-list file (folder-files.ts); length 0 when it
   * holds no files. Absent in tree files written before files were listed.
   */
  files_at: column.optional(),
  files_len: column.optional(),
});
export type ScanTreeDirs = z.infer<typeof ScanTreeDirsSchema>;

/** Every image sequence, with `dir` as the relative folder path (see SequenceEntrySchema). */
const treeSequences = z.array(SequenceEntrySchema).default([]);

/** The whole tree file. */
export const ScanTreeSchema = z
  .object({
    version: z.literal(1),
    /** Absolute path of the scanned root; paths inside are relative to it. */
    root: z.string(),
    scanned_at: z.iso.datetime({ offset: true }),
    dirs: ScanTreeDirsSchema,
    sequences: treeSequences,
  })
  .refine(
    (tree) =>
      Object.values(tree.dirs).every((col) => col === undefined || col.length === tree.dirs.name.length),
    {
      message: 'All tree columns must have the same length.',
    },
  )
  .refine((tree) => tree.dirs.parent.every((parent, i) => parent < i), {
    message: 'Every parent must come before its children.',
  });
export type ScanTree = z.infer<typeof ScanTreeSchema>;

/** Only a tree file's sequences, for readers that need nothing else (validating 100k folders costs more). */
export const ScanTreeSequencesSchema = z.object({ sequences: treeSequences });

/** One directory of a tree, as a plain object. */
export interface ScanTreeDir {
  index: number;
  name: string;
  parent: number;
  own_files: number;
  own_size: number;
  symlinks: number;
  others: number;
  total_size: number;
  file_count: number;
  directory_count: number;
  error: boolean;
}

/** Read directory `index` out of the columns. */
export function scanTreeDir(tree: ScanTree, index: number): ScanTreeDir {
  const d = tree.dirs;
  const at = (col: number[]): number => col[index] ?? 0;
  return {
    index,
    name: d.name[index] ?? '',
    parent: d.parent[index] ?? -1,
    own_files: at(d.own_files),
    own_size: at(d.own_size),
    symlinks: at(d.symlinks),
    others: at(d.others),
    total_size: at(d.total_size),
    file_count: at(d.file_count),
    directory_count: at(d.directory_count),
    error: d.error[index] === 1,
  };
}

/** Path of directory `index` relative to the root ('' for the root itself), '/'-separated. */
export function scanTreeRelativePath(tree: ScanTree, index: number): string {
  const parts: string[] = [];
  for (let i = index; i > 0; i = tree.dirs.parent[i] ?? 0) parts.push(tree.dirs.name[i] ?? '');
  return parts.reverse().join('/');
}

/** Indices of the children of each directory, e.g. to render a tree sorted by size. */
export function scanTreeChildren(tree: ScanTree): number[][] {
  const children: number[][] = tree.dirs.name.map(() => []);
  tree.dirs.parent.forEach((parent, i) => {
    if (parent >= 0) children[parent]?.push(i);
  });
  return children;
}
