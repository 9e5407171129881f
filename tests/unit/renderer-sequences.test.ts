/** The labels and frame lists of sequence rows and the Problems list. */
import { describe, expect, it } from 'vitest';
import type { SequenceEntry } from '../../src-shared/jobs';
import {
  folderLabel,
  frameFileName,
  frameStatus,
  framesLabel,
  missingLabel,
  problemLabels,
  rangeLabel,
  sequenceFrames,
  suspectSmallLabel,
  zeroByteLabel,
} from '../../src-renderer/src/scan/tree/sequence-model';

const beauty: SequenceEntry = {
  dir: 'renders/beauty',
  pattern: 'beauty.####.exr',
  padding: 4,
  first: 1001,
  last: 1240,
  count: 238,
  frames: '1001-1106,1108-1187,1189-1240',
  missing: '1107,1188',
  zero_byte: [1200],
  suspect_small: [1210],
  total_size: 1_900_000,
};

describe('sequence labels', () => {
  it('describes range, count and problems', () => {
    expect(rangeLabel(beauty)).toBe('1001-1240');
    expect(framesLabel(beauty)).toBe('238 frames');
    expect(missingLabel(beauty)).toBe('2 missing: 1107, 1188');
    expect(zeroByteLabel(beauty)).toBe('1 zero-byte');
    expect(suspectSmallLabel(beauty)).toBe('1 suspiciously small');
    expect(suspectSmallLabel(beauty, true)).toBe('1 small');
    expect(problemLabels(beauty)).toEqual(['2 missing: 1107, 1188', '1 zero-byte', '1 suspiciously small']);
    expect(folderLabel(beauty)).toBe('renders/beauty');
  });

  it('lists at most five missing frames, then …', () => {
    const gappy = { ...beauty, missing: '1002-1010x2,1100-1110' };
    expect(missingLabel(gappy)).toBe('16 missing: 1002, 1004, 1006, 1008, 1010, …');
  });

  it('has nothing to say about a complete sequence', () => {
    const depth = {
      ...beauty,
      dir: '',
      frames: '1001-1240',
      missing: '',
      zero_byte: [],
      suspect_small: [],
      count: 240,
    };
    expect(missingLabel(depth)).toBe('');
    expect(problemLabels(depth)).toEqual([]);
    expect(folderLabel(depth)).toBe('.');
    expect(rangeLabel({ ...depth, first: 7, last: 7 })).toBe('7');
  });
});

describe('sequence frames', () => {
  it('merges present and missing frames in order, each with its status', () => {
    const frames = sequenceFrames(beauty);
    expect(frames.frames.length).toBe(240);
    expect(frames.frames[0]).toBe(1001);
    expect(frames.frames[106]).toBe(1107);
    expect(frames.frames[239]).toBe(1240);
    expect(frameStatus(frames, 1107)).toBe('missing');
    expect(frameStatus(frames, 1200)).toBe('zero');
    expect(frameStatus(frames, 1210)).toBe('small');
    expect(frameStatus(frames, 1001)).toBe('ok');
    expect(sequenceFrames(beauty)).toBe(frames);
  });

  it('names frame files with their padding', () => {
    expect(frameFileName(beauty, 1001)).toBe('beauty.1001.exr');
    expect(frameFileName({ ...beauty, pattern: 'a.@@@.dpx', padding: 3 }, 7)).toBe('a.007.dpx');
    expect(frameFileName(beauty, 7)).toBe('beauty.0007.exr');
  });

  it('survives an unreadable frame set', () => {
    expect(sequenceFrames({ ...beauty, frames: 'nonsense', missing: '' }).frames).toEqual([]);
  });
});
