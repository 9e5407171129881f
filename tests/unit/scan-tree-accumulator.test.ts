/** Folding out-of-order directory records into the tree file and the largest folders. */
import { describe, expect, it } from 'vitest';
import { ScanTreeSchema, scanTreeChildren, scanTreeRelativePath } from '../../src-shared/scan-tree';
import { TreeAccumulator } from '../../src-workers/scan/tree-accumulator';
import { summarizeSequences } from '../../src-workers/scan/summarize-sequences';
import { treeJson } from '../../src-workers/scan/write-tree-file';
import type { SequenceEntry } from '../../src-shared/jobs';
import type { DirBatch } from '../../src-workers/scan/walker-protocol';

type Dir = { key: number; parent: number; depth: number; name: string; files: number; size: number };

function batch(dirs: Dir[]): DirBatch {
  return {
    type: 'batch',
    keys: dirs.map((d) => d.key),
    parents: dirs.map((d) => d.parent),
    depths: dirs.map((d) => d.depth),
    names: dirs.map((d) => d.name),
    ownFiles: dirs.map((d) => d.files),
    ownSize: dirs.map((d) => d.size),
    symlinks: dirs.map(() => 1),
    others: dirs.map(() => 0),
    errored: dirs.map(() => 0),
    files: 0,
    bytes: 0,
    symlinkCount: 0,
    otherCount: 0,
    weight: 0,
    errorCount: 0,
    errors: [],
    currentFile: null,
    zeroFileCount: 0,
    sequences: [],
    sequenceKeys: [],
    fileLists: dirs.map(() => ''),
    fileTypes: [],
  };
}

describe('TreeAccumulator', () => {
  it('orders parents first, folds totals and picks the largest folders', () => {
    const acc = new TreeAccumulator();
    // Children can arrive before their parents (another thread finished them first).
    acc.add(batch([{ key: 7, parent: 3, depth: 2, name: 'v001', files: 3, size: 300 }]));
    acc.add(batch([{ key: 0, parent: -1, depth: 0, name: '', files: 1, size: 1 }]));
    acc.add(
      batch([
        { key: 3, parent: 0, depth: 1, name: 'shots', files: 0, size: 0 },
        { key: 4, parent: 0, depth: 1, name: 'plates', files: 2, size: 500 },
      ]),
    );
    const { tree, totals, largest } = acc.build('/show', new Date(0).toISOString(), 2);
    expect(ScanTreeSchema.parse(tree)).toEqual(tree);
    expect(totals).toEqual({
      total_size: 801,
      file_count: 6,
      directory_count: 3,
      symlink_count: 4,
      other_count: 0,
    });
    expect(largest.map((d) => [d.path, d.total_size])).toEqual([
      ['/show/plates', 500],
      ['/show/shots', 300],
    ]);
    const v001 = tree.dirs.name.indexOf('v001');
    expect(scanTreeRelativePath(tree, v001)).toBe('shots/v001');
    expect(tree.dirs.directory_count[0]).toBe(3);
    expect(scanTreeChildren(tree)[0]).toHaveLength(2);
  });

  it('writes sequences from their text, each with its folder path, and summarizes problems first', () => {
    const acc = new TreeAccumulator();
    const sequence = (pattern: string, missing: string): Omit<SequenceEntry, 'dir'> => ({
      pattern,
      padding: 4,
      first: 1001,
      last: 1003,
      count: missing ? 2 : 3,
      frames: missing ? '1001,1003' : '1001-1003',
      missing,
      zero_byte: [],
      suspect_small: [],
      total_size: 3000,
    });
    const odd = 'say "hi"\nnow'; // a folder name JSON must escape
    acc.add({
      ...batch([{ key: 5, parent: 0, depth: 1, name: odd, files: 3, size: 3000 }]),
      sequences: [
        `0${JSON.stringify(sequence('a.####.exr', ''))}`,
        `1${JSON.stringify(sequence('b.####.exr', '1002'))}`,
      ],
      sequenceKeys: [5, 5],
    });
    acc.add({
      ...batch([{ key: 0, parent: -1, depth: 0, name: '', files: 3, size: 3000 }]),
      sequences: [`0${JSON.stringify(sequence('root.####.dpx', ''))}`],
      sequenceKeys: [0],
    });
    const built = acc.build('/show', new Date(0).toISOString(), 2);
    const tree = ScanTreeSchema.parse(JSON.parse(treeJson(built.tree, built.sequences.texts)));
    expect(tree.sequences.map((s) => [s.dir, s.pattern, s.missing])).toEqual([
      [odd, 'a.####.exr', ''],
      [odd, 'b.####.exr', '1002'],
      ['', 'root.####.dpx', ''],
    ]);
    expect(tree.dirs).toEqual(built.tree.dirs);
    const summary = summarizeSequences(built.sequences);
    expect(summary.sequences.map((s) => s.pattern)).toEqual(['b.####.exr', 'a.####.exr', 'root.####.dpx']);
    expect(summary).toMatchObject({ sequence_count: 3, problem_sequence_count: 1 });
    expect(summary.sequences[0]).toEqual(tree.sequences[1]);
  });
});
