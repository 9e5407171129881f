/**
 * Polish (issue 14, item 6): titled pickers for "Copy or move…"; a dropped file is offered a copy or move
 * (and copied, verified) instead of a refusal; drop alerts clear the results title and leave on their own;
 * toasts never cover an open dialog's buttons; a long failure is one line, with the whole message under Details.
 */
import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRoot, mountTmpfs, type Mount } from '../helpers/mounts';
import { makeTempDir } from '../helpers/trees';
import { axeViolations } from './axe';
import { dropFolders } from './drop';
import { startHarness, type Harness } from './harness';
import { buttonsOver, textBox } from './reach';
import { copyModal, openCopyOptions } from './transfer-ui';
import { expectNoPageErrors, scanAndOpenResults, waitForStatus } from './ui';

const SIZE = String.raw`[\d.]+ (?:B|KB|MB|GB)`;

/** Wait until no finite animation runs (a toast sliding in, a dialog fading in): boxes are then final. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.effect?.getTiming().iterations === Infinity || a.playState !== 'running'),
  );
}

/** A locator's box, as the page draws it. */
async function boxOf(
  locator: Locator,
): Promise<{ left: number; top: number; right: number; bottom: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not visible');
  return { left: box.x, top: box.y, right: box.x + box.width, bottom: box.y + box.height };
}

