/**
 * 100k folders: the results tree keeps only the visible rows in the page and reaches the far end; the treemap
 * of the same scan stays smooth, which is logged (never asserted): the layout and paint time of the root and of
 * a zoom, and the requestAnimationFrame intervals while the pointer moves over it and while it zooms in and
 * out. Those lines start with [treemap-bench] for docs/benchmarks.md. One tree serves both, since making it is
 * most of the time.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/trees';
import { dropFolders } from './drop';
import { paintCost, startFrames, stopFrames, type TileBox } from './frame-times';
import { startHarness, type Harness } from './harness';
import { modalOf, waitForStatus } from './ui';

const SEQUENCES = 100;
const SHOTS = 1000; // 100 × 1000 shot folders + 100 sequence folders = 100,100 folders below the root
const MB = 1_000_000;

describe('a 100k-folder scan', () => {
  let h: Harness;
  let dir: string;
  let root: string;

  beforeAll(async () => {
    const started = Date.now();
    dir = makeTempDir('e2e-big-tree');
    root = join(dir, 'SHOW_BIG');
    // A sparse file in every 10th shot, so that folders have sizes for the treemap (1 to 97 MB, by shot):
    // mkdir -p with long argument lists makes the folders far faster than one call each from Node.
    for (let s = 0; s < SEQUENCES; s++) {
      const seq = join(root, `sq${String(s).padStart(3, '0')}`);
      const shots = Array.from({ length: SHOTS }, (_, i) => join(seq, `sh${String(i).padStart(4, '0')}`));
      execFileSync('mkdir', ['-p', ...shots]);
      shots.forEach((shot, i) => {
        if (i % 10 !== 0) return;
        const size = ((i * 7) % 97) + 1;
        const fd = openSync(join(shot, `plate_v${size}.mov`), 'w');
        ftruncateSync(fd, size * MB + s * 1000);
        closeSync(fd);
      });
    }
    console.log(`[treemap-bench] made 100,100 folders and 10,000 files in ${Date.now() - started} ms`);
    h = await startHarness();
  }, 180_000);

  afterAll(async () => {
    const started = Date.now();
    await h?.dispose();
    // rm -rf: much faster than Node's rmSync on 100k folders.
    if (dir) execFileSync('rm', ['-rf', dir]);
    console.log(`[treemap-bench] cleaned up in ${Date.now() - started} ms`);
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

  it('treemap: logs its frame times at the root, zoomed in, and while hovered', async () => {
    const { page } = h;
    await dropFolders(page, [root]);
    const modal = modalOf(page, root);
    const scanAt = Date.now();
    await waitForStatus(modal, 'Completed', 90_000);
    console.log(`[treemap-bench] scanned in ${Date.now() - scanAt} ms`);
    const openedAt = Date.now();
    await modal.getByRole('button', { name: 'View results' }).click();
    const results = page.getByRole('region', { name: 'Results' });
    const card = results.getByRole('region', { name: 'Treemap' });
    const map = card.getByRole('img', { name: /^Treemap of / });
    const stage = card.getByTestId('treemap-stage');
    await expect.poll(() => map.getAttribute('aria-label')).toMatch(/^Treemap of SHOW_BIG: 100 folders/);
    await expect.poll(() => stage.getAttribute('data-tile-count')).not.toBeNull();
    console.log(
      `[treemap-bench] results with treemap of 100,101 folders shown in ${Date.now() - openedAt} ms`,
    );
    console.log(`[treemap-bench] root: ${await paintCost(stage)}`);
    await card.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;

    // Hover: the pointer crosses the treemap corner to corner in 120 moves.
    await startFrames(page);
    await page.mouse.move(box.x + 5, box.y + 5);
    await page.mouse.move(box.x + box.width - 5, box.y + box.height - 5, { steps: 120 });
    await page.mouse.move(box.x + 5, box.y + box.height - 5, { steps: 60 });
    console.log(`[treemap-bench] hover at the root, rAF intervals: ${await stopFrames(page)}`);
    await card.locator('.treemap-tip').waitFor();

    // Zoom into the largest sequence folder (its tree row, then Enter on the treemap), then out again by the
    // breadcrumb, three times.
    const tiles = JSON.parse((await stage.getAttribute('data-tiles')) ?? '[]') as TileBox[];
    const largest = tiles[0]!;
    const zoomIn = async (): Promise<void> => {
      await results
        .getByRole('tree', { name: 'Folder tree' })
        .getByTestId('tree-row')
        .filter({ hasText: new RegExp(`^${largest.name}`) })
        .click();
      await map.focus();
      await page.keyboard.press('Enter');
    };
    await startFrames(page);
    for (let round = 0; round < 3; round++) {
      const zoomAt = Date.now();
      await zoomIn();
      await expect
        .poll(() => map.getAttribute('aria-label'))
        .toMatch(new RegExp(`^Treemap of ${largest.name}: `));
      if (round === 0) {
        console.log(
          `[treemap-bench] zoom into ${largest.name} (1,000 shots, 100 with a file): ${Date.now() - zoomAt} ms to the new label (with Playwright's round trips)`,
        );
        console.log(`[treemap-bench] zoomed: ${await paintCost(stage)}`);
      }
      await card
        .getByRole('navigation', { name: 'Treemap folder' })
        .getByRole('button', { name: 'SHOW_BIG' })
        .click();
      await expect.poll(() => map.getAttribute('aria-label')).toMatch(/^Treemap of SHOW_BIG: /);
    }
    console.log(`[treemap-bench] zooming in and out 3 times, rAF intervals: ${await stopFrames(page)}`);

    // Zoomed in, the shots with a file are tiles: hover across them while their files are read.
    await zoomIn();
    await expect
      .poll(() => map.getAttribute('aria-label'))
      .toMatch(new RegExp(`^Treemap of ${largest.name}: 1,000 folders`));
    await startFrames(page);
    await page.mouse.move(box.x + 5, box.y + 5);
    await page.mouse.move(box.x + box.width - 5, box.y + box.height - 5, { steps: 120 });
    console.log(`[treemap-bench] hover zoomed in, rAF intervals: ${await stopFrames(page)}`);
    console.log(`[treemap-bench] zoomed, after file reads: ${await paintCost(stage)}`);
    expect(Number(await stage.getAttribute('data-tile-count'))).toBeGreaterThanOrEqual(100);
    await h.screenshot('treemap-100k', results.locator('.tree-pair'));
    expect(h.pageErrors).toEqual([]);
  }, 120_000);
});
