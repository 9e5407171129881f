/** Find in the folder tree: every match, also in folders never opened, in display order, ignoring case. */
import { describe, expect, it } from 'vitest';
import { scanTreeOf } from '../helpers/scan-trees';
import type { SequenceEntry } from '../../src-shared/jobs';
import type { FoundFiles } from '../../src-shared/ipc-channels';
import { findMatches, matchCountText, stepMatch } from '../../src-renderer/src/scan/tree/tree-find';
import { buildSequenceIndex, buildTreeIndex } from '../../src-renderer/src/scan/tree/tree-model';

function sequence(dir: string, pattern: string, size: number): SequenceEntry {
  return {
    dir,
    pattern,
    padding: 4,
    first: 1001,
    last: 1003,
    count: 3,
    frames: '1001-1003',
    missing: '',
    zero_byte: [],
    suspect_small: [],
    total_size: size,
  };
}

/**
 * /show: shots (900) > sh010 (500) > comp (300), sh020 (400) > Comp_ref (100); assets (50). Sizes put shots
 * first, sh010 before sh020; the sequence comp.####.exr (200) sits in shots/sh010 beside the folder comp (300).
 */
const tree = scanTreeOf(
  [
    ['show', -1],
    ['shots', 0],
    ['sh010', 1],
    ['comp', 2],
    ['sh020', 1],
    ['Comp_ref', 4],
    ['assets', 0],
  ],
  { total_size: [950, 900, 500, 300, 400, 100, 50] },
  {
    sequences: [
      sequence('shots/sh010', 'comp.####.exr', 200),
      sequence('shots/sh020', 'plate.####.dpx', 250),
    ],
  },
);
const index = buildTreeIndex(tree);
const seqIndex = buildSequenceIndex(tree);

describe('findMatches', () => {
  it('finds folders and sequences in folders never opened, in display order, ignoring case', () => {
    expect(findMatches(tree, index, seqIndex, 'COMP')).toEqual([
      { kind: 'dir', dir: 3 },
      { kind: 'seq', seq: 0 },
      { kind: 'dir', dir: 5 },
    ]);
    expect(findMatches(tree, index, seqIndex, 'sh0')).toEqual([
      { kind: 'dir', dir: 2 },
      { kind: 'dir', dir: 4 },
    ]);
    expect(findMatches(tree, index, seqIndex, '  ')).toEqual([]);
    expect(findMatches(tree, index, seqIndex, 'nothing')).toEqual([]);
  });

  it('puts the files the host found among their folder’s children by size, and a frame as its sequence', () => {
    const found: FoundFiles = {
      truncated: false,
      folders: [
        // In sh020 (400): a 260-byte file comes before the 250-byte sequence and after nothing bigger.
        { folder: 4, names: ['notes_comp.txt'], sizes: [260] },
        { folder: 6, names: ['Comp_logo.png'], sizes: [10] },
      ],
    };
    expect(findMatches(tree, index, seqIndex, 'comp', found)).toEqual([
      { kind: 'dir', dir: 3 },
      { kind: 'seq', seq: 0 },
      { kind: 'file', dir: 4, name: 'notes_comp.txt' },
      { kind: 'dir', dir: 5 },
      { kind: 'file', dir: 6, name: 'Comp_logo.png' },
    ]);
    // plate.1002.dpx is a frame: its sequence is the row that matches.
    const plate: FoundFiles = {
      truncated: false,
      folders: [{ folder: 4, names: ['plate.1002.dpx'], sizes: [90] }],
    };
    expect(findMatches(tree, index, seqIndex, '1002', plate)).toEqual([{ kind: 'seq', seq: 1 }]);
  });

  it('steps to the next and previous match, wrapping around', () => {
    expect(stepMatch(3, -1, 1)).toBe(0);
    expect(stepMatch(3, 0, 1)).toBe(1);
    expect(stepMatch(3, 2, 1)).toBe(0);
    expect(stepMatch(3, 0, -1)).toBe(2);
    expect(stepMatch(0, 0, 1)).toBe(-1);
    expect(matchCountText(3, 1, 'comp', false)).toBe('2 of 3');
    expect(matchCountText(0, -1, 'comp', false)).toBe('No matches');
    expect(matchCountText(0, -1, 'comp', true)).toBe('Searching…');
    expect(matchCountText(0, -1, '', false)).toBe('');
  });
});
