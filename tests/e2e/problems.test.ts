/**
 * The Problems view with 300 broken sequences: windowed, grouped by folder in a stable order, filtered by text
 * and kind, one Tab stop with arrow keys, missing frames copied to the clipboard, and a CSV export of them all.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright';
import { makeTempDir } from '../helpers/trees';
import { startHarness, type Harness } from './harness';
import { docScreenshot } from './offload-ui';
import { eventually, expectNoPageErrors, scanAndOpenResults } from './ui';

const SHOTS = 60;
const LAYERS = ['beauty', 'depth', 'diffuse', 'normal', 'specular'];
const FIRST = 1001;
const LAST = 1012;

/** Shot n (1…60) lives in sh010…sh600/renders. */
const shotDir = (n: number): string => `sh${String(n * 10).padStart(3, '0')}/renders`;
/** The frames missing from layer k of shot n: one, or two in a row for the last layer. */
function missingOf(n: number, k: number): number[] {
  const m = FIRST + 1 + ((n + k) % 9);
  return k === LAYERS.length - 1 ? [m, m + 1] : [m];
}
/** The first layer of every tenth shot also has an empty first frame. */
const hasZeroByte = (n: number, k: number): boolean => n % 10 === 0 && k === 0;

/** 60 shots × 5 layers, every sequence with a gap; made in a scrambled order so the scan's order is not ours. */
function buildBrokenShow(root: string): void {
  for (let i = 0; i < SHOTS; i++) {
    const n = ((i * 37) % SHOTS) + 1;
    const dir = join(root, shotDir(n));
    mkdirSync(dir, { recursive: true });
    for (const k of [3, 0, 4, 1, 2]) {
      const missing = missingOf(n, k);
      for (let f = FIRST; f <= LAST; f++) {
        if (missing.includes(f)) continue;
        const size = f === FIRST && hasZeroByte(n, k) ? 0 : 4000;
        writeFileSync(join(dir, `${LAYERS[k]}.${f}.exr`), Buffer.alloc(size, 0x61));
      }
    }
  }
}

/** The CSV the app must export, from the tree's own definition (not from the app's code). */
function expectedCsv(): string {
  const lines = [
    'path,pattern,kind,first,last,missing_count,missing_frames,zero_byte_count,suspect_small_count',
  ];
  for (let n = 1; n <= SHOTS; n++)
    LAYERS.forEach((layer, k) => {
      const missing = missingOf(n, k);
      const zero = hasZeroByte(n, k);
      const kinds = zero ? 'missing-frames;zero-byte-frames' : 'missing-frames';
      const frames = missing.length === 1 ? String(missing[0]) : `${missing[0]}-${missing[1]}`;
      lines.push(
        `${shotDir(n)},${layer}.####.exr,${kinds},${FIRST},${LAST},${missing.length},${frames},${zero ? 1 : 0},0`,
      );
    });
  return `${lines.join('\r\n')}\r\n`;
}

/** The label of the list's active line (its aria-activedescendant). */
async function activeLabel(list: Locator): Promise<string> {
  const id = await list.getAttribute('aria-activedescendant');
  if (!id) return '';
  return (await list.locator(`[id="${id}"]`).getAttribute('aria-label')) ?? '';
}

/** Whether the active line is drawn inside the list's visible box. */
async function activeInView(list: Locator): Promise<boolean> {
  return list.evaluate((element) => {
    const id = element.getAttribute('aria-activedescendant');
    const line = id ? element.ownerDocument.getElementById(id) : null;
    if (!line) return false;
    const box = element.getBoundingClientRect();
    const row = line.getBoundingClientRect();
    return row.top >= box.top - 1 && row.bottom <= box.bottom + 1;
  });
}

/** Whether the focus is on `locator`'s element. */
function hasFocus(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element.ownerDocument.activeElement === element);
}

