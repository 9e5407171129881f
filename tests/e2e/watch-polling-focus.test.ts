/**
 * A polled watch in the app polls the root and the folders open in the results tree, and says so: a frame in
 * an open folder shows, one in a closed folder waits (the reconcile is an hour here, so it cannot show), and
 * opening that folder reads it at once and polls it from then on.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/trees';
import { startHarness, type Harness } from './harness';
import { eventually, expectNoPageErrors, scanAndOpenResults } from './ui';

describe('a polled watch in the app', () => {
  let h: Harness;
  let dir: string;

  beforeAll(async () => {
    dir = makeTempDir('e2e-watch-focus');
    h = await startHarness({
      config: {
        jobs: {
          watch: {
            force_polling: true,
            poll_interval_ms: 100,
            reconcile_interval_ms: 3_600_000,
            update_interval_ms: 50,
          },
        },
      },
    });
  });
  afterAll(async () => {
    await h?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('polls the open folders, says so, and takes on a folder as it opens', async () => {
    const root = join(dir, 'SH030_POLLED');
    const beautyDir = join(root, 'renders', 'beauty');
    const bgDir = join(root, 'plates', 'bg');
    const frame = (folder: string, name: string, n: number): void =>
      writeFileSync(join(folder, `${name}.${n}.exr`), Buffer.alloc(1_000, 0x61));
    for (const folder of [beautyDir, bgDir]) mkdirSync(folder, { recursive: true });
    for (const n of [1001, 1002]) {
      frame(beautyDir, 'beauty', n);
      frame(bgDir, 'bg', n);
    }

    const results = await scanAndOpenResults(h.page, root);
    const tree = results.getByRole('tree', { name: 'Folder tree' });
    const totals = results.getByTestId('totals');
    const folder = (name: string) => tree.getByTestId('tree-row').filter({ hasText: new RegExp(`^${name}`) });
    const sequence = (pattern: string) => tree.getByTestId('sequence-row').filter({ hasText: pattern });
    await folder('renders').click();
    await folder('beauty').click();
    await sequence('beauty.####.exr').waitFor();

    const watch = results.getByRole('region', { name: 'Watch' });
    await watch.getByRole('button', { name: 'Watch' }).click();
    const status = watch.getByTestId('watch-status');
    await eventually(
      () => status.textContent(),
      (text) =>
        text ===
        'Live: polling the root and 2 open folders every 0.1s (WRANGLE_WATCH_POLL); the other 2 are re-read every 1h 0m.',
    );

    // The closed folder's frame lands first; only the open folder's shows.
    frame(bgDir, 'bg', 1003);
    frame(beautyDir, 'beauty', 1003);
    await eventually(
      () => sequence('beauty.####.exr').getByTestId('seq-count').textContent(),
      (text) => text === '3 frames',
    );
    expect(await totals.textContent()).toContain('5 files');

    // Opening plates and bg: they are polled from now on, and bg is read at once.
    await folder('plates').click();
    await folder('bg').click();
    await eventually(
      () => sequence('bg.####.exr').getByTestId('seq-count').textContent(),
      (text) => text === '3 frames',
    );
    expect(await status.textContent()).toBe(
      'Live: polling the root and 4 open folders every 0.1s (WRANGLE_WATCH_POLL).',
    );
    expect(await totals.textContent()).toContain('6 files');
    frame(bgDir, 'bg', 1004);
    await eventually(
      () => sequence('bg.####.exr').getByTestId('seq-count').textContent(),
      (text) => text === '4 frames',
    );
    expectNoPageErrors(h.pageErrors);
  });
});
