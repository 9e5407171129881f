/** The capped path lists of a scan: the first paths by code unit, however the threads met them. */
import { describe, expect, it } from 'vitest';
import { FirstPaths, firstByPath } from '../../src-workers/scan/problem-paths';

describe('FirstPaths', () => {
  it('keeps the first paths in code-unit order, whatever order they come in', () => {
    const paths = Array.from({ length: 200 }, (_, i) => `/show/sh${(i * 37) % 200}/empty.bin`);
    const kept = new FirstPaths(10);
    for (const path of paths) kept.offer(path);
    expect(kept.items).toEqual([...paths].sort().slice(0, 10));
  });

  it('merges per-thread lists into the same first paths as one list would give', () => {
    const a = new FirstPaths(3);
    const b = new FirstPaths(3);
    for (const path of ['/s/d', '/s/a', '/s/f', '/s/b']) a.offer(path);
    for (const path of ['/s/c', '/s/e', '/s/Z']) b.offer(path);
    expect(firstByPath([...a.items, ...b.items], 3, 7)).toEqual({
      paths: ['/s/Z', '/s/a', '/s/b'],
      count: 7,
    });
  });

  it('keeps nothing with no room', () => {
    const none = new FirstPaths(0);
    none.offer('/a');
    expect(none.items).toEqual([]);
  });
});
