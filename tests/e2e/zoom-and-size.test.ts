/**
 * The app at 200% zoom and in its smallest window (900×600): every button can be seen whole (in the window,
 * or by scrolling the region it is in), the window never scrolls sideways, and axe finds nothing.
 *
 * 200% zoom is emulated as the CSS viewport it gives: Chromium (and so Electron) zooms by shrinking the CSS
 * viewport, so the default 1200×800 window at 200% lays out exactly as a 600×400 viewport does (the device
 * pixel ratio only sharpens the pixels; layout, wrapping and scrolling are the same). `page.setViewportSize`
 * sets that viewport on the running page; `document.body.style.zoom` would not be the same (it keeps the
 * viewport and scales the body, which is not what a zoomed window does to fixed overlays).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/trees';
import { axeViolations } from './axe';
import { dropFolders } from './drop';
import { startHarness, type Harness } from './harness';
import { buttonsOver, horizontalOverflow, textBox, unreachableButtons } from './reach';
import { openCopyOptions } from './transfer-ui';
import { modalOf, waitForStatus } from './ui';

/** The two windows: the default window at 200% zoom, and the smallest window at 100%. */
const SIZES = [
  { name: 'zoom-200', width: 600, height: 400 },
  { name: 'size-900x600', width: 900, height: 600 },
  { name: 'zoom-200-smallest', width: 450, height: 300 },
] as const;

describe.each(SIZES)('the app at $name ($width×$height CSS px)', ({ name, width, height }) => {
  let h: Harness;
  let dir: string;
  let show: string;

  beforeAll(async () => {
    dir = makeTempDir(`e2e-${name}`);
    show = join(dir, 'SHOW_WITH_A_LONG_NAME_FOR_THE_HEADER');
    for (const shot of ['sh010', 'sh020', 'sh030']) {
      mkdirSync(join(show, shot, 'renders'), { recursive: true });
      for (const frame of [1001, 1002, 1004])
        writeFileSync(join(show, shot, 'renders', `beauty.${frame}.exr`), Buffer.alloc(4_000, 1));
    }
    writeFileSync(join(show, 'plate.mov'), Buffer.alloc(60_000, 2));
    h = await startHarness();
    await h.page.setViewportSize({ width, height });
  });
  afterAll(async () => {
    await h?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /** No sideways scroll, every button reachable, no axe violation. */
  async function expectUsable(): Promise<void> {
    expect(await horizontalOverflow(h.page)).toBe(0);
    expect(await unreachableButtons(h.page.locator('body'))).toEqual([]);
    expect(await axeViolations(h.page)).toEqual([]);
  }

  it('the empty state', async () => {
    await h.page.getByRole('button', { name: 'Choose folder…' }).waitFor();
    await expectUsable();
  });

  it('the scan modal, then the results', async () => {
    const { page } = h;
    await dropFolders(page, [show]);
    const modal = modalOf(page, show);
    await waitForStatus(modal, 'Completed');
    await expectUsable();
    await modal.getByRole('button', { name: 'View results' }).click();
    await modal.waitFor({ state: 'detached' });
    await page.getByRole('region', { name: 'Results' }).waitFor();
    await page.getByRole('treeitem').first().waitFor();
    // The toast of the finished scan goes first: the screenshot shows the results themselves.
    for (const close of await page.getByRole('button', { name: 'Dismiss notification' }).all())
      await close.click();
    await expectUsable();
    // The long folder name wraps: no action button is drawn over the title's text.
    const results = page.getByRole('region', { name: 'Results' });
    await results.evaluate((region) => region.scrollIntoView());
    expect(await buttonsOver(results, await textBox(results.getByRole('heading', { level: 2 })))).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('.main-area').evaluate((main) => main.scrollTo(0, 0));
    await h.screenshot(`${name}-results`);
    // Further down: the folder tree, its columns narrowed to fit.
    await page.getByRole('tree', { name: 'Folder tree' }).scrollIntoViewIfNeeded();
    await h.screenshot(`${name}-results-tree`);
  });

  it('the transfer dialog', async () => {
    const options = await openCopyOptions(h, join(dir, 'DEST'));
    await options.getByText(/free/).first().waitFor();
    await expectUsable();
    await h.screenshot(`${name}-transfer-dialog`);
    await options.getByRole('button', { name: 'Cancel' }).click();
    await options.waitFor({ state: 'detached' });
  });
});
