/** Small ScanTree values for unit tests: folders as [name, parent index], every column 0 unless given. */
import type { ScanTree } from '../../src-shared/scan-tree';

export function scanTreeOf(
  dirs: readonly (readonly [string, number])[],
  columns: Partial<ScanTree['dirs']> = {},
  tree: Partial<Pick<ScanTree, 'root' | 'sequences'>> = {},
): ScanTree {
  const zeros = dirs.map(() => 0);
  return {
    version: 1,
    root: '/show',
    scanned_at: '2025-01-01T00:00:00.000Z',
    sequences: [],
    ...tree,
    dirs: {
      name: dirs.map(([name]) => name),
      parent: dirs.map(([, parent]) => parent),
      own_files: zeros,
      own_size: zeros,
      symlinks: zeros,
      others: zeros,
      total_size: zeros,
      file_count: zeros,
      directory_count: zeros,
      error: dirs.map(() => 0 as const),
      ...columns,
    },
  };
}
