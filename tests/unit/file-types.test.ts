/** File types by extension: what counts as an extension, merging thread totals, and the capped list. */
import { describe, expect, it } from 'vitest';
import {
  FILE_TYPE_LIMIT,
  NO_EXTENSION,
  OTHER_TYPES,
  fileTypeOf,
  mergeFileTypes,
  topFileTypes,
  type FileTypeTotals,
} from '../../src-shared/file-types';
import { folderFilesLine } from '../../src-shared/folder-files';

describe('fileTypeOf', () => {
  it('is the lower-case text after the last dot', () => {
    expect(fileTypeOf('A001C003.ARI')).toBe('ari');
    expect(fileTypeOf('beauty.1001.exr')).toBe('exr');
    expect(fileTypeOf('cache.bgeo.sc')).toBe('sc');
  });

  it('gives no extension to dot-files, names without a dot or ending in one, and long tails', () => {
    expect(fileTypeOf('.DS_Store')).toBe(NO_EXTENSION);
    expect(fileTypeOf('README')).toBe(NO_EXTENSION);
    expect(fileTypeOf('take.')).toBe(NO_EXTENSION);
    expect(fileTypeOf('take.final_approved_by_client')).toBe(NO_EXTENSION);
  });
});

describe('topFileTypes', () => {
  it('merges totals and sorts by bytes, then count, then name', () => {
    const totals: FileTypeTotals = new Map();
    mergeFileTypes(totals, [
      { ext: 'exr', count: 2, bytes: 100 },
      { ext: 'txt', count: 1, bytes: 5 },
    ]);
    mergeFileTypes(totals, [
      { ext: 'exr', count: 3, bytes: 50 },
      { ext: 'log', count: 4, bytes: 5 },
      { ext: 'ari', count: 4, bytes: 5 },
    ]);
    expect(topFileTypes(totals)).toEqual([
      { ext: 'exr', count: 5, bytes: 150 },
      { ext: 'ari', count: 4, bytes: 5 },
      { ext: 'log', count: 4, bytes: 5 },
      { ext: 'txt', count: 1, bytes: 5 },
    ]);
  });

  it('folds everything past the limit into one "other" row, keeping the totals', () => {
    const totals: FileTypeTotals = new Map();
    for (let i = 0; i < FILE_TYPE_LIMIT + 5; i++) totals.set(`e${i}`, { count: 1, bytes: 1000 - i });
    const top = topFileTypes(totals);
    expect(top).toHaveLength(FILE_TYPE_LIMIT + 1);
    expect(top[FILE_TYPE_LIMIT - 1]?.ext).toBe(`e${FILE_TYPE_LIMIT - 1}`);
    const rest = [0, 1, 2, 3, 4].reduce((sum, k) => sum + 1000 - (FILE_TYPE_LIMIT + k), 0);
    expect(top[FILE_TYPE_LIMIT]).toEqual({ ext: OTHER_TYPES, count: 5, bytes: rest });
  });
});

describe('folderFilesLine', () => {
  it('sorts a folder largest first, ties by name, names and sizes side by side', () => {
    const line = folderFilesLine(['b.ari', 'notes.txt', 'a.ari', 'say "hi".mov'], [400, 3, 400, 9]);
    expect(JSON.parse(line)).toEqual({
      names: ['a.ari', 'b.ari', 'say "hi".mov', 'notes.txt'],
      sizes: [400, 400, 9, 3],
    });
  });
});
