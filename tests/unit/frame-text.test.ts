/** One gap notation for the CLI and the app: frames listed, runs as ranges, no unexplained "x17". */
import { describe, expect, it } from 'vitest';
import {
  frameListText,
  frameRangeText,
  frameSetCount,
  framesText,
  missingText,
} from '../../src-shared/frame-text';

describe('framesText', () => {
  it('lists single frames and writes runs as ranges', () => {
    expect(framesText('')).toBe('');
    expect(framesText('1107,1188')).toBe('1107, 1188');
    expect(framesText('1003-1010,1050')).toBe('1003-1010, 1050');
  });

  it('lists the frames of a stepped chunk instead of writing "x"', () => {
    expect(framesText('1003-1054x17')).toBe('1003, 1020, 1037, 1054');
    expect(framesText('1-3,10,12-20x2')).toBe('1-3, 10, 12, 14, 16, 18, 20');
  });

  it('says a stepped chunk too long to list in words', () => {
    expect(framesText('1001-1999x2', 5)).toBe('every 2nd frame from 1001 to 1999');
    expect(framesText('1-31x3,40-60x11', 3)).toBe('every 3rd frame from 1 to 31, 40, 51');
    expect(framesText('0-1100x11', 4)).toBe('every 11th frame from 0 to 1100');
  });

  it('stops after `limit` items with …', () => {
    expect(framesText('1,3,5-9,20,30', 3)).toBe('1, 3, 5-9, …');
    expect(framesText('1002-1010x2,1100-1110', 5)).toBe('1002, 1004, 1006, 1008, 1010, …');
  });

  it('writes negative ranges so they read', () => {
    expect(framesText('-3--1,5')).toBe('-3 to -1, 5');
    expect(frameRangeText(-2, 5)).toBe('-2 to 5');
    expect(frameRangeText(1001, 1240)).toBe('1001-1240');
    expect(frameRangeText(7, 7)).toBe('7');
  });

  it('reads every fileseq form, and returns unreadable text as it is', () => {
    expect(framesText('1-10y3')).toBe('2-3, 5-6, 8-9');
    expect(framesText('10-1x3')).toBe('1, 4, 7, 10');
    expect(framesText('nonsense')).toBe('nonsense');
  });
});

describe('counts and labels', () => {
  it('counts frames without listing them', () => {
    expect(frameSetCount('1003-1054x17')).toBe(4);
    expect(frameSetCount('1-100000,200000-300000x2')).toBe(150_001);
    expect(frameSetCount('')).toBe(0);
    expect(frameSetCount('nonsense')).toBe(0);
  });

  it('says what is missing the way both the CLI and the app do', () => {
    expect(missingText('')).toBe('');
    expect(missingText('1003-1054x17')).toBe('4 missing: 1003, 1020, 1037, 1054');
    expect(missingText('1107,1188')).toBe('2 missing: 1107, 1188');
    expect(missingText('1-2000x2')).toBe('1,000 missing: every 2nd frame from 1 to 1999');
  });

  it('lists frames given as numbers', () => {
    expect(frameListText([1200, 1210, 1211, 1212])).toBe('1200, 1210-1212');
    expect(frameListText([])).toBe('');
  });
});
