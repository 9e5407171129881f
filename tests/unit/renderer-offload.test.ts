/** The offload and verify UI's rules: remembered choices, several destinations, and the words of their reports. */
import { describe, expect, it } from 'vitest';
import type { DestinationSummary } from '../../src-shared/jobs';
import type { VerifyResult } from '../../src-shared/verify';
import {
  DEFAULT_OPTIONS,
  OPTIONS_KEY,
  readRememberedOptions,
  rememberOptions,
  type OptionsStorage,
} from '../../src-renderer/src/transfer/remembered-options';
import {
  comparablePath,
  destinationCountText,
  MAX_DESTINATIONS,
  repeatedDestinations,
  repeatedText,
  rowOfPath,
} from '../../src-renderer/src/transfer/destinations';
import { createTransferSetupStore } from '../../src-renderer/src/transfer/setup-store';
import { checkRequestOf, requestOf } from '../../src-renderer/src/transfer/flow';
import {
  cacheBypassText,
  destinationBadge,
  destinationOutcome,
  hashesText,
  manifestsText,
} from '../../src-renderer/src/transfer/destination-labels';
import {
  canRecord,
  directoryHashText,
  sourceOfTruthText,
  verifyBadgeText,
  verifyStatusText,
} from '../../src-renderer/src/verify/verify-labels';
import { transferStatusText } from '../../src-renderer/src/transfer/transfer-labels';
import { hasAscMhlHistory } from '../../src-renderer/src/verify/history-folder';

/** A Storage stand-in over a Map. */
function memoryStorage(initial: Record<string, string> = {}): OptionsStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
  };
}

describe('remembered transfer choices', () => {
  it('starts from verify, ASC MHL and xxh64, and remembers what a started transfer chose', () => {
    const storage = memoryStorage();
    expect(readRememberedOptions(storage)).toEqual(DEFAULT_OPTIONS);
    rememberOptions({ verify: false, mhl: false, hashes: ['md5', 'xxh64'], checksumFile: true }, storage);
    expect(readRememberedOptions(storage)).toEqual({
      verify: false,
      mhl: false,
      hashes: ['md5', 'xxh64'],
      checksumFile: true,
    });
  });

  it('falls back to the defaults for bad stored data, field by field', () => {
    expect(readRememberedOptions(memoryStorage({ [OPTIONS_KEY]: '{not json' }))).toEqual(DEFAULT_OPTIONS);
    expect(readRememberedOptions(memoryStorage({ [OPTIONS_KEY]: '"text"' }))).toEqual(DEFAULT_OPTIONS);
    expect(readRememberedOptions(memoryStorage({ [OPTIONS_KEY]: '[1,2]' }))).toEqual(DEFAULT_OPTIONS);
    const mixed = JSON.stringify({ verify: false, mhl: 'yes', hashes: ['sha256'], checksumFile: 1 });
    expect(readRememberedOptions(memoryStorage({ [OPTIONS_KEY]: mixed }))).toEqual({
      ...DEFAULT_OPTIONS,
      verify: false,
    });
    expect(readRememberedOptions(memoryStorage({ [OPTIONS_KEY]: JSON.stringify({ hashes: [] }) }))).toEqual(
      DEFAULT_OPTIONS,
    );
    // Storage that throws (blocked) is no storage.
    const blocked: OptionsStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(readRememberedOptions(blocked)).toEqual(DEFAULT_OPTIONS);
    expect(() => rememberOptions(DEFAULT_OPTIONS, blocked)).not.toThrow();
    expect(readRememberedOptions(null)).toEqual(DEFAULT_OPTIONS);
  });

  it('opens the dialog with the remembered choices', () => {
    const store = createTransferSetupStore(() => ({
      verify: false,
      mhl: false,
      hashes: ['c4', 'sha1'],
      checksumFile: true,
    }));
    store.getState().open('move', ['/a'], '/b', false);
    expect(store.getState().draft).toMatchObject({ verify: false, mhl: false, hashes: ['c4', 'sha1'] });
  });
});

