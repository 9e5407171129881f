/** The Problems view's pure model: order, grouping, filter, the keyboard, and the CSV export. */
import { describe, expect, it } from 'vitest';
import type { SequenceEntry } from '../../src-shared/jobs';
import { listAction } from '../../src-renderer/src/scan/problems/problem-keys';
import {
  flattenGroups,
  groupRows,
  matchesFilter,
  type ProblemFilter,
  sequenceProblemRows,
  type ProblemRow,
} from '../../src-renderer/src/scan/problems/problem-rows';
import { problemsCsv } from '../../src-renderer/src/scan/problems/problems-csv';

/** A sequence in `dir`: frames first..last with `missing` absent, plus the given zero-byte and small frames. */
function seq(dir: string, pattern: string, patch: Partial<SequenceEntry> = {}): SequenceEntry {
  return {
    dir,
    pattern,
    padding: 4,
    first: 1001,
    last: 1010,
    count: 9,
    frames: '1001-1004,1006-1010',
    missing: '1005',
    zero_byte: [],
    suspect_small: [],
    total_size: 9000,
    ...patch,
  };
}

const clean = seq('plates', 'plate.####.dpx', { count: 10, frames: '1001-1010', missing: '' });
const sources = [
  seq('sh100/renders', 'beauty.####.exr'),
  seq('sh020/renders', 'depth.####.exr', { missing: '', count: 10, frames: '1001-1010', zero_byte: [1003] }),
  clean,
  seq('sh020/renders', 'beauty.####.exr', { suspect_small: [1002, 1009] }),
  seq('', 'root.####.exr'),
  seq('sh3/renders', 'beauty.####.exr'),
].map((s, index) => ({ seq: s, index }));

const paths = (rows: readonly ProblemRow[]): string[] => rows.map((row) => `${row.dir}|${row.name}`);

describe('problem rows', () => {
  it('lists only sequences with problems, by folder (numbers in natural order) then pattern', () => {
    const rows = sequenceProblemRows(sources);
    expect(paths(rows)).toEqual([
      '|root.####.exr',
      'sh3/renders|beauty.####.exr',
      'sh020/renders|beauty.####.exr',
      'sh020/renders|depth.####.exr',
      'sh100/renders|beauty.####.exr',
    ]);
    expect(rows[2]?.kinds).toEqual(['missing-frames', 'suspect-small-frames']);
    expect(rows[3]?.kinds).toEqual(['zero-byte-frames']);
    expect(rows[2]?.treeIndex).toBe(3);
  });

  it('gives the same order whatever order the scan listed them in', () => {
    const forward = paths(sequenceProblemRows(sources));
    for (let shift = 1; shift < sources.length; shift++) {
      const rotated = [...sources.slice(shift), ...sources.slice(0, shift)];
      expect(paths(sequenceProblemRows(rotated))).toEqual(forward);
      expect(paths(sequenceProblemRows([...rotated].reverse()))).toEqual(forward);
    }
  });

  it('filters by every word of the text in the path, and by kind', () => {
    const rows = sequenceProblemRows(sources);
    const pick = (text: string, kind: ProblemFilter['kind'] = 'all') =>
      paths(rows.filter((row) => matchesFilter(row, { text, kind })));
    expect(pick('')).toHaveLength(5);
    expect(pick('SH020')).toEqual(['sh020/renders|beauty.####.exr', 'sh020/renders|depth.####.exr']);
    expect(pick('sh020 depth')).toEqual(['sh020/renders|depth.####.exr']);
    expect(pick('renders/beauty')).toEqual([
      'sh3/renders|beauty.####.exr',
      'sh020/renders|beauty.####.exr',
      'sh100/renders|beauty.####.exr',
    ]);
    expect(pick('', 'zero-byte-frames')).toEqual(['sh020/renders|depth.####.exr']);
    expect(pick('sh020', 'missing-frames')).toEqual(['sh020/renders|beauty.####.exr']);
    expect(pick('nothing-like-this')).toEqual([]);
  });

  it('groups by folder with counts, and hides a collapsed folder’s rows', () => {
    const groups = groupRows(sequenceProblemRows(sources));
    expect(groups.map((g) => [g.dir, g.rows.length])).toEqual([
      ['', 1],
      ['sh3/renders', 1],
      ['sh020/renders', 2],
      ['sh100/renders', 1],
    ]);
    const lines = flattenGroups(groups, new Set(['sh3/renders']));
    expect(lines.map((l) => (l.type === 'group' ? `# ${l.group.dir}` : l.row.name))).toEqual([
      '# ',
      'root.####.exr',
      '# sh3/renders',
      '# sh020/renders',
      'beauty.####.exr',
      'depth.####.exr',
      '# sh100/renders',
      'beauty.####.exr',
    ]);
    const depth = lines[5];
    expect(depth?.type === 'problem' && [depth.posInSet, depth.setSize]).toEqual([2, 2]);
    expect(lines[6]?.type === 'group' && [lines[6].posInSet, lines[6].setSize]).toEqual([4, 4]);
  });
});

