/**
 * The keyboard shortcuts, against a real scan and a real copy: Ctrl+O asks for a folder and scans it, Ctrl+F
 * finds a file deep in folders never opened, type-ahead jumps between rows, Space pauses and resumes the open
 * copy, Delete forgets a finished job (never a running one, never the user's files), Esc closes, and `?` opens
 * the sheet listing every shortcut of the table.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright';
import { SHORTCUTS } from '../../src-renderer/src/keyboard/shortcuts';
import { makeTempDir } from '../helpers/trees';
import { axeViolations } from './axe';
import { startHarness, type Harness } from './harness';
import { copyModal, openCopyOptions } from './transfer-ui';
import { eventually, expectNoPageErrors, modalOf, scanAndOpenResults, waitForStatus } from './ui';

/** A 60 MB file at 15 MB/s: about 4 s to copy, time enough to pause it with a key. */
const FILE_BYTES = 60_000_000;
const LIMIT_BYTES_PER_SECOND = 15_000_000;

/** SHOW: alpha (3 KB) > beta (2 KB) > bravo (1.5 KB) > deep (a/b/c/d/deep_target.txt, 10 bytes). */
function buildShow(root: string): void {
  const file = (path: string, size: number): void => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), Buffer.alloc(size, 0x41));
  };
  file('alpha/one.txt', 3000);
  file('beta/two.txt', 2000);
  file('bravo/three.txt', 1500);
  file('deep/a/b/c/d/deep_target.txt', 10);
}

/** The name shown in the tree's selected row. */
async function selectedName(page: Page): Promise<string> {
  const tree = page.getByRole('tree', { name: 'Folder tree' });
  const id = await tree.getAttribute('aria-activedescendant');
  return (await page.locator(`[id="${id}"] .tree-label`).textContent()) ?? '';
}

/** The job rows of the panel, by their accessible names. */
function jobRow(page: Page, name: string | RegExp): Locator {
  return page.getByRole('list', { name: 'Jobs' }).getByRole('button', { name });
}