describe('polish', () => {
  let h: Harness;
  let dir: string;
  let show: string;
  let small: Mount | null = null;

  beforeAll(async () => {
    dir = makeTempDir('e2e-polish');
    show = join(dir, 'SHOW');
    mkdirSync(join(show, 'sh010'), { recursive: true });
    writeFileSync(join(show, 'sh010', 'plate.mov'), Buffer.alloc(6_000_000, 3));
    // Paced, so a copy is still running when the next dialog opens.
    h = await startHarness({ config: { jobs: { transfer: { max_bytes_per_second: 3_000_000 } } } });
  });
  afterAll(async () => {
    await h?.dispose();
    small?.unmount();
    rmSync(dir, { recursive: true, force: true });
  });

  it('"Copy or move…" asks for the sources, then the destination, each picker titled', async () => {
    const { page, bridge } = h;
    const clip = join(dir, 'clip.mov');
    writeFileSync(clip, 'clip');
    bridge.chosenSources = [clip, show];
    bridge.chosenFolder = join(dir, 'DEST_PICKED');
    await page.getByRole('button', { name: 'Copy or move…' }).click();
    const options = page.getByRole('dialog', { name: 'Copy options' });
    await options.waitFor();
    expect(bridge.pickers).toEqual([
      {
        purpose: 'sources',
        title: 'Choose what to copy or move',
        buttonLabel: 'Choose sources',
        properties: ['openFile', 'openDirectory', 'multiSelections'],
      },
      {
        purpose: 'destination',
        title: 'Choose the destination folder',
        buttonLabel: 'Choose destination',
        properties: ['openDirectory', 'createDirectory'],
      },
    ]);
    // Both sources made it into the dialog.
    expect(await options.textContent()).toContain('2 items');
    await options.getByRole('button', { name: 'Cancel' }).click();
    await options.waitFor({ state: 'detached' });
    bridge.chosenSources = null;
  });

  it('offers a dropped file a copy, copies and verifies it; the alert clears the title and leaves on its own', async () => {
    const { page } = h;
    const results = await scanAndOpenResults(page, show);
    const jobs = page.getByRole('list', { name: 'Jobs' }).getByRole('listitem');
    const jobsBefore = await jobs.count();
    const file = join(dir, 'plate.mov');
    writeFileSync(file, Buffer.alloc(300_000, 7));
    await dropFolders(page, [file]);
    const alert = page.getByTestId('alert').filter({ hasText: 'plate.mov' });
    await alert.waitFor();
    // A file is not scanned as a folder: no scan job, an offer instead of the refusal.
    expect(await alert.getByRole('alert').textContent()).toBe(
      'plate.mov is a file: only folders are scanned. Copy or move it?',
    );
    expect(await jobs.count()).toBe(jobsBefore);
    await settled(page);
    const title = await textBox(results.getByRole('heading', { level: 2 }));
    const box = await boxOf(alert);
    const meets =
      box.left < title.right && box.right > title.left && box.top < title.bottom && box.bottom > title.top;
    expect(meets).toBe(false);
    // Nor over a toast (the scan's, if it is still up).
    for (const toast of await page.getByTestId('toast').all()) {
      const other = await boxOf(toast);
      expect(
        box.bottom <= other.top ||
          box.top >= other.bottom ||
          box.right <= other.left ||
          box.left >= other.right,
      ).toBe(true);
    }
    await h.screenshot('dropped-file-offer');
    expect(await axeViolations(page)).toEqual([]);

    const destination = join(dir, 'DEST_FILE');
    h.bridge.chosenFolder = destination;
    await alert.getByRole('button', { name: 'Copy to…' }).click();
    expect(h.bridge.pickers.at(-1)?.purpose).toBe('destination');
    const options = page.getByRole('dialog', { name: 'Copy options' });
    await options.getByRole('checkbox', { name: 'Verify copies (read back from storage)' }).check();
    await options.getByRole('button', { name: 'Start' }).click();
    const modal = copyModal(page, 'plate.mov');
    await waitForStatus(modal, 'Completed');
    expect(readFileSync(join(destination, 'plate.mov')).equals(readFileSync(file))).toBe(true);
    expect(await modal.getByTestId('report-verified').textContent()).toContain('1');
    await modal.getByRole('button', { name: 'Close' }).click();

    // Another drop: its alert can be dismissed; a third one leaves by itself (waited for, not timed).
    await dropFolders(page, [file]);
    await alert.waitFor();
    await alert.getByRole('button', { name: 'Dismiss alert' }).click();
    await alert.waitFor({ state: 'detached' });
    await page.mouse.move(640, 10);
    await dropFolders(page, [file]);
    await alert.waitFor();
    await alert.waitFor({ state: 'detached', timeout: 30_000 });
    expectNoPageErrors(h.pageErrors);
  }, 90_000);

  it("keeps toasts off an open dialog's buttons: a copy finishes while the next copy's dialog is open", async () => {
    const { page } = h;
    // A window short enough that the options dialog reaches down to where the toasts are.
    await page.setViewportSize({ width: 1100, height: 620 });
    await page
      .getByRole('list', { name: 'Jobs' })
      .getByRole('button', { name: /^SHOW — completed, / })
      .click();
    const first = await openCopyOptions(h, join(dir, 'DEST_A'));
    await first.getByRole('button', { name: 'Start' }).click();
    const modal = copyModal(page, 'SHOW');
    await waitForStatus(modal, /Copying…|Verifying…/);
    await modal.getByRole('button', { name: 'Run in background' }).click();
    const second = await openCopyOptions(h, join(dir, 'DEST_B'));
    const toast = page.getByTestId('toast').filter({ hasText: 'Copy of SHOW to DEST_A completed' });
    await toast.waitFor({ timeout: 30_000 });
    // The dialog scrolls inside the window: its foot (Cancel, Start) shown, as a user scrolls to press Start.
    await second.getByRole('button', { name: 'Start' }).scrollIntoViewIfNeeded();
    await settled(page);
    const toasts = await page.getByTestId('toast').all();
    expect(toasts.length).toBeGreaterThan(0);
    for (const each of toasts) expect(await buttonsOver(second, await boxOf(each))).toEqual([]);
    const start = await boxOf(second.getByRole('button', { name: 'Start' }));
    expect(start.bottom).toBeLessThanOrEqual(620);
    await h.screenshot('toast-beside-dialog');
    await second.getByRole('button', { name: 'Cancel' }).click();
    await page.setViewportSize({ width: 1280, height: 800 });
  }, 60_000);

  it('says a full destination in one line, with the whole message under Details', async (context) => {
    if (!isRoot) context.skip();
    const { page, bridge } = h;
    small = mountTmpfs(join(dir, 'small'), 'size=4m');
    const big = join(dir, 'BIG');
    mkdirSync(big);
    writeFileSync(join(big, 'take.mov'), Buffer.alloc(8_000_000, 9));
    bridge.chosenSources = [big];
    bridge.chosenFolder = small.dir;
    await page.getByRole('button', { name: 'Copy or move…' }).click();
    const options = page.getByRole('dialog', { name: 'Copy options' });
    await options.getByRole('button', { name: 'Start' }).click();
    const toast = page.getByTestId('toast').filter({ hasText: 'Copy of BIG failed' });
    await toast.waitFor({ timeout: 30_000 });
    const text = toast.locator('.toast-text');
    expect(await text.textContent()).toMatch(
      new RegExp(`^Copy of BIG failed: Not enough space on small: needs ${SIZE}, ${SIZE} free$`),
    );
    // One line: the text's boxes all sit on one line, and it is cut with an ellipsis rather than wrapped.
    const lines = await text.evaluate((element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
    });
    expect(lines).toBe(1);
    const style = await text.evaluate((element) => {
      const css = getComputedStyle(element);
      return [css.whiteSpace, css.textOverflow];
    });
    expect(style).toEqual(['nowrap', 'ellipsis']);
    const details = toast.getByRole('button', { name: 'Details' });
    expect(await details.getAttribute('aria-expanded')).toBe('false');
    await details.click();
    expect(await details.getAttribute('aria-expanded')).toBe('true');
    const full = toast.locator('.toast-details');
    expect(await full.isVisible()).toBe(true);
    const message = (await full.textContent()) ?? '';
    expect(message).toMatch(
      new RegExp(`^Not enough space on ${small.dir}: this copy needs about ${SIZE} and`),
    );
    expect(message).toContain('nothing was written');
    // Sizes are formatted: no raw byte counts.
    expect(message).not.toMatch(/\d{4,} bytes/);
    // The copy's modal says it in full too, sizes formatted.
    const status = copyModal(page, 'BIG').getByRole('status');
    expect(await status.textContent()).toMatch(/^Failed: Not enough space on /);
    expect(await status.textContent()).not.toMatch(/\d{4,} bytes/);
    await settled(page);
    await h.screenshot('toast-details', toast);
    expect(await axeViolations(page)).toEqual([]);
    bridge.chosenSources = null;
  }, 60_000);
});
