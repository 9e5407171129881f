/** Conflict policy helpers: is the existing destination the same file, and the next free "name (n).ext". */
import type { Stats } from 'node:fs';
import { extname } from 'node:path';

/** mtimes within this many milliseconds are equal (utimes and some filesystems round below it). */
export const MTIME_TOLERANCE_MS = 1;

/** Same size and same mtime: counts as already copied. A truncated leftover has another size, so never does. */
export function looksIdentical(size: number, mtimeMs: number, existing: Stats): boolean {
  return (
    existing.isFile() && existing.size === size && Math.abs(existing.mtimeMs - mtimeMs) <= MTIME_TOLERANCE_MS
  );
}

/** True when the source is newer than the existing destination by more than the tolerance. */
export function isNewer(mtimeMs: number, existing: Stats): boolean {
  return mtimeMs - existing.mtimeMs > MTIME_TOLERANCE_MS;
}

/** "name (1).ext", "name (2).ext", … : the first for which `taken` is false. Dotfiles keep their dot. */
export function freeName(name: string, taken: (candidate: string) => boolean): string {
  const ext = extname(name);
  const stem = ext === '' || ext === name ? name : name.slice(0, -ext.length);
  const suffix = stem === name ? '' : ext;
  for (let n = 1; ; n++) {
    const candidate = `${stem} (${n})${suffix}`;
    if (!taken(candidate)) return candidate;
  }
}
