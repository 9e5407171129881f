/**
 * The capped path lists of a scan result (empty files, empty folders): the first paths in code-unit order,
 * the same whatever order the walker threads met them in, so two scans of one tree list the same paths.
 */

function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Keeps the `limit` first paths in code-unit order, sorted; each thread keeps one, the host merges them. */
export class FirstPaths {
  readonly items: string[] = [];

  constructor(private readonly limit: number) {}

  /** Add a path if it is among the first. */
  offer(path: string): void {
    const { items, limit } = this;
    if (limit <= 0 || (items.length >= limit && path >= (items[items.length - 1] as string))) return;
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((items[mid] as string) < path) lo = mid + 1;
      else hi = mid;
    }
    items.splice(lo, 0, path);
    if (items.length > limit) items.pop();
  }
}

/** The first `limit` of `paths` in code-unit order, and how many there are in all (`total` when more were seen). */
export function firstByPath(
  paths: readonly string[],
  limit: number,
  total = paths.length,
): { paths: string[]; count: number } {
  return { paths: [...paths].sort(byPath).slice(0, limit), count: Math.max(total, paths.length) };
}
