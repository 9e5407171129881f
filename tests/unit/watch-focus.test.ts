/**
 * The focus of a polled watch: which folders it polls (the root and the open ones it holds), how the app's
 * open tree rows and the CLI's sequences become that list, its validation, and how the coverage is described.
 */
import { describe, expect, it } from 'vitest';
import { scanTreeOf } from '../helpers/scan-trees';
import type { ScanTree } from '../../src-shared/scan-tree';
import { MAX_WATCH_FOCUS, WatchFocusSchema, type WatchCoverage } from '../../src-shared/watch-shapes';
import { coverageLabel } from '../../src-shared/watch-labels';
import { WatchView } from '../../src-shared/watch-view';
import { PollFocus, focusKey } from '../../src-workers/watch/poll-focus';
import { folderPathOf, openFolderPaths } from '../../src-renderer/src/watch/watch-focus';
import { CLI_FOCUS_NAME, SequenceFocus } from '../../src-main/cli/sequence-focus';

describe('focusKey', () => {
  it.each([
    ['', ''],
    ['.', ''],
    ['./', ''],
    ['sh010', 'sh010'],
    ['sh010/', 'sh010'],
    ['sh010//comp', 'sh010/comp'],
    ['./sh010/./comp/', 'sh010/comp'],
  ])('%j is %j', (given, key) => expect(focusKey(given)).toBe(key));
});

describe('PollFocus', () => {
  const holds = (dirs: string[]) => (dir: string) => dirs.includes(dir);

  it('wants the root before any focus, and always', () => {
    const focus = new PollFocus();
    expect(focus.wants('')).toBe(true);
    expect(focus.wants('sh010')).toBe(false);
    focus.set(['sh010']);
    expect(focus.wants('')).toBe(true);
    expect(focus.wants('sh010')).toBe(true);
    focus.set([]);
    expect(focus.wants('')).toBe(true);
    expect(focus.wants('sh010')).toBe(false);
  });

  it('starts polling the open folders the watch holds, and stops polling those closed', () => {
    const focus = new PollFocus();
    focus.set(['sh010/', 'sh020', 'not/there']);
    const held = holds(['', 'sh010', 'sh020', 'sh030']);
    const first = focus.change(new Set(['']), held);
    expect(first.start.sort()).toEqual(['sh010', 'sh020']);
    expect(first.stop).toEqual([]);
    focus.set(['sh030']);
    const next = focus.change(new Set(['', 'sh010', 'sh020']), held);
    expect(next).toEqual({ start: ['sh030'], stop: ['sh010', 'sh020'] });
    // Nothing changes when the set asked for is polled already.
    expect(focus.change(new Set(['', 'sh030']), held)).toEqual({ start: [], stop: [] });
  });
});

describe('WatchFocusSchema', () => {
  it('takes folders relative to the root', () => {
    expect(WatchFocusSchema.parse(['', 'sh010', 'sh010/comp'])).toEqual(['', 'sh010', 'sh010/comp']);
  });

  it.each([[['/abs']], [['..']], [['sh010/../..']], [[1]], ['sh010']])('refuses %j', (given) => {
    expect(WatchFocusSchema.safeParse(given).success).toBe(false);
  });

  it(`refuses more than ${MAX_WATCH_FOCUS} folders`, () => {
    const many = Array.from({ length: MAX_WATCH_FOCUS + 1 }, (_, i) => `f${i}`);
    expect(WatchFocusSchema.safeParse(many).success).toBe(false);
    expect(WatchFocusSchema.safeParse(many.slice(1)).success).toBe(true);
  });
});

/** A tree of folders, [name, parent] each; only names and parents matter here. */
const tree = (dirs: [string, number][]): ScanTree => scanTreeOf(dirs);

describe('open folders of the results tree', () => {
  const show = tree([
    ['', -1],
    ['sh010', 0],
    ['sh020', 0],
    ['comp', 1],
    ['v001', 3],
  ]);

  it('names a folder by its path relative to the root', () => {
    expect(folderPathOf(show, 0)).toBe('');
    expect(folderPathOf(show, 4)).toBe('sh010/comp/v001');
  });

  it('lists the open folders below the root, sorted, ignoring indices not in the tree', () => {
    expect(openFolderPaths(show, new Set([0]))).toEqual([]);
    expect(openFolderPaths(show, new Set([0, 4, 2, 1, 99]))).toEqual(['sh010', 'sh010/comp/v001', 'sh020']);
  });

  it(`keeps at most ${MAX_WATCH_FOCUS}, those nearest the root`, () => {
    const wide = tree([
      ['', -1],
      ['deep', 0],
      ['deeper', 1],
      ...Array.from({ length: MAX_WATCH_FOCUS }, (_, i): [string, number] => [`f${i}`, 0]),
    ]);
    const open = new Set(wide.dirs.name.map((_, i) => i));
    const paths = openFolderPaths(wide, open);
    expect(paths).toHaveLength(MAX_WATCH_FOCUS);
    expect(paths).toContain('deep');
    expect(paths).not.toContain('deep/deeper');
  });
});

const polling: WatchCoverage = {
  mode: 'polling',
  poll_reason: 'nfs',
  poll_interval_ms: 3_000,
  folders_polled: 4,
  reconcile_interval_ms: 60_000,
  folders_watched: 12,
  folders_found: 12,
  budget: 100,
  system_limit: 200,
};

describe('coverageLabel for a polled watch', () => {
  it('says what it polls, how often, why, and when the others are read', () => {
    expect(coverageLabel(polling)).toBe(
      'polling the root and 3 open folders every 3.0s (nfs); the other 8 are re-read every 1m 0s',
    );
    expect(coverageLabel({ ...polling, folders_polled: 2 }, CLI_FOCUS_NAME)).toBe(
      'polling the root and 1 folder with sequences every 3.0s (nfs); the other 10 are re-read every 1m 0s',
    );
    expect(coverageLabel({ ...polling, folders_polled: 1, folders_watched: 1, folders_found: 1 })).toBe(
      'polling the root every 3.0s (nfs)',
    );
  });
});

describe('SequenceFocus (the CLI)', () => {
  const update = (mode: 'events' | 'polling', dirs: string[]) => ({
    root: '/show',
    initial: true,
    coverage: { ...polling, mode },
    file_count: 0,
    total_size: 0,
    sequence_count: dirs.length,
    changed: dirs.map((dir) => ({
      sequence: {
        dir,
        pattern: 'a.####.exr',
        padding: 4,
        first: 1,
        last: 2,
        count: 2,
        frames: '1-2',
        missing: '',
        zero_byte: [],
        suspect_small: [],
        total_size: 2,
      },
      landed_at: null,
    })),
    removed: [],
    folders: [],
    folders_removed: [],
    emitted_at: 0,
  });

  it('sends the folders with sequences when polling, once per change, never with inotify', () => {
    const sent: string[][] = [];
    const focus = new SequenceFocus((folders) => sent.push(folders));
    const follow = (u: ReturnType<typeof update>): void => {
      const view = new WatchView();
      view.apply(u);
      focus.follow(u, view);
    };
    follow(update('events', ['sh010']));
    expect(sent).toEqual([]);
    follow(update('polling', ['sh020', 'sh010', '']));
    follow(update('polling', ['sh010', 'sh020']));
    expect(sent).toEqual([['sh010', 'sh020']]);
    follow(update('polling', ['sh010']));
    expect(sent).toEqual([['sh010', 'sh020'], ['sh010']]);
  });
});