describe('keyboard shortcuts', () => {
  let h: Harness;
  let dir: string;

  beforeAll(async () => {
    dir = makeTempDir('e2e-shortcuts');
    h = await startHarness({
      config: { jobs: { transfer: { max_bytes_per_second: LIMIT_BYTES_PER_SECOND } } },
    });
  });
  afterAll(async () => {
    await h?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Ctrl+O asks for a folder and scans it; Esc closes the finished modal', async () => {
    const show = join(dir, 'SHOW');
    buildShow(show);
    const { page } = h;
    h.bridge.chosenFolder = show;
    const before = h.bridge.calls('dialog:choose-paths');
    // The app listens once it has rendered.
    await page.getByRole('button', { name: 'Choose folder…' }).waitFor();
    await page.keyboard.press('Control+O');
    const modal = modalOf(page, show);
    await waitForStatus(modal, 'Completed');
    expect(h.bridge.calls('dialog:choose-paths')).toBe(before + 1);
    // With a modifier, the letter is not the shortcut: nothing more is asked.
    await page.keyboard.press('Escape');
    await modal.waitFor({ state: 'detached' });
    await page.keyboard.press('o');
    await page.keyboard.press('Alt+o');
    expect(h.bridge.calls('dialog:choose-paths')).toBe(before + 1);
    expect(await page.getByRole('button', { name: 'Choose folder…' }).getAttribute('aria-keyshortcuts')).toBe(
      'Control+O',
    );
  });

  it('Ctrl+F finds a file deep in folders never opened and selects its row; Esc closes the field', async () => {
    const { page } = h;
    await jobRow(page, /^SHOW/).click();
    const tree = page.getByRole('tree', { name: 'Folder tree' });
    await tree.waitFor();
    // Nothing under deep/ is open, and its files were never read.
    expect(await tree.getByText('deep_target.txt').count()).toBe(0);
    await page.getByRole('heading', { name: 'SHOW', exact: true }).click();
    await page.keyboard.press('Control+F');
    const field = page.getByRole('searchbox', { name: 'Find in the folder tree' });
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('DEEP_TARGET');
    await expect.poll(() => selectedName(page)).toBe('deep_target.txt');
    await expect.poll(() => page.getByTestId('find-count').textContent()).toBe('1 of 1');
    const row = page.locator('[role="treeitem"][aria-selected="true"]');
    expect(await row.getAttribute('aria-level')).toBe('7');
    // The folders above it opened on the way.
    expect(await page.locator('#tree-node-0 ~ [aria-expanded="true"]').count()).toBeGreaterThanOrEqual(5);
    await h.screenshot('tree-find', page.locator('.tree-card'));

    // "b": three folders match, in the tree's order; Enter and F3 go to the next and wrap, Shift goes back.
    await field.fill('b');
    await expect.poll(() => selectedName(page)).toBe('beta');
    await expect.poll(() => page.getByTestId('find-count').textContent()).toBe('1 of 3');
    await page.keyboard.press('Enter');
    await expect.poll(() => selectedName(page)).toBe('bravo');
    await page.keyboard.press('F3');
    await expect.poll(() => selectedName(page)).toBe('b');
    await page.keyboard.press('F3');
    await expect.poll(() => selectedName(page)).toBe('beta');
    await page.keyboard.press('Shift+F3');
    await expect.poll(() => selectedName(page)).toBe('b');

    await page.keyboard.press('Escape');
    await field.waitFor({ state: 'detached' });
    expect(await tree.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('type-ahead: letters typed in the tree jump to the next row starting with them', async () => {
    const { page } = h;
    const tree = page.getByRole('tree', { name: 'Folder tree' });
    await tree.focus();
    await page.keyboard.press('Home');
    expect(await selectedName(page)).toBe('SHOW');
    await page.keyboard.press('b');
    await expect.poll(() => selectedName(page)).toBe('beta');
    await page.keyboard.press('r');
    await expect.poll(() => selectedName(page)).toBe('bravo');
    // R typed in the tree is a name, not a rescan.
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('Space pauses and resumes the open copy; Delete never removes a running job', async () => {
    const big = join(dir, 'BIG');
    mkdirSync(big);
    writeFileSync(join(big, 'plate.mov'), Buffer.alloc(FILE_BYTES, 0x5a));
    const { page } = h;
    await scanAndOpenResults(page, big);
    const options = await openCopyOptions(h, join(dir, 'dest'));
    await options.getByRole('button', { name: 'Start' }).click();
    const modal = copyModal(page, 'BIG');
    await waitForStatus(modal, 'Copying…');
    const pause = modal.getByRole('button', { name: 'Pause' });
    expect(await pause.getAttribute('aria-keyshortcuts')).toBe('Space');
    expect(await pause.getAttribute('title')).toBe('Pause (Space)');

    await page.keyboard.press('Space');
    await waitForStatus(modal, 'Paused');

    // A running job stays in the panel when Delete is pressed on its row.
    await modal.getByRole('button', { name: 'Run in background' }).click();
    await modal.waitFor({ state: 'detached' });
    const copyRow = page.locator('.jobs-panel [data-batch-id]').filter({ hasText: 'BIG' }).first();
    const batchId = (await copyRow.getAttribute('data-batch-id'))!;
    await copyRow.getByRole('button').focus();
    await page.keyboard.press('Delete');
    await page.getByText('BIG is still running: cancel it before removing it.').waitFor();
    expect(await page.locator(`[data-batch-id="${batchId}"]`).count()).toBe(1);

    await copyRow.getByRole('button').click();
    await waitForStatus(modal, 'Paused');
    await page.keyboard.press('Space');
    await waitForStatus(modal, /Copying…|Completed/);
    await waitForStatus(modal, 'Completed', 60_000);
    await page.keyboard.press('Escape');
    await modal.waitFor({ state: 'detached' });
  });

  it('Delete removes a finished job from the history, and only our record of it', async () => {
    const { page } = h;
    const showRow = page.locator('.jobs-panel [data-batch-id]').filter({ hasText: 'SHOW' }).first();
    const batchId = (await showRow.getAttribute('data-batch-id'))!;
    const jobDir = join(h.engine.dataDir, 'jobs', batchId);
    expect(existsSync(jobDir)).toBe(true);
    await showRow.getByRole('button').click();
    await page.getByRole('region', { name: 'Results' }).getByRole('heading', { name: 'SHOW' }).waitFor();
    await showRow.getByRole('button').focus();
    await page.keyboard.press('Delete');
    await showRow.waitFor({ state: 'detached' });
    await eventually(
      () => existsSync(jobDir),
      (exists) => !exists,
    );
    // Its results closed with it; the scanned folder is untouched.
    expect(await page.getByRole('heading', { name: 'SHOW', exact: true }).count()).toBe(0);
    expect(existsSync(join(dir, 'SHOW', 'deep/a/b/c/d/deep_target.txt'))).toBe(true);
    // The focus moved to the row that took its place.
    expect(await page.evaluate(() => document.activeElement?.closest('[data-batch-id]') !== null)).toBe(true);
    expect(h.engine.manager.getJob(batchId)).toBeUndefined();
  });

  it('? opens the sheet, which lists every shortcut of the table; Esc closes it', async () => {
    const { page } = h;
    await page.keyboard.press('?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await sheet.waitFor();
    expect(await sheet.getAttribute('aria-modal')).toBe('true');
    const rows = sheet.locator('tbody tr');
    expect(await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-shortcut')))).toEqual(
      SHORTCUTS.map((entry) => entry.id),
    );
    for (const entry of SHORTCUTS)
      expect(await sheet.locator(`[data-shortcut="${entry.id}"]`).textContent()).toContain(entry.label);
    expect(await sheet.locator('[data-shortcut="choose-folder"] kbd').textContent()).toBe('Ctrl+O');
    // The focus stays in the sheet.
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    expect(await sheet.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await h.screenshot('shortcuts', sheet);
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });

    // The header's button opens it too, and gives the focus back when it closes.
    const button = page.getByRole('button', { name: 'Keyboard shortcuts' });
    await button.click();
    await sheet.waitFor();
    await sheet.getByRole('button', { name: 'Close' }).click();
    await sheet.waitFor({ state: 'detached' });
    expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);

    // So do Help > Keyboard Shortcuts, and the button in About (which closes About).
    await h.bridge.emit('onMenuCommand', 'shortcuts');
    await sheet.waitFor();
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });
    await h.bridge.emit('onMenuCommand', 'about');
    const about = page.getByRole('dialog', { name: 'About Wrangle' });
    await about.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await sheet.waitFor();
    expect(await about.count()).toBe(0);
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });
    expectNoPageErrors(h.pageErrors);
  });
});
