/** The results tree at 100k folders: only the visible rows are in the page, and the far end is reachable. */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/trees';
import { dropFolders } from './drop';
import { startHarness, type Harness } from './harness';
import { modalOf, waitForStatus } from './ui';

const SEQUENCES = 100;
const SHOTS = 1000; // 100 × 1000 shot folders + 100 sequence folders = 100,100 folders below the root

describe('the results tree of a 100k-folder scan', () => {
  let h: Harness;
  let dir: string;
  let root: string;

  beforeAll(async () => {
    dir = makeTempDir('e2e-big-tree');
    root = join(dir, 'SHOW_BIG');
    // mkdir -p with brace lists makes 100k folders in a few seconds, far faster than one call each from Node.
    for (let s = 0; s < SEQUENCES; s++) {
      const seq = join(root, `sq${String(s).padStart(3, '0')}`);
      const shots = Array.from({ length: SHOTS }, (_, i) => join(seq, `sh${String(i).padStart(4, '0')}`));
      execFileSync('mkdir', ['-p', ...shots]);
    }
    h = await startHarness();
  }, 120_000);

  afterAll(async () => {
    await h?.dispose();
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('opens, keeps the DOM small, and reaches the last folder', async () => {
    const { page } = h;
    await dropFolders(page, [root]);
    const modal = modalOf(page, root);
    await waitForStatus(modal, 'Completed', 60_000);
    expect(await modal.getByTestId('dirs-count').textContent()).toBe('100,100');

    const openedAt = Date.now();
    await modal.getByRole('button', { name: 'View results' }).click();
    const tree = page.getByRole('region', { name: 'Results' }).getByRole('tree', { name: 'Folder tree' });
    await tree.getByRole('treeitem').first().waitFor();
    console.log(`results tree of 100,101 folders shown in ${Date.now() - openedAt} ms`);

    // Expand all 100 sequences from the keyboard, bottom up: End is the last (collapsed) sequence; once it is
    // expanded its shots sit below it, so ArrowUp reaches the previous sequence.
    const rows = tree.getByRole('treeitem');
    await tree.focus();
    await page.keyboard.press('End');
    for (let s = 0; s < SEQUENCES; s++) {
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowUp');
    }
    const expanded = await tree.locator('[role="treeitem"][aria-level="2"][aria-expanded="true"]').count();
    expect(expanded).toBeGreaterThan(0);
    // 100,101 rows are open, yet only a window of them is in the page.
    expect(await rows.count()).toBeLessThan(200);

    const endAt = Date.now();
    await page.keyboard.press('End');
    const last = tree.locator('[role="treeitem"][aria-level="3"]').last();
    await expect.poll(() => last.getAttribute('aria-posinset')).toBe(String(SHOTS));
    console.log(`jumped to the last of 100,101 open rows in ${Date.now() - endAt} ms`);
    expect(await last.getAttribute('aria-setsize')).toBe(String(SHOTS));
    expect(await rows.count()).toBeLessThan(200);
    await h.screenshot('results-100k');
  }, 120_000);
});
