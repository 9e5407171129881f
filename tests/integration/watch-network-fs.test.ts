/**
 * `wrangle watch` on a FUSE filesystem (bindfs over a temp folder): found by statfs, so it polls instead of
 * waiting for inotify events that other hosts' writes never raise, says so, and still sees frames land in the
 * folders it polls (the root and those with sequences; the rest wait for the reconcile).
 * Needs root and bindfs (.ci/run installs it); skipped, saying why, without them.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/engine';
import { isMountPoint, isRoot } from '../helpers/mounts';
import { runWatch, sequenceOf, type WatchRun } from '../helpers/watch-cli';

const haveBindfs = spawnSync('bindfs', ['--version']).status === 0;
const why = !isRoot ? 'needs root to mount' : !haveBindfs ? 'needs bindfs (apt-get install bindfs)' : '';

describe.skipIf(why !== '')(`wrangle watch on a FUSE mount${why ? ` (skipped: ${why})` : ''}`, () => {
  let source: { path: string; cleanup: () => Promise<void> };
  let mount: { path: string; cleanup: () => Promise<void> };
  let data: { path: string; cleanup: () => Promise<void> };
  let watch: WatchRun | undefined;

  beforeAll(async () => {
    [source, mount, data] = await Promise.all([
      tempDir('fuse-src'),
      tempDir('fuse-mnt'),
      tempDir('fuse-data'),
    ]);
    mkdirSync(join(source.path, 'sh010'));
    for (const n of [1001, 1002]) writeFileSync(join(source.path, 'sh010', `beauty.${n}.exr`), 'frame');
    mkdirSync(join(source.path, 'plates'));
    const mounted = spawnSync('bindfs', [source.path, mount.path], { encoding: 'utf8' });
    if (mounted.status !== 0) throw new Error(`bindfs failed: ${mounted.stderr}`);
  });

  afterAll(async () => {
    if (watch && watch.child.exitCode === null) await watch.interrupt();
    if (isMountPoint(mount.path)) spawnSync('umount', [mount.path]);
    await Promise.all([source.cleanup(), mount.cleanup(), data.cleanup()]);
  });

  it('polls the folders with sequences, says why, and sees a frame land there but not elsewhere', async () => {
    // An hour's reconcile: a frame in a folder not polled cannot show during this test.
    watch = runWatch(mount.path, {
      WRANGLE_DATA_DIR: data.path,
      WRANGLE_WATCH_POLL_INTERVAL_MS: '200',
      WRANGLE_WATCH_RECONCILE_MS: '3600000',
    });
    const ready = await watch.waitForLine((line) => line.event === 'ready');
    expect(ready.watched).toMatchObject({ mode: 'polling', poll_reason: 'fuse', poll_interval_ms: 200 });
    const from = watch.lines.length;
    // plates holds no sequence, so it is not polled: its frames wait for the reconcile.
    for (const n of [1001, 1002]) writeFileSync(join(mount.path, 'plates', `plate.${n}.exr`), 'frame');
    writeFileSync(join(mount.path, 'sh010', 'beauty.1003.exr'), 'frame');
    const line = await watch.waitForLine((l) => sequenceOf(l, 'beauty.####.exr')?.count === 3, from);
    expect(line.sequence).toMatchObject({ dir: 'sh010', frames: '1001-1003' });
    expect(watch.lines.some((l) => sequenceOf(l, 'plate.####.exr') !== undefined)).toBe(false);
  });
});
