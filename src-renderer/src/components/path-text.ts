/** Paths in text that may be shown right-to-left. */

/**
 * Wrap a path in left-to-right marks, so a container with `direction: rtl` (to ellipsize the start) keeps its
 * slashes in place.
 */
export function ltr(path: string): string {
  return `\u200E${path}\u200E`;
}