async function clipboardText(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

describe('the Problems view with 300 problems', () => {
  let h: Harness;
  let dir: string;

  beforeAll(async () => {
    dir = makeTempDir('e2e-problems');
    h = await startHarness({
      beforeLoad: async (_page, context) => {
        await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      },
    });
  });
  afterAll(async () => {
    await h?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists, groups, filters, copies and exports them, with one Tab stop and arrow keys', async () => {
    const root = join(dir, 'BROKEN_SHOW');
    buildBrokenShow(root);
    const { page } = h;
    const results = await scanAndOpenResults(page, root);
    const problems = results.getByRole('region', { name: 'Problems' });
    const list = problems.getByRole('tree', { name: /^Problems by folder/ });
    await list.waitFor();
    await eventually(
      () => list.getAttribute('aria-label'),
      (label) => label === 'Problems by folder, 300 problems in 60 folders',
    );
    expect(await problems.locator('.card-count').textContent()).toBe('300');

    // Windowed: only the lines in view (and a few more) are in the page.
    const groups = list.getByTestId('problem-group');
    const rows = list.getByTestId('problem-row');
    expect(await rows.count()).toBeGreaterThan(5);
    expect((await groups.count()) + (await rows.count())).toBeLessThan(40);

    // Grouped by shot folder in path order (the tree was made scrambled), each folder's sequences by name.
    expect(await groups.first().getAttribute('aria-label')).toBe('sh010/renders, 5 problems');
    expect(await groups.nth(1).getAttribute('aria-label')).toBe('sh020/renders, 5 problems');
    const firstNames = await rows.evaluateAll((lines) =>
      lines.slice(0, 5).map((line) => line.getAttribute('aria-label')?.split(',')[0]),
    );
    expect(firstNames).toEqual(LAYERS.map((layer) => `${layer}.####.exr`));

    // One Tab stop: from the last toolbar button, Tab enters the list, and the next Tab leaves it.
    const exportButton = problems.getByRole('button', { name: 'Export CSV' });
    await exportButton.focus();
    await page.keyboard.press('Tab');
    expect(await hasFocus(list)).toBe(true);
    expect(await activeLabel(list)).toBe('sh010/renders, 5 problems');
    await page.keyboard.press('Tab');
    expect(await hasFocus(list)).toBe(false);
    expect(await list.evaluate((element) => element.contains(element.ownerDocument.activeElement))).toBe(
      false,
    );
    await page.keyboard.press('Shift+Tab');
    expect(await hasFocus(list)).toBe(true);

    // Arrow keys move the active line; End and Home go to the ends; PageDown keeps it in view.
    await page.keyboard.press('ArrowDown');
    expect(await activeLabel(list)).toBe('beauty.####.exr, 1001-1012, 1 missing: 1003');
    await page.keyboard.press('ArrowDown');
    expect(await activeLabel(list)).toBe('depth.####.exr, 1001-1012, 1 missing: 1004');
    await page.keyboard.press('End');
    expect(await activeLabel(list)).toBe('specular.####.exr, 1001-1012, 2 missing: 1003-1004');
    expect(await activeInView(list)).toBe(true);
    await page.keyboard.press('Home');
    expect(await activeLabel(list)).toBe('sh010/renders, 5 problems');
    await page.keyboard.press('PageDown');
    const paged = await activeLabel(list);
    expect(paged).not.toBe('sh010/renders, 5 problems');
    expect(await activeInView(list)).toBe(true);
    await page.keyboard.press('PageUp');
    expect(await activeLabel(list)).toBe('sh010/renders, 5 problems');
    // Scrolled away with the wheel, the active line stays in the page for the screen reader.
    const scrollListTo = (top: number): Promise<void> =>
      list.evaluate((element, value) => {
        element.scrollTop = value;
      }, top);
    await scrollListTo(4000);
    await eventually(
      () => groups.first().getAttribute('aria-label'),
      (label) => label !== 'sh010/renders, 5 problems',
    );
    expect(await activeLabel(list)).toBe('sh010/renders, 5 problems');
    await scrollListTo(0);
    // The scroll event re-renders the window: wait for the top of the list to be back in it.
    await eventually(
      () => groups.first().getAttribute('aria-label'),
      (label) => label === 'sh010/renders, 5 problems',
    );

    // Left closes a folder, Right opens it again.
    await page.keyboard.press('ArrowLeft');
    expect(await groups.first().getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('ArrowDown');
    expect(await activeLabel(list)).toBe('sh020/renders, 5 problems');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowRight');
    expect(await groups.first().getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowDown');
    await problems.scrollIntoViewIfNeeded();
    await docScreenshot(h, 'problems-300-grouped', problems);

    // Ctrl+C on a problem copies its missing frames.
    await page.keyboard.press('Control+c');
    const status = problems.getByTestId('problems-status');
    await status.filter({ hasText: 'Copied the missing frames of beauty.####.exr: 1003' }).waitFor();
    expect(await clipboardText(page)).toBe('1003');

    // Filter by text: one shot.
    const filterBox = problems.getByRole('searchbox', { name: 'Filter problems by folder or pattern' });
    await filterBox.fill('sh420');
    await eventually(
      () => list.getAttribute('aria-label'),
      (label) => label === 'Problems by folder, 5 problems in 1 folder',
    );
    expect(await problems.getByTestId('problems-note').textContent()).toBe('Showing 5 of 300. ');
    // Two words narrow it to one sequence; the Copy button copies a range of missing frames.
    await filterBox.fill('sh420 specular');
    await eventually(
      () => rows.count(),
      (count) => count === 1,
    );
    await list.focus();
    await page.keyboard.press('ArrowDown');
    expect(await activeLabel(list)).toBe('specular.####.exr, 1001-1012, 2 missing: 1003-1004');
    await problems.getByRole('button', { name: 'Copy missing frames' }).click();
    await status.filter({ hasText: 'Copied the missing frames of specular.####.exr: 1003-1004' }).waitFor();
    expect(await clipboardText(page)).toBe('1003-1004');

    // Filter by kind: the six sequences with an empty frame, each in its own folder.
    await filterBox.fill('');
    await problems
      .getByRole('combobox', { name: 'Problem kind' })
      .selectOption({ label: 'Zero-byte frames' });
    await eventually(
      () => list.getAttribute('aria-label'),
      (label) => label === 'Problems by folder, 6 problems in 6 folders',
    );
    expect(await groups.evaluateAll((lines) => lines.map((line) => line.getAttribute('aria-label')))).toEqual(
      [100, 200, 300, 400, 500, 600].map((shot) => `sh${shot}/renders, 1 problem`),
    );
    expect(await rows.first().getAttribute('aria-label')).toBe(
      'beauty.####.exr, 1001-1012, 1 missing: 1003, 1 zero-byte',
    );
    await docScreenshot(h, 'problems-300-filtered', problems);

    // A filter that matches nothing says so.
    await filterBox.fill('no-such-shot');
    await problems.getByText('No problems match the filter.').waitFor();

    // CSV export: every problem (not just the filtered ones), in the list's order.
    const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
    expect(download.suggestedFilename()).toBe('BROKEN_SHOW-problems.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv).toBe(expectedCsv());
    await status.filter({ hasText: 'Exported 300 problems as CSV.' }).waitFor();
    expectNoPageErrors(h.pageErrors);
  });
});
