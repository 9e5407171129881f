/**
 * What a screen reader hears, checked where axe cannot: each job button's name carries the size, file count and
 * time its row shows; the Largest lists are Tab stops that scroll with the keys; each tree row names its columns.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/trees';
import { startHarness, type Harness } from './harness';
import { copyModal, openCopyOptions } from './transfer-ui';
import { eventually, expectNoPageErrors, scanAndOpenResults, waitForStatus } from './ui';

/** "SHOW — completed, 1.2 MB, 40 files, 14:02": the size, the file count and the time, as the row shows them. */
const SIZE = String.raw`[\d.]+ (?:B|KB|MB|GB)`;
const TIME = String.raw`\d{2}:\d{2}`;

describe('accessible names', () => {
  let h: Harness;
  let dir: string;
  let show: string;

  beforeAll(async () => {
    dir = makeTempDir('e2e-names');
    show = join(dir, 'SHOW');
    // 30 folders: more than the Largest folders card shows without scrolling.
    for (let shot = 1; shot <= 30; shot++) {
      const folder = join(show, `sh${String(shot * 10).padStart(3, '0')}`);
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, 'plate.mov'), Buffer.alloc(1_000 * shot, 1));
      writeFileSync(join(folder, 'notes.txt'), 'notes');
    }
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it("names each job button with its row's size, file count and time", async () => {
    const { page } = h;
    await scanAndOpenResults(page, show);
    const jobs = page.getByRole('list', { name: 'Jobs' });
    const scanRow = jobs.getByRole('button', {
      name: new RegExp(`^SHOW — completed, ${SIZE}, 60 files, ${TIME}$`),
    });
    expect(await scanRow.count()).toBe(1);
    // Every part of the visible meta line is in the name.
    const meta = (await scanRow.locator('.job-meta').textContent()) ?? '';
    expect(meta.split(' · ')).toHaveLength(3);
    expect(
      await jobs.getByRole('button', { name: `SHOW — completed, ${meta.split(' · ').join(', ')}` }).count(),
    ).toBe(1);

    const options = await openCopyOptions(h, join(dir, 'DEST'));
    await options.getByRole('button', { name: 'Start' }).click();
    const modal = copyModal(page, 'SHOW');
    await waitForStatus(modal, 'Completed');
    await modal.getByRole('button', { name: 'Close' }).click();
    const copyRow = jobs.getByRole('button', {
      name: new RegExp(`^SHOW — copy completed, ${SIZE}, 60 files copied, ${TIME}$`),
    });
    await copyRow.waitFor();
    // The path line (where the copy went) is the button's description.
    const described = await copyRow.evaluate(
      (button) => document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent,
    );
    expect(described).toContain('SHOW → ');
  });

  it('makes the Largest lists Tab stops that scroll with PageDown and ArrowDown', async () => {
    const { page } = h;
    await page
      .getByRole('list', { name: 'Jobs' })
      .getByRole('button', { name: /^SHOW — completed, / })
      .click();
    for (const name of ['Largest folders', 'Largest files']) {
      const list = page.getByRole('list', { name, exact: true });
      const scrolls = await list.evaluate((el) => el.scrollHeight > el.clientHeight);
      // Reach it with Tab from the results' heading, as a keyboard user would.
      await page.getByRole('region', { name: 'Results' }).getByRole('heading', { level: 2 }).click();
      let reached = false;
      for (let tab = 0; tab < 40 && !reached; tab++) {
        await page.keyboard.press('Tab');
        reached = await list.evaluate((el) => el === document.activeElement);
      }
      expect(reached).toBe(true);
      if (!scrolls) continue;
      await page.keyboard.press('PageDown');
      const afterPage = await eventually(
        () => list.evaluate((el) => el.scrollTop),
        (top) => top > 0,
      );
      await list.evaluate((el) => el.scrollTo({ top: 0, behavior: 'instant' }));
      await page.keyboard.press('ArrowDown');
      await eventually(
        () => list.evaluate((el) => el.scrollTop),
        (top) => top > 0,
      );
      expect(afterPage).toBeGreaterThan(0);
    }
    // The folders list has 30 entries: it does scroll (the check above ran for it).
    expect(
      await page
        .getByRole('list', { name: 'Largest folders', exact: true })
        .evaluate((el) => el.scrollHeight > el.clientHeight),
    ).toBe(true);
  });

  it('names each tree row column by column, under a visible header row', async () => {
    const { page } = h;
    const tree = page.getByRole('tree', { name: 'Folder tree' });
    await tree.getByRole('treeitem').first().waitFor();
    expect(
      await tree.getByRole('treeitem', { name: new RegExp(`^SHOW, ${SIZE}, 60 files, 30 folders$`) }).count(),
    ).toBe(1);
    // The largest shot (30 000 + 5 bytes of 480 155): its share of the parent in words.
    const largest = tree.getByRole('treeitem', { name: /^sh300, / });
    expect(await largest.getAttribute('aria-label')).toMatch(
      new RegExp(`^sh300, ${SIZE}, 2 files, 0 folders, 6% of parent$`),
    );
    // A file row, once its folder is open.
    await largest.click();
    const file = tree.getByRole('treeitem', { name: /^plate\.mov, / });
    await file.waitFor();
    expect(await file.getAttribute('aria-label')).toMatch(
      new RegExp(`^plate\\.mov, ${SIZE}, 100% of parent$`),
    );
    // The header row is seen (it is hidden from screen readers, since each row names its own cells).
    const header = page.locator('.tree-columns');
    expect(await header.isVisible()).toBe(true);
    expect((await header.textContent())?.replace(/\s+/g, ' ')).toBe('NameSizeFilesFolders');
    expectNoPageErrors(h.pageErrors);
  });
});
