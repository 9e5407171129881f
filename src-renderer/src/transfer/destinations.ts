/** Pure rules for a transfer's several destinations: how many, and which repeat an earlier one. */
import { MAX_EXTRA_DESTINATIONS } from '../../../src-shared/jobs';

/** Destinations in all: the first plus the engine's `also` list. */
export const MAX_DESTINATIONS = 1 + MAX_EXTRA_DESTINATIONS;

/** One destination as the dialog holds it; `id` keeps its row (and its check) stable as others come and go. */
export interface DestinationSlot {
  id: string;
  path: string;
  /** The user confirmed creating this destination's missing parent folders. */
  createParents: boolean;
}

/** A path as typed, for comparing: separators collapsed, no trailing one ("/a//b/" → "/a/b"). */
export function comparablePath(path: string): string {
  const collapsed = path.trim().replace(/[\\/]+/g, '/');
  const trimmed = collapsed.replace(/\/+$/, '');
  return trimmed || collapsed;
}

/**
 * For each destination, the 1-based number of an earlier one it repeats, else null. Paths are compared as
 * typed (the engine compares the folders themselves when the job starts, and refuses the same place twice).
 */
export function repeatedDestinations(paths: readonly string[]): (number | null)[] {
  const seen = new Map<string, number>();
  return paths.map((path, index) => {
    const key = comparablePath(path);
    if (key === '') return null;
    const earlier = seen.get(key);
    if (earlier !== undefined) return earlier + 1;
    seen.set(key, index);
    return null;
  });
}

/** The row a refusal of the whole request is about: the last one with its path, else the last row. */
export function rowOfPath(paths: readonly string[], path: string): number {
  const wanted = comparablePath(path);
  for (let index = paths.length - 1; index >= 0; index--)
    if (comparablePath(paths[index] ?? '') === wanted) return index;
  return paths.length - 1;
}

/** "The folder /mnt/b is already destination 1." */
export function repeatedText(path: string, earlier: number): string {
  return `The folder ${comparablePath(path)} is already destination ${earlier}. Choose another folder, or remove this one.`;
}

/** "to 2 destinations" / "" for one. */
export function destinationCountText(count: number): string {
  return count > 1 ? `to ${count} destinations` : '';
}
