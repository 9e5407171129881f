/** The options dialog's preflight in words: refusals naming the path, the folders to create, free space. */
import { describe, expect, it } from 'vitest';
import {
  createFoldersLabel,
  destinationNote,
  emptyDestinationText,
  freeSpaceText,
  missingChain,
  refusalText,
} from '../../src-renderer/src/transfer/check-labels';

describe('destination checks in words', () => {
  it('names the folders a confirmation creates, and where', () => {
    expect(missingChain('/mnt/x/new', '/mnt/x/new/a/dest')).toEqual({
      inside: '/mnt/x',
      chain: 'new/a/dest',
    });
    expect(missingChain('/mnt/x/new/', '/mnt/x/new/a/dest/')).toEqual({
      inside: '/mnt/x',
      chain: 'new/a/dest',
    });
    expect(missingChain('/new', '/new/dest')).toEqual({ inside: '/', chain: 'new/dest' });
    expect(createFoldersLabel('/mnt/x/new', '/mnt/x/new/a/dest')).toBe(
      'Create the missing folders (new/a/dest in /mnt/x)',
    );
  });

  it('says a missing parent in the app’s words and passes other refusals through', () => {
    expect(
      refusalText({
        ok: false,
        code: 'DESTINATION_PARENT_MISSING',
        error: 'The folder /mnt/x/new does not exist … (--parents).',
        path: '/mnt/x/new',
        missing: '/mnt/x/new',
      }),
    ).toBe(
      'The folder /mnt/x/new does not exist. Check the path, or confirm below to create the missing folders.',
    );
    const file =
      '/mnt/x/notes.txt is a file, not a folder; the destination must be a folder. Choose a folder.';
    expect(
      refusalText({
        ok: false,
        code: 'DESTINATION_NOT_A_FOLDER',
        error: file,
        path: '/mnt/x/notes.txt',
        missing: null,
      }),
    ).toBe(file);
  });

  it('shows free space and a new folder only for a destination that passed', () => {
    const ok = { ok: true, destination_exists: true, free_bytes: 1_234_000_000_000 } as const;
    expect(freeSpaceText(ok)).toBe('1.2 TB free on the destination');
    expect(freeSpaceText({ ...ok, free_bytes: null })).toBeNull();
    expect(freeSpaceText(null)).toBeNull();
    expect(destinationNote(ok, '/backup')).toBeNull();
    expect(destinationNote({ ...ok, destination_exists: false }, '/backup/new/')).toBe(
      'The folder /backup/new will be created.',
    );
    expect(emptyDestinationText('  ')).toBe('Type a destination folder, or choose one.');
    expect(emptyDestinationText('/backup')).toBeNull();
  });
});
