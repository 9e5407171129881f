/**
 * The context menu on tree rows, problems and jobs, on a real scan: its items, Copy path and Copy frame list
 * on the clipboard, Reveal through the revealPath channel (recorded by the bridge), Scan this folder starting
 * a scan of the subfolder; and the keyboard: Shift+F10 opens it on the focused row, arrows move, Esc closes it
 * and gives the focus back.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright';
import { makeTempDir } from '../helpers/trees';
import { axeViolations } from './axe';
import { startHarness, type Harness } from './harness';
import { eventually, expectNoPageErrors, modalOf, scanAndOpenResults, waitForStatus } from './ui';

const ITEMS = ['Reveal in file manager', 'Copy path', 'Scan this folder', 'Copy to…', 'Move to…'];

/** SHOW/shots/sh010: plate.1001-1005.exr without 1003, and notes.txt; SHOW/edit/cut.mov. */
function buildShow(root: string): void {
  const shot = join(root, 'shots', 'sh010');
  mkdirSync(shot, { recursive: true });
  for (const frame of [1001, 1002, 1004, 1005])
    writeFileSync(join(shot, `plate.${frame}.exr`), Buffer.alloc(4000, frame % 251));
  writeFileSync(join(shot, 'notes.txt'), 'notes');
  mkdirSync(join(root, 'edit'));
  writeFileSync(join(root, 'edit', 'cut.mov'), Buffer.alloc(1000, 1));
}

