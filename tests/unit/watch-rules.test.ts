/** The watch's pure rules: the inotify budget, network filesystems, names in flight, and folding updates. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WatchUpdate } from '../../src-shared/watch-shapes';
import { WatchView } from '../../src-shared/watch-view';
import { isInFlightName } from '../../src-workers/watch/in-flight-names';
import { networkFilesystem } from '../../src-workers/watch/network-filesystems';
import { readMaxUserWatches, watchBudget } from '../../src-workers/watch/watch-budget';

describe('the inotify budget', () => {
  it('takes half of the limit, lowered by a setting, never raised by one', () => {
    expect(watchBudget(192_536, 0)).toBe(96_268);
    expect(watchBudget(192_536, 500)).toBe(500);
    expect(watchBudget(8_192, 1_000_000)).toBe(4_096);
    expect(watchBudget(null, 0)).toBe(8_192);
  });

  it('reads the limit from its /proc file, and null from a file that is not a number or missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wrangle-budget-'));
    try {
      writeFileSync(join(dir, 'limit'), '65536\n');
      writeFileSync(join(dir, 'junk'), 'lots\n');
      // Awaited before the finally removes the folder: the reads are asynchronous.
      expect(await readMaxUserWatches(join(dir, 'limit'))).toBe(65_536);
      expect(await readMaxUserWatches(join(dir, 'junk'))).toBeNull();
      expect(await readMaxUserWatches(join(dir, 'missing'))).toBeNull();
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});

describe('network filesystems', () => {
  it.each([
    [0x6969, 'nfs'],
    [0xff534d42, 'cifs'],
    [0xfe534d42, 'smb2'],
    [0x65735546, 'fuse'],
    [0xef53, null], // ext4
    [0x58465342, null], // xfs
    [0x01021994, null], // tmpfs
  ])('statfs type %i is %s', (type, name) => {
    expect(networkFilesystem(type)).toBe(name);
  });
});

describe('names still being written', () => {
  it.each([
    '.frame.1001.exr.tmp',
    'frame.1001.exr.partial',
    'frame.1001.exr~',
    'frame.1001.EXR.PART',
    '.beauty.1001.exr.wrangle-part-0a1b2c3d-42-123-1',
  ])('%s never forms a sequence', (name) => {
    expect(isInFlightName(name)).toBe(true);
  });

  it.each(['frame.1001.exr', 'beauty_v002.1001.dpx', 'plate.0001.tif'])('%s is a frame', (name) => {
    expect(isInFlightName(name)).toBe(false);
  });
});

describe('WatchView', () => {
  const coverage = {
    mode: 'events' as const,
    poll_reason: null,
    poll_interval_ms: 3000,
    folders_watched: 1,
    folders_found: 1,
    budget: 10,
    system_limit: 20,
  };
  const sequence = (count: number, pattern = 'a.####.exr') => ({
    sequence: {
      dir: 'sh010',
      pattern,
      padding: 4,
      first: 1,
      last: count,
      count,
      frames: `1-${count}`,
      missing: '',
      zero_byte: [],
      suspect_small: [],
      total_size: count,
    },
    landed_at: null,
  });
  const update = (patch: Partial<WatchUpdate>): WatchUpdate => ({
    root: '/r',
    initial: false,
    coverage,
    file_count: 0,
    total_size: 0,
    sequence_count: 0,
    changed: [],
    removed: [],
    folders: [],
    folders_removed: [],
    emitted_at: 0,
    ...patch,
  });

  it('folds changes and removals into the whole state, which an initial update replaces', () => {
    const view = new WatchView();
    expect(view.whole()).toBeUndefined();
    view.apply(
      update({
        initial: true,
        changed: [sequence(2)],
        folders: [{ dir: 'sh010', file_count: 2, total_size: 2 }],
      }),
    );
    view.apply(update({ changed: [sequence(3), sequence(2, 'b.####.exr')] }));
    view.apply(update({ removed: [{ dir: 'sh010', pattern: 'b.####.exr' }] }));
    const whole = view.whole();
    expect(whole?.initial).toBe(true);
    expect(whole?.changed.map((c) => [c.sequence.pattern, c.sequence.count])).toEqual([['a.####.exr', 3]]);
    expect(whole?.folders).toEqual([{ dir: 'sh010', file_count: 2, total_size: 2 }]);
    view.apply(update({ initial: true }));
    expect(view.sequenceCount).toBe(0);
  });
});