describe('several destinations', () => {
  it('adds up to eight in all, removes them, and sends the extra ones as `also`', () => {
    const store = createTransferSetupStore();
    store.getState().open('copy', ['/shows/SHOW'], '/mnt/a', false);
    for (let i = 0; i < 10; i++) store.getState().addDestination();
    expect(store.getState().draft!.also).toHaveLength(MAX_DESTINATIONS - 1);
    const ids = store.getState().draft!.also.map((slot) => slot.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(1)) store.getState().removeDestination(id);
    store.getState().setExtraDestination(ids[0]!, '/mnt/b');
    expect(requestOf(store.getState().draft!)).toMatchObject({ destination: '/mnt/a', also: ['/mnt/b'] });
  });

  it('sends several destinations, hash formats and ASC MHL only for a copy (as the CLI offers them)', () => {
    const store = createTransferSetupStore();
    store.getState().open('copy', ['/shows/SHOW'], '/mnt/a', true);
    store.getState().addDestination();
    store.getState().setExtraDestination(store.getState().draft!.also[0]!.id, '/mnt/b');
    store.getState().update({ hashes: ['md5'] });
    expect(requestOf(store.getState().draft!)).toMatchObject({
      also: ['/mnt/b'],
      hashes: ['md5'],
      mhl: true,
    });
    store.getState().update({ kind: 'move' });
    expect(requestOf(store.getState().draft!)).toMatchObject({ also: [], hashes: ['xxh64'], mhl: false });
  });

  it('checks each destination on its own, with its own confirmation to create missing folders', () => {
    const store = createTransferSetupStore();
    store.getState().open('copy', ['/shows/SHOW'], '/mnt/a', false);
    store.getState().addDestination();
    const id = store.getState().draft!.also[0]!.id;
    store.getState().setExtraDestination(id, '/mnt/new/b');
    store.getState().setExtraCreateParents(id, true);
    const draft = store.getState().draft!;
    expect(checkRequestOf(draft, draft.also[0]!)).toMatchObject({
      destination: '/mnt/new/b',
      also: [],
      create_parents: true,
    });
    expect(checkRequestOf(draft, { path: draft.destination, createParents: false })).toMatchObject({
      destination: '/mnt/a',
      also: [],
      create_parents: false,
    });
    // The job itself creates missing folders because one destination was confirmed for it.
    expect(requestOf(draft).create_parents).toBe(true);
    // Typing another folder withdraws that row's confirmation.
    store.getState().setExtraDestination(id, '/mnt/other/b');
    expect(store.getState().draft!.also[0]!.createParents).toBe(false);
  });

  it('finds a folder typed twice, however its separators are written', () => {
    expect(comparablePath('/mnt//a/')).toBe('/mnt/a');
    expect(comparablePath('/')).toBe('/');
    expect(repeatedDestinations(['/mnt/a', '/mnt/b', '/mnt/a/', '', '/mnt//b'])).toEqual([
      null,
      null,
      1,
      null,
      2,
    ]);
    expect(repeatedText('/mnt/a/', 1)).toMatch(/^The folder \/mnt\/a is already destination 1\./);
    // A refusal of the whole request goes on the row it names, else on the last row.
    expect(rowOfPath(['/mnt/a', '/mnt/b', '/mnt/c'], '/mnt/b/')).toBe(1);
    expect(rowOfPath(['/mnt/a', '/mnt/b'], '/elsewhere')).toBe(1);
    expect(destinationCountText(1)).toBe('');
    expect(destinationCountText(2)).toBe('to 2 destinations');
  });
});

