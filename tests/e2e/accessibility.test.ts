/**
 * axe-core (WCAG 2 A/AA and best practice) finds no violation on the app's main views, with real jobs behind
 * them: the empty state, the scan modal, the results (tree, treemap zoomed into a folder, and problems), the transfer dialog and modal, the
 * transfer's report, the jobs panel (on every view) and About. A deliberately broken page must fail, so the
 * check can fail.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/trees';
import { axeViolations } from './axe';
import { startHarness, type Harness } from './harness';
import { copyModal, openCopyOptions } from './transfer-ui';
import { modalOf, scanAndOpenResults, waitForStatus } from './ui';

describe('accessibility (axe-core)', () => {
  let h: Harness;
  let dir: string;
  let show: string;

  beforeAll(async () => {
    dir = makeTempDir('e2e-axe');
    show = join(dir, 'SHOW');
    for (const shot of ['sh010', 'sh020']) {
      mkdirSync(join(show, shot, 'renders'), { recursive: true });
      // A gap, so the Problems view has a row.
      for (const frame of [1001, 1002, 1004])
        writeFileSync(join(show, shot, 'renders', `beauty.${frame}.exr`), Buffer.alloc(4_000, 1));
    }
    writeFileSync(join(show, 'plate.mov'), Buffer.alloc(6_000_000, 2));
    // Paced, so the scan and the copy are seen running.
    h = await startHarness({
      config: { jobs: { scan: { max_dirs_per_second: 4 }, transfer: { max_bytes_per_second: 3_000_000 } } },
    });
  });
  afterAll(async () => {
    await h?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes on the empty state', async () => {
    expect(await axeViolations(h.page)).toEqual([]);
  });

  it('passes on a running scan modal, then on the results with the tree and problems', async () => {
    const { page } = h;
    const results = scanAndOpenResults(page, show);
    const modal = modalOf(page, show);
    await waitForStatus(modal, 'Scanning…');
    expect(await axeViolations(page)).toEqual([]);
    const region = await results;
    await page.getByTestId('problem-row').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // The treemap beside the tree, zoomed into a folder from the keyboard: breadcrumb, canvas and legend.
    await region
      .getByTestId('tree-row')
      .filter({ hasText: /^sh010/ })
      .click();
    await region.getByRole('img', { name: /^Treemap of SHOW/ }).focus();
    await page.keyboard.press('Enter');
    await region.getByRole('img', { name: /^Treemap of sh010/ }).waitFor();
    await region
      .getByRole('navigation', { name: 'Treemap folder' })
      .getByRole('button', { name: 'sh010' })
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('passes on the transfer dialog, the running copy, its report and About', async () => {
    const { page } = h;
    const options = await openCopyOptions(h, join(dir, 'dest'));
    expect(await axeViolations(page)).toEqual([]);
    await options.getByRole('button', { name: 'Start' }).click();
    const modal = copyModal(page, 'SHOW');
    await waitForStatus(modal, 'Copying…');
    expect(await axeViolations(page)).toEqual([]);
    await waitForStatus(modal, /Completed/);
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await modal.waitFor({ state: 'hidden' });
    await h.bridge.emit('onMenuCommand', 'about');
    await page.getByRole('dialog', { name: 'About Wrangle' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
  });

  it('fails on a deliberately broken page: an unnamed button, an image without alt', async () => {
    await h.page.evaluate(() => {
      const broken = document.createElement('div');
      broken.innerHTML = '<button></button><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">';
      document.body.append(broken);
    });
    const found = (await axeViolations(h.page)).map((line) => line.split(' ')[0]);
    expect(found).toEqual(expect.arrayContaining(['button-name', 'image-alt']));
  });
});