describe('problem list keys', () => {
  const groups = groupRows(sequenceProblemRows(sources));
  const lines = flattenGroups(groups, new Set());
  // 0 # root, 1 root.####, 2 # sh3, 3 beauty, 4 # sh020, 5 beauty, 6 depth, 7 # sh100, 8 beauty
  const key = (k: string, active: number, command = false) =>
    listAction(lines, active, { key: k, command }, 3);

  it('moves with the arrows, Home/End and pages, staying inside the list', () => {
    expect(key('ArrowDown', 0)).toEqual({ type: 'move', index: 1 });
    expect(key('ArrowDown', 8)).toEqual({ type: 'move', index: 8 });
    expect(key('ArrowUp', 0)).toEqual({ type: 'move', index: 0 });
    expect(key('End', 2)).toEqual({ type: 'move', index: 8 });
    expect(key('Home', 6)).toEqual({ type: 'move', index: 0 });
    expect(key('PageDown', 1)).toEqual({ type: 'move', index: 4 });
    expect(key('PageDown', 7)).toEqual({ type: 'move', index: 8 });
    expect(key('PageUp', 2)).toEqual({ type: 'move', index: 0 });
    expect(key('a', 2)).toBeNull();
  });

  it('opens and closes folders, reveals and copies problems', () => {
    expect(key('ArrowLeft', 4)).toEqual({ type: 'expand', dir: 'sh020/renders', open: false });
    expect(key('ArrowLeft', 6)).toEqual({ type: 'move', index: 4 });
    expect(key('ArrowRight', 4)).toEqual({ type: 'move', index: 5 });
    expect(key('Enter', 4)).toEqual({ type: 'expand', dir: 'sh020/renders', open: false });
    const collapsed = flattenGroups(groups, new Set(['sh020/renders']));
    expect(listAction(collapsed, 4, { key: 'ArrowRight', command: false }, 3)).toEqual({
      type: 'expand',
      dir: 'sh020/renders',
      open: true,
    });
    const row = lines[6]?.type === 'problem' ? lines[6].row : null;
    expect(key('Enter', 6)).toEqual({ type: 'reveal', row });
    expect(key('c', 6, true)).toEqual({ type: 'copy', row });
    expect(key('c', 4, true)).toBeNull();
    expect(listAction([], 0, { key: 'ArrowDown', command: false }, 3)).toBeNull();
  });
});

describe('problems CSV', () => {
  it('has a header and one record per problem, in list order, quoting what must be quoted', () => {
    const odd = seq('shots/a,"b"', 'x.####.exr', {
      first: 1,
      last: 40,
      count: 33,
      frames: '1-4,6-9,15-40',
      missing: '5,10-14',
      zero_byte: [2, 3],
      suspect_small: [20],
    });
    const rows = sequenceProblemRows([...sources, { seq: odd, index: null }]);
    const csv = problemsCsv(rows);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toEqual([
      'path,pattern,kind,first,last,missing_count,missing_frames,zero_byte_count,suspect_small_count',
      '.,root.####.exr,missing-frames,1001,1010,1,1005,0,0',
      'sh3/renders,beauty.####.exr,missing-frames,1001,1010,1,1005,0,0',
      'sh020/renders,beauty.####.exr,missing-frames;suspect-small-frames,1001,1010,1,1005,0,2',
      'sh020/renders,depth.####.exr,zero-byte-frames,1001,1010,0,,1,0',
      'sh100/renders,beauty.####.exr,missing-frames,1001,1010,1,1005,0,0',
      '"shots/a,""b""",x.####.exr,missing-frames;zero-byte-frames;suspect-small-frames,1,40,6,"5,10-14",2,1',
      '',
    ]);
  });
});
