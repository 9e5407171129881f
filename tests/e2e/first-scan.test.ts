/**
 * A first scan (no history of its folder) starts with an indeterminate bar over the counts found so far, takes a
 * percentage once its estimate can be trusted and never gives it back; a rescan has its percentage at once.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESTIMATING_TEXT } from '../../src-renderer/src/scan/scan-labels';
import { makeTempDir, makeWideTree } from '../helpers/trees';
import { percentRank } from '../helpers/percentages';
import { dropFolders } from './drop';
import { startHarness, type Harness } from './harness';
import { docScreenshot, dismissToasts } from './offload-ui';
import { eventually, expectNoPageErrors, modalOf, sampleModal, waitForStatus, type ModalSample } from './ui';

describe('a first scan’s progress', () => {
  let h: Harness;
  let dir: string;

  beforeAll(async () => {
    dir = makeTempDir('e2e-first-scan');
    // 40 folders a second: the estimate needs 50 folders and two steady seconds, so the start stays
    // indeterminate for over two seconds however fast the machine; 400 folders take about ten.
    h = await startHarness({ config: { jobs: { scan: { max_dirs_per_second: 40 } } } });
  });
  afterAll(async () => {
    await h?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows an indeterminate bar with the counts found so far, then a percentage that only rises', async () => {
    const root = join(dir, 'SHOW_FIRST');
    makeWideTree(root, 200, 6, 40_000);
    const { page } = h;
    await dropFolders(page, [root]);
    const modal = modalOf(page, root);
    await modal.waitFor();

    // Files found, and still no percentage: the bar is indeterminate, with nothing beside it.
    const start = await eventually(
      () => sampleModal(modal),
      (s) => s.files > 0 && s.dirs > 0 && s.bytes > 0,
    );
    expect(start.percent).toBeNull();
    expect(start.percentText).toBe('');
    const bar = modal.getByRole('progressbar', { name: 'Scan progress' });
    expect(await bar.getAttribute('aria-valuenow')).toBeNull();
    expect(await bar.getAttribute('aria-valuetext')).toMatch(/^Counting, [\d,]+ files found$/);
    expect(await bar.getAttribute('class')).toContain('progress-counting');
    expect(await modal.getByTestId('scan-phase').textContent()).toContain(ESTIMATING_TEXT);
    expect(await modal.getByText('Files found').count()).toBe(1);
    // The job row: an indeterminate bar, the counts, and no percentage in its name.
    const row = page.getByRole('list', { name: 'Jobs' }).getByRole('button', { name: /SHOW_FIRST/ });
    // Its name goes on with what the row shows (issue 14): the counts found so far, still no percentage.
    expect(await row.getAttribute('aria-label')).toMatch(
      /^SHOW_FIRST — running, [\d,]+ files?, [\d.]+ \w?B found$/,
    );
    expect(await row.locator('.job-bar').getAttribute('class')).toContain('indeterminate');
    expect(await row.locator('.job-meta').textContent()).toMatch(/^[\d,]+ files? · [\d.]+ \w?B found$/);
    await dismissToasts(page);
    const shot = await docScreenshot(h, 'first-scan-indeterminate');
    // The picture shows what was checked: still indeterminate after it was taken.
    expect((await sampleModal(modal)).percent).toBeNull();
    console.info(`screenshot: ${shot}`);

    const samples: ModalSample[] = [start];
    for (;;) {
      const sample = await sampleModal(modal);
      if (sample.status !== 'Scanning…') break;
      samples.push(sample);
      await page.waitForTimeout(200);
    }
    // Indeterminate first, then percentages that only rise and stay below 100; never indeterminate again.
    const ranks = samples.map((s) => percentRank(s.percent));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const known = samples.filter((s) => s.percent !== null);
    expect(known.length).toBeGreaterThan(0);
    expect(Math.max(...ranks)).toBeLessThan(100);
    for (const s of known) expect(s.percentText).toBe(`${s.percent}%`);
    // Counters only grow meanwhile.
    for (let i = 1; i < samples.length; i++)
      expect(samples[i]!.files).toBeGreaterThanOrEqual(samples[i - 1]!.files);

    await waitForStatus(modal, 'Completed');
    const done = await sampleModal(modal);
    expect(done.percent).toBe(100);
    expect(done.percentText).toBe('100%');
    await page.keyboard.press('Escape');
    await modal.waitFor({ state: 'detached' });
    expectNoPageErrors(h.pageErrors);
  });

  it('gives a rescan its percentage from the previous scan at once', async () => {
    const root = join(dir, 'SHOW_FIRST');
    const { page } = h;
    await dropFolders(page, [root]);
    const modal = modalOf(page, root);
    await modal.waitFor();
    const first = await eventually(
      () => sampleModal(modal),
      (s) => s.files > 0,
    );
    expect(first.percent).not.toBeNull();
    expect(await modal.getByTestId('scan-phase').textContent()).toContain('estimated from the previous scan');
    await waitForStatus(modal, 'Completed');
    await page.keyboard.press('Escape');
    await modal.waitFor({ state: 'detached' });
    expectNoPageErrors(h.pageErrors);
  });
});
