/** The breakdown of a scan by file type (extension): how many files and bytes of each kind. */
import { z } from 'zod';
import { count } from './schema-parts';

/** How many extensions a result lists by name; the rest are folded into one OTHER_TYPES row. */
export const FILE_TYPE_LIMIT = 30;
/** The row that sums every extension past the first FILE_TYPE_LIMIT. */
export const OTHER_TYPES = '(other)';
/** Files with no extension (and dot-files such as `.DS_Store`). */
export const NO_EXTENSION = '(none)';
/** Longer "extensions" are really parts of names (`take.final_approved_by_client`), not types. */
const MAX_EXTENSION_LENGTH = 12;

export const FileTypeSchema = z.object({
  /** Lower-case extension without the dot, NO_EXTENSION, or OTHER_TYPES. */
  ext: z.string(),
  count: count,
  bytes: count,
});
export type FileType = z.infer<typeof FileTypeSchema>;

/** A breakdown, largest by bytes first: at most FILE_TYPE_LIMIT extensions, then OTHER_TYPES. */
export const FileTypesSchema = z.array(FileTypeSchema).max(FILE_TYPE_LIMIT + 1);

/** The type of a file name: its lower-case extension, or NO_EXTENSION. */
export function fileTypeOf(name: string): string {
  const dot = name.lastIndexOf('.');
  // A leading dot is a hidden file's name, not an extension.
  if (dot <= 0 || dot === name.length - 1 || name.length - dot - 1 > MAX_EXTENSION_LENGTH)
    return NO_EXTENSION;
  return name.slice(dot + 1).toLowerCase();
}

/** Running totals per type (a walker thread's, or a whole scan's). */
export type FileTypeTotals = Map<string, { count: number; bytes: number }>;

/** Add `n` files of `bytes` in all to type `ext`. */
export function addFileType(totals: FileTypeTotals, ext: string, n: number, bytes: number): void {
  const total = totals.get(ext);
  if (total) {
    total.count += n;
    total.bytes += bytes;
  } else totals.set(ext, { count: n, bytes });
}

/** Add `from` into `into`. */
export function mergeFileTypes(into: FileTypeTotals, from: Iterable<FileType>): void {
  for (const { ext, count: n, bytes } of from) addFileType(into, ext, n, bytes);
}

/** The capped breakdown: by bytes (then count, then name), the tail folded into OTHER_TYPES. */
export function topFileTypes(totals: FileTypeTotals, limit = FILE_TYPE_LIMIT): FileType[] {
  const all = [...totals].map(([ext, t]) => ({ ext, count: t.count, bytes: t.bytes }));
  all.sort((a, b) => b.bytes - a.bytes || b.count - a.count || (a.ext < b.ext ? -1 : a.ext > b.ext ? 1 : 0));
  if (all.length <= limit) return all;
  const rest = all.slice(limit);
  const other = { ext: OTHER_TYPES, count: 0, bytes: 0 };
  for (const t of rest) {
    other.count += t.count;
    other.bytes += t.bytes;
  }
  return [...all.slice(0, limit), other];
}
