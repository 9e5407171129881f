/**
 * Every file of every folder lives beside the tree file, in a file-list file: one JSON line per folder that
 * has files, `{"names":[…],"sizes":[…]}`, largest first (ties by name). The tree's `files_at`/`files_len`
 * columns give each folder's byte range, so the host reads ONE folder's line when it is expanded instead of
 * holding a million names (see docs/architecture.md, "Files in the tree").
 */
import { z } from 'zod';
import { count } from './schema-parts';

/** One folder's regular files, largest first; names that are not UTF-8 show U+FFFD. */
export const FolderFilesSchema = z
  .object({ names: z.array(z.string()), sizes: z.array(count) })
  .refine((files) => files.names.length === files.sizes.length, {
    message: 'A folder file list needs one size per name.',
  });
export type FolderFiles = z.infer<typeof FolderFilesSchema>;

/** A folder's position in its tree file's columns (0 is the root). */
export const FolderIndexSchema = z
  .number()
  .int()
  .nonnegative()
  .max(2 ** 31);

/** Where the file list of the tree file at `treePath` lives. */
export function folderFilesPath(treePath: string): string {
  return treePath.replace(/\.json$/, '') + '.files.jsonl';
}

/** Files sort largest first, ties by name (code-unit order, the same everywhere). */
export function compareFiles(sizeA: number, nameA: string, sizeB: number, nameB: string): number {
  return sizeB - sizeA || (nameA < nameB ? -1 : nameA > nameB ? 1 : 0);
}

/** One folder's line of the file-list file (without the newline): names and sizes sorted. */
export function folderFilesLine(names: readonly string[], sizes: readonly number[]): string {
  const order = names.map((_, i) => i);
  order.sort((a, b) =>
    compareFiles(sizes[a] as number, names[a] as string, sizes[b] as number, names[b] as string),
  );
  return JSON.stringify({ names: order.map((i) => names[i]), sizes: order.map((i) => sizes[i]) });
}
