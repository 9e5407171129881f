/** The results' Watch toggle: off by default; on, a frame landing updates its sequence row by itself. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/trees';
import { startHarness, type Harness } from './harness';
import { docScreenshot } from './offload-ui';
import { eventually, expectNoPageErrors, scanAndOpenResults } from './ui';

describe('watching a scanned folder', () => {
  let h: Harness;
  let dir: string;

  beforeAll(async () => {
    dir = makeTempDir('e2e-watch');
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the sequences live while on, and stops the watch when turned off', async () => {
    const root = join(dir, 'SH010_RENDER');
    const beauty = join(root, 'renders', 'beauty');
    mkdirSync(beauty, { recursive: true });
    const frame = (n: number): void =>
      writeFileSync(join(beauty, `beauty.${n}.exr`), Buffer.alloc(8000, 0x61));
    for (const n of [1001, 1002, 1003, 1005]) frame(n);

    const { page } = h;
    const results = await scanAndOpenResults(page, root);
    const watch = results.getByRole('region', { name: 'Watch' });
    const toggle = watch.getByRole('button', { name: 'Watch' });
    const status = watch.getByTestId('watch-status');
    // Off by default: no watch job runs until asked.
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await status.textContent()).toBe('Off: these are the results as scanned.');
    expect(h.engine.manager.listJobs().filter((job) => job.kind === 'watch')).toEqual([]);

    await toggle.click();
    await eventually(
      () => status.textContent(),
      (text) => text?.startsWith('Live: watching 3 of 3 folders with inotify (budget ') ?? false,
    );
    const row = watch.getByTestId('live-sequence-row').filter({ hasText: 'beauty.####.exr' });
    await row.waitFor();
    expect(await row.textContent()).toContain('1 missing: 1004');
    expect(await row.textContent()).toContain('no frame landed yet');
    expect(await watch.getByTestId('watch-totals').textContent()).toContain('1 with problems');
    await docScreenshot(h, 'watch-before-frame', watch);
    // The watch is shown here, not as a job of its own in the jobs panel.
    expect(await page.locator('.jobs-panel .panel-count').textContent()).toBe('1');

    // A frame lands: the row updates by itself, the gap gone and the landing time shown.
    frame(1004);
    await eventually(
      () => row.textContent(),
      (text) =>
        (text?.includes('5 frames') && !text.includes('missing') && text.includes('last frame')) ?? false,
    );
    expect(await watch.getByTestId('watch-totals').textContent()).toContain('0 with problems');
    await docScreenshot(h, 'watch-frame-landed', watch);

    // Off: the watch job is cancelled, and the panel says so.
    await toggle.click();
    await eventually(
      () => Promise.resolve(h.engine.manager.listJobs().find((job) => job.kind === 'watch')?.state),
      (state) => state === 'cancelled',
    );
    expect(await status.textContent()).toBe('Off: these are the results as scanned.');
    expect(await watch.getByTestId('live-sequence-row').count()).toBe(0);
    expectNoPageErrors(h.pageErrors);
  });
});
