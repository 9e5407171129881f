/**
 * Where the strip's frame sizes come from: the folder file lists, read once per batch and folder whoever asks
 * (the tree's loose files and the frame sizes share one read), kept within a bound.
 */
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FolderFiles } from '../../src-shared/folder-files';
import {
  isFolderRequested,
  peekFolderFiles,
  readFolderFiles,
  subscribeFolderFiles,
} from '../../src-renderer/src/scan/tree/folder-files-cache';

const getFolderFiles = vi.fn<(batchId: string, folder: number) => Promise<FolderFiles>>();
vi.stubGlobal('window', { wrangle: { getFolderFiles } });
afterAll(() => vi.unstubAllGlobals());

const listOf = (folder: number): FolderFiles => ({
  names: [`plate.${1000 + folder}.dpx`],
  sizes: [folder * 10],
});

describe('folder file lists for frame sizes', () => {
  beforeEach(() => {
    getFolderFiles.mockReset();
    getFolderFiles.mockImplementation((_batch, folder) => Promise.resolve(listOf(folder)));
  });

  it('asks the host once per batch and folder, and tells subscribers when a list arrives', async () => {
    const heard = vi.fn();
    const unsubscribe = subscribeFolderFiles(heard);
    expect(peekFolderFiles('batch-a', 3)).toBeUndefined();
    const first = readFolderFiles('batch-a', 3);
    const second = readFolderFiles('batch-a', 3);
    expect(isFolderRequested('batch-a', 3)).toBe(true);
    expect(await first).toEqual(listOf(3));
    expect(await second).toBe(await first);
    expect(getFolderFiles).toHaveBeenCalledTimes(1);
    expect(peekFolderFiles('batch-a', 3)).toEqual(listOf(3));
    expect(heard).toHaveBeenCalledTimes(1);
    // Another batch's folder 3 is another list.
    await readFolderFiles('batch-b', 3);
    expect(getFolderFiles).toHaveBeenCalledTimes(2);
    unsubscribe();
    await readFolderFiles('batch-b', 4);
    expect(heard).toHaveBeenCalledTimes(2);
  });

  it('keeps a failed read failed rather than asking again and again', async () => {
    getFolderFiles.mockImplementation(() => Promise.reject(new Error('not a scan')));
    await expect(readFolderFiles('batch-c', 1)).rejects.toThrow('not a scan');
    await expect(readFolderFiles('batch-c', 1)).rejects.toThrow('not a scan');
    expect(getFolderFiles).toHaveBeenCalledTimes(1);
    expect(peekFolderFiles('batch-c', 1)).toBeUndefined();
  });

  it('keeps a bounded number of lists, dropping the least recently used', async () => {
    await readFolderFiles('batch-d', 0);
    for (let folder = 1; folder <= 64; folder++) {
      await readFolderFiles('batch-d', folder);
      // Folder 0 is used again and again, so it is never the oldest.
      await readFolderFiles('batch-d', 0);
    }
    expect(peekFolderFiles('batch-d', 0)).toEqual(listOf(0));
    expect(peekFolderFiles('batch-d', 64)).toEqual(listOf(64));
    // The first folders read once are gone, and read again when asked for.
    expect(isFolderRequested('batch-d', 1)).toBe(false);
    const calls = getFolderFiles.mock.calls.length;
    await readFolderFiles('batch-d', 1);
    expect(getFolderFiles.mock.calls.length).toBe(calls + 1);
  });
});
