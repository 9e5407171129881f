/** One-line summaries of long messages, the jobs panel's button names, tree row names, and the pickers' words. */
import { describe, expect, it } from 'vitest';
import { pickerOptions, PickerPurposeSchema } from '../../src-shared/picker-options';
import { summarize, withoutRawBytes } from '../../src-renderer/src/jobs/message-summary';
import { rowName } from '../../src-renderer/src/jobs/JobRowFrame';
import { fileRowLabel, folderRowLabel, shareText } from '../../src-renderer/src/scan/tree/row-label';
import { droppedFilesText } from '../../src-renderer/src/scan/use-scan-starter';
import { scanTreeOf } from '../helpers/scan-trees';

describe('summarize', () => {
  it('shortens the space check to one line naming the folder, and keeps the whole message, without raw bytes', () => {
    const message =
      'Not enough space on /mnt/x: this copy needs about 12.4 GB (13314398617 bytes) and 3.1 GB (3328599654 bytes) ' +
      'is free. Free up 9.3 GB there or choose another destination; nothing was written.';
    expect(summarize(message)).toEqual({
      line: 'Not enough space on x: needs 12.4 GB, 3.1 GB free',
      details:
        'Not enough space on /mnt/x: this copy needs about 12.4 GB and 3.1 GB is free. Free up 9.3 GB there or ' +
        'choose another destination; nothing was written.',
    });
  });

  it('shortens a destination that filled up mid-copy', () => {
    const message =
      'No space left on the destination /mnt/raid (ENOSPC while trying to write /src/a.mov): about 2.0 GB more is ' +
      'needed for the rest of the job, 10.0 MB is free. Files already copied are complete; make room and run the job again.';
    expect(summarize(message).line).toBe('No space left on raid: needs 2.0 GB more, 10.0 MB free');
  });

  it('takes the first sentence of any other message, and has no details when that is all of it', () => {
    expect(summarize('Cannot read /a/clip.v2.mov (EIO). Check the drive.')).toEqual({
      line: 'Cannot read /a/clip.v2.mov (EIO).',
      details: 'Cannot read /a/clip.v2.mov (EIO). Check the drive.',
    });
    expect(summarize('The worker crashed')).toEqual({ line: 'The worker crashed' });
  });

  it('drops raw byte counts only', () => {
    expect(withoutRawBytes('4.0 MB (4194304 bytes) free, (3 files)')).toBe('4.0 MB free, (3 files)');
  });
});

describe('names', () => {
  it("a job button's name goes on with its meta line, as a list", () => {
    expect(rowName('SHOW — completed', '4.1 GB · 240 files · 14:02')).toBe(
      'SHOW — completed, 4.1 GB, 240 files, 14:02',
    );
    expect(rowName('SHOW — queued', '')).toBe('SHOW — queued');
  });

  it('tree rows name their columns', () => {
    const tree = scanTreeOf(
      [
        ['show', -1],
        ['renders', 0],
      ],
      {
        total_size: [5_000_000_000, 4_400_000_000],
        file_count: [300, 240],
        directory_count: [1, 0],
        error: [1, 0],
      },
    );
    expect(folderRowLabel(tree, 1, 'renders', 38.4)).toMatch(
      /^renders, [\d.]+ GB, 240 files, 0 folders, 38% of parent$/,
    );
    expect(folderRowLabel(tree, 0, 'SHOW', null)).toMatch(
      /^SHOW, [\d.]+ GB, 300 files, 1 folder, some entries could not be read$/,
    );
    expect(fileRowLabel('a.mov', 1024, 0.2)).toMatch(/^a\.mov, .*, <1% of parent$/);
    expect(shareText(0)).toBe('0% of parent');
  });

  it('dropped files are named, and offered a copy or move', () => {
    expect(droppedFilesText(['/a/x.mov'])).toBe(
      'x.mov is a file: only folders are scanned. Copy or move it?',
    );
    expect(droppedFilesText(['/a/1', '/a/2', '/a/3', '/a/4', '/a/5'])).toBe(
      '1, 2, 3 and 2 more are files: only folders are scanned. Copy or move them?',
    );
  });
});

describe('pickerOptions', () => {
  it('titles every picker; only the sources picker takes files and several at once', () => {
    for (const purpose of PickerPurposeSchema.options) {
      const options = pickerOptions(purpose);
      expect(options.title).not.toBe('');
      expect(options.buttonLabel).not.toBe('');
      expect(options.properties.includes('multiSelections')).toBe(purpose === 'sources');
      expect(options.properties.includes('openFile')).toBe(purpose === 'sources');
    }
    expect(PickerPurposeSchema.safeParse('anything').success).toBe(false);
  });
});