async function clipboardText(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

/** The tree's row whose label is `name`. */
function treeRow(page: Page, name: string): Locator {
  return page
    .getByRole('tree', { name: 'Folder tree' })
    .getByRole('treeitem')
    .filter({ has: page.locator('.tree-label', { hasText: new RegExp(`^${name.replace('.', '\\.')}$`) }) });
}

/** The labels of the open menu's items. */
async function menuItems(menu: Locator): Promise<string[]> {
  return menu.getByRole('menuitem').allTextContents();
}

describe('context menus', () => {
  let h: Harness;
  let dir: string;
  let show: string;

  beforeAll(async () => {
    dir = makeTempDir('e2e-context-menu');
    show = join(dir, 'SHOW');
    buildShow(show);
    h = await startHarness({
      beforeLoad: async (_page, context) => {
        await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      },
    });
    await scanAndOpenResults(h.page, show);
  });
  afterAll(async () => {
    await h?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('right-click on a folder row: its items; Copy path, Reveal, and a click outside closes it', async () => {
    const { page } = h;
    const shots = treeRow(page, 'shots');
    await shots.click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'shots' });
    await menu.waitFor();
    expect(await menuItems(menu)).toEqual(ITEMS);
    // The right-click selected the row, as in a file manager.
    await expect.poll(() => shots.getAttribute('aria-selected')).toBe('true');
    // The first item has the focus, so the keyboard can take over.
    expect(
      await menu
        .getByRole('menuitem')
        .first()
        .evaluate((el) => el === document.activeElement),
    ).toBe(true);
    await h.screenshot('context-menu');
    expect(await axeViolations(page)).toEqual([]);

    await menu.getByRole('menuitem', { name: 'Copy path' }).click();
    await menu.waitFor({ state: 'detached' });
    expect(await clipboardText(page)).toBe(join(show, 'shots'));

    await shots.click({ button: 'right' });
    await menu.getByRole('menuitem', { name: 'Reveal in file manager' }).click();
    await eventually(
      () => h.bridge.revealed.length,
      (count) => count === 1,
    );
    expect(h.bridge.revealed).toEqual([join(show, 'shots')]);

    await shots.click({ button: 'right' });
    await menu.waitFor();
    await page.getByRole('heading', { name: 'SHOW', exact: true }).click();
    await menu.waitFor({ state: 'detached' });
    // Esc closes a menu opened with the mouse too, and the focus goes to the tree the row is in.
    await shots.click({ button: 'right' });
    await menu.waitFor();
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    const tree = page.getByRole('tree', { name: 'Folder tree' });
    expect(await tree.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('Scan this folder starts a scan of that subfolder', async () => {
    const { page } = h;
    await treeRow(page, 'shots').click({ button: 'right' });
    await page
      .getByRole('menu', { name: 'shots' })
      .getByRole('menuitem', { name: 'Scan this folder' })
      .click();
    const modal = modalOf(page, join(show, 'shots'));
    await waitForStatus(modal, 'Completed');
    expect(h.engine.manager.listJobs().filter((job) => job.root === join(show, 'shots'))).toHaveLength(1);
    await page.keyboard.press('Escape');
    await modal.waitFor({ state: 'detached' });
  });

  it('a sequence row copies its frame list; a file row its path', async () => {
    const { page } = h;
    await treeRow(page, 'shots').click();
    await treeRow(page, 'sh010').click();
    const plate = treeRow(page, 'plate.####.exr');
    await plate.click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'plate.####.exr' });
    expect(await menuItems(menu)).toEqual([
      'Reveal in file manager',
      'Copy path',
      'Copy frame list',
      'Copy missing frames',
    ]);
    await menu.getByRole('menuitem', { name: 'Copy frame list' }).click();
    expect(await clipboardText(page)).toBe('1001-1002,1004-1005');
    await plate.click({ button: 'right' });
    await menu.getByRole('menuitem', { name: 'Reveal in file manager' }).click();
    await eventually(
      () => h.bridge.revealed.at(-1),
      (path) => path === join(show, 'shots', 'sh010', 'plate.1001.exr'),
    );

    const notes = treeRow(page, 'notes.txt');
    await notes.click({ button: 'right' });
    const fileMenu = page.getByRole('menu', { name: 'notes.txt' });
    expect(await menuItems(fileMenu)).toEqual([
      'Reveal in file manager',
      'Copy path',
      'Copy to…',
      'Move to…',
    ]);
    await fileMenu.getByRole('menuitem', { name: 'Copy path' }).click();
    expect(await clipboardText(page)).toBe(join(show, 'shots', 'sh010', 'notes.txt'));
  });

  it('a problem line offers its sequence’s items and Show in tree', async () => {
    const { page } = h;
    const problem = page.getByTestId('problem-row').first();
    await problem.click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'plate.####.exr' });
    expect(await menuItems(menu)).toEqual([
      'Show in tree',
      'Reveal in file manager',
      'Copy path',
      'Copy frame list',
      'Copy missing frames',
    ]);
    await menu.getByRole('menuitem', { name: 'Copy missing frames' }).click();
    expect(await clipboardText(page)).toBe('1003');
  });

  it('a job row: its folder, Scan again, and Remove from history', async () => {
    const { page } = h;
    const row = page.getByRole('list', { name: 'Jobs' }).getByRole('button', { name: /^SHOW/ });
    await row.click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'scan SHOW' });
    expect(await menuItems(menu)).toEqual([
      'Reveal in file manager',
      'Copy path',
      'Scan again',
      'Remove from history',
    ]);
    await menu.getByRole('menuitem', { name: 'Copy path' }).click();
    expect(await clipboardText(page)).toBe(show);
  });

  it('keyboard: Shift+F10 opens the focused row’s menu, arrows move, Esc closes and gives the focus back', async () => {
    const { page } = h;
    const tree = page.getByRole('tree', { name: 'Folder tree' });
    await tree.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    const active = await tree.getAttribute('aria-activedescendant');
    const name = await page.locator(`[id="${active}"] .tree-label`).textContent();
    await page.keyboard.press('Shift+F10');
    const menu = page.getByRole('menu', { name: name! });
    await menu.waitFor();
    const focusedItem = (): Promise<string> => page.evaluate(() => document.activeElement?.textContent ?? '');
    expect(await focusedItem()).toBe('Reveal in file manager');
    await page.keyboard.press('ArrowDown');
    expect(await focusedItem()).toBe('Copy path');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await focusedItem()).toBe(ITEMS.at(-1));
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'detached' });
    expect(await clipboardText(page)).toBe(join(show, name!));
    expect(await tree.evaluate((el) => el === document.activeElement)).toBe(true);

    // The Menu key too; Esc closes, the tree has the focus again and its row is unchanged.
    await page.keyboard.press('ContextMenu');
    await menu.waitFor();
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    expect(await tree.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await tree.getAttribute('aria-activedescendant')).toBe(active);
    expectNoPageErrors(h.pageErrors);
  });
});
