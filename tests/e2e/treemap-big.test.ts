/**
 * The treemap of a 100k-folder scan stays smooth: it logs (never asserts) the layout and paint time of the
 * root and of a zoom, and the requestAnimationFrame intervals while the pointer moves over it and while it
 * zooms in and out. Lines start with [treemap-bench] for docs/benchmarks.md.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright';
import { makeTempDir } from '../helpers/trees';
import { dropFolders } from './drop';
import { startHarness, type Harness } from './harness';
import { modalOf, waitForStatus } from './ui';

const SEQUENCES = 100;
const SHOTS = 1000; // 100 × 1000 shot folders + 100 sequence folders = 100,100 folders below the root
const MB = 1_000_000;

interface TileBox {
  name: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Start recording requestAnimationFrame timestamps in the page. */
async function startFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames?: number[]; __recording?: boolean };
    w.__frames = [];
    w.__recording = true;
    const tick = (now: number): void => {
      if (!w.__recording) return;
      w.__frames?.push(now);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** Stop recording; the intervals between frames, summarized. */
async function stopFrames(page: Page): Promise<string> {
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames?: number[]; __recording?: boolean };
    w.__recording = false;
    return w.__frames ?? [];
  });
  const deltas = frames.slice(1).map((t, i) => t - (frames[i] ?? t));
  deltas.sort((a, b) => a - b);
  const pick = (q: number): string =>
    (deltas[Math.min(deltas.length - 1, Math.floor(q * deltas.length))] ?? 0).toFixed(1);
  const mean = deltas.reduce((sum, d) => sum + d, 0) / Math.max(1, deltas.length);
  return `${deltas.length} frames, mean ${mean.toFixed(1)} ms, p50 ${pick(0.5)} ms, p95 ${pick(0.95)} ms, max ${pick(1)} ms`;
}

/** The stage's own measure of its last layout and paint. */
async function paintCost(stage: Locator): Promise<string> {
  const [layout, draw, tiles, laidOut] = await Promise.all(
    ['data-layout-ms', 'data-draw-ms', 'data-tile-count', 'data-laid-out'].map((name) =>
      stage.getAttribute(name),
    ),
  );
  return `layout ${layout} ms + draw ${draw} ms (${tiles} tiles drawn, ${laidOut} rectangles laid out)`;
}

describe('the treemap of a 100k-folder scan', () => {
  let h: Harness;
  let dir: string;
  let root: string;

  beforeAll(async () => {
    const started = Date.now();
    dir = makeTempDir('e2e-treemap-big');
    root = join(dir, 'SHOW_BIG');
    // As tests/e2e/big-tree.test.ts, with a sparse file in every 10th shot so that folders have sizes (1 to
    // 97 MB, by shot): mkdir -p and truncate with long argument lists make them in seconds.
    for (let s = 0; s < SEQUENCES; s++) {
      const seq = join(root, `sq${String(s).padStart(3, '0')}`);
      const shots = Array.from({ length: SHOTS }, (_, i) => join(seq, `sh${String(i).padStart(4, '0')}`));
      execFileSync('mkdir', ['-p', ...shots]);
      const sized = new Map<number, string[]>();
      shots.forEach((shot, i) => {
        if (i % 10 !== 0) return;
        const size = ((i * 7) % 97) + 1;
        sized.set(size, [...(sized.get(size) ?? []), join(shot, `plate_v${size}.mov`)]);
      });
      for (const [size, paths] of sized)
        execFileSync('truncate', ['-s', String(size * MB + s * 1000), ...paths]);
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

  it('logs its frame times at the root, zoomed in, and while hovered', async () => {
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