describe('a destination in the report', () => {
  const summary = (patch: Partial<DestinationSummary>): DestinationSummary => ({
    path: '/mnt/a',
    files_copied: 3,
    bytes_copied: 3000,
    verified_files: 3,
    failed_count: 0,
    failure: null,
    cache_bypass: 'held',
    mhl_manifests: [],
    checksum_file: null,
    ...patch,
  });

  it('is never called complete when something failed', () => {
    expect(destinationOutcome(summary({}))).toBe('ok');
    expect(destinationBadge(summary({}))).toBe('Complete');
    expect(destinationOutcome(summary({ failed_count: 2 }))).toBe('failures');
    expect(destinationBadge(summary({ failed_count: 1200 }))).toBe('1,200 failed');
    expect(destinationOutcome(summary({ failure: 'No space left on /mnt/a' }))).toBe('stopped');
    expect(destinationBadge(summary({ failure: 'No space left', failed_count: 3 }))).toBe('Stopped');
    // A job that did not complete has no "Complete" destination (and nothing green).
    expect(destinationOutcome(summary({ files_copied: 0 }), 'failed')).toBe('unfinished');
    expect(destinationBadge(summary({}), 'cancelled')).toBe('Cancelled');
    expect(destinationBadge(summary({}), 'failed')).toBe('Not finished');
    expect(destinationBadge(summary({ failed_count: 2 }), 'cancelled')).toBe('2 failed');
  });

  it('says in plain words how the copies were read back', () => {
    expect(cacheBypassText('held')).toEqual({ text: 'Read back from storage', caution: false });
    expect(cacheBypassText('not_held')).toEqual({
      text: 'Read back, but the system may have served it from memory',
      caution: true,
    });
    expect(cacheBypassText('partly').caution).toBe(true);
    expect(cacheBypassText('not_verified', false).text).toBe('Not read back (verification was off)');
    expect(cacheBypassText('not_verified', true).text).toBe('Nothing was read back (nothing was copied)');
    expect(manifestsText(0)).toBe('none written');
    expect(manifestsText(2)).toBe('2 manifests written');
    expect(hashesText(['md5', 'sha1', 'xxh64'])).toBe('MD5, SHA-1, xxh64');
  });

  it('says Verifying while copies are read back', () => {
    expect(transferStatusText('copy', 'running', 'verifying', undefined)).toBe('Verifying…');
  });
});

describe('verify words', () => {
  const result = (patch: Partial<VerifyResult>): VerifyResult => ({
    kind: 'verify',
    root: '/mnt/a/SHOW',
    record: false,
    source: 'ascmhl',
    source_files: ['ascmhl/0001_SHOW_2026-01-01_000000Z.mhl'],
    formats: ['xxh64'],
    files_checked: 10,
    files_verified: 10,
    files_changed: 0,
    files_missing: 0,
    files_new: 0,
    files_unreadable: 0,
    failed_count: 0,
    bytes_total: 100,
    bytes_checked: 100,
    changed: [],
    missing: [],
    new: [],
    unreadable: [],
    cache_bypass: 'held',
    directory_hashes: null,
    generation: null,
    generation_error: null,
    report_path: '/data/jobs/v1/report.json',
    report_html: null,
    report_csv: null,
    finished_at: '2026-01-01T00:00:00.000Z',
    duration_ms: 10,
    ...patch,
  });

  it('names the outcome, the source of truth, and when recording is worth offering', () => {
    expect(verifyStatusText('completed', 'done', undefined, 0)).toBe('Completed: every file verified');
    expect(verifyStatusText('completed', 'done', undefined, 2)).toBe('Completed: 2 problems found');
    expect(verifyStatusText('running', 'preparing', undefined, 0)).toBe('Counting files…');
    expect(verifyStatusText('running', 'verifying', undefined, 0)).toBe('Verifying…');
    expect(verifyBadgeText('completed', 1)).toBe('1 problem');
    expect(verifyBadgeText('completed', 0)).toBe('verified');
    expect(sourceOfTruthText(result({}))).toBe('ASC MHL history (1 manifest)');
    expect(sourceOfTruthText(result({ source: 'checksum-file', source_files: ['a.xxh64'] }))).toBe(
      'Checksum file',
    );
    expect(canRecord('completed', result({}))).toBe(true);
    expect(canRecord('completed', result({ failed_count: 1 }))).toBe(false);
    expect(canRecord('completed', result({ record: true }))).toBe(false);
    expect(canRecord('completed', result({ source: 'checksum-file' }))).toBe(false);
    expect(canRecord('cancelled', result({}))).toBe(false);
    expect(
      directoryHashText(
        result({ directory_hashes: { checked: 12, matching: 10, mismatched: [], explained: 2 } }),
      ),
    ).toBe('Folder hashes: 12 checked, 2 differ (2 explained by the files above)');
  });

  it('offers Verify only for a folder with ascmhl/ at its top', () => {
    const dirs = (name: string[], parent: number[]) => ({ dirs: { name, parent } }) as never;
    expect(hasAscMhlHistory(dirs(['', 'ascmhl', 'A'], [-1, 0, 0]))).toBe(true);
    expect(hasAscMhlHistory(dirs(['', 'A', 'ascmhl'], [-1, 0, 1]))).toBe(false);
    expect(hasAscMhlHistory(dirs([''], [-1]))).toBe(false);
  });
});
