/**
 * The treemap beside the folder tree, on a real scan of a show: tiles drawn by type, a tile chosen selects its
 * tree row and a tree row chosen outlines its tile, double-click and Enter zoom in, the breadcrumb and
 * Backspace climb out, and the legend names the types in view.
 */
import { mkdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright';
import { makeTempDir } from '../helpers/trees';
import { startHarness, type Harness } from './harness';
import { dismissToasts } from './offload-ui';
import { eventually, scanAndOpenResults } from './ui';

const MB = 1_000_000;

/** A sparse file of `size` bytes (the scan counts apparent bytes). */
function file(path: string, size: number): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, '');
  truncateSync(path, size);
}

/** SHOW: two sequences of shots with EXR renders and DPX/MOV plates, an editorial cut and a few documents. */
function buildShow(root: string): void {
  const shots: [string, number][] = [
    ['sq010/sh010', 3],
    ['sq010/sh020', 2],
    ['sq020/sh030', 1],
  ];
  for (const [shot, scale] of shots) {
    for (let f = 1001; f <= 1024; f++) {
      file(join(root, shot, 'renders/beauty', `beauty.${f}.exr`), scale * 9 * MB + f);
      file(join(root, shot, 'comp', `comp_v002.${f}.exr`), scale * 4 * MB + f);
    }
    for (let f = 1001; f <= 1012; f++) file(join(root, shot, 'plates/scan', `plate.${f}.dpx`), 12 * MB + f);
    file(join(root, shot, 'plates', 'plate_ref.mov'), scale * 60 * MB);
    file(join(root, shot, 'notes.txt'), 3_000);
  }
  file(join(root, 'editorial', 'cut_v003.mov'), 420 * MB);
  file(join(root, 'editorial', 'cut_v003.edl'), 40_000);
  file(join(root, 'docs', 'schedule.pdf'), 30 * MB);
}

interface TileBox {
  name: string;
  kind: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

describe('the treemap', () => {
  let h: Harness;
  let dir: string;
  let root: string;

  beforeAll(async () => {
    dir = makeTempDir('e2e-treemap');
    root = join(dir, 'SHOW');
    buildShow(root);
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws the scan, and is linked both ways with the tree; zooms and climbs out by mouse and keyboard', async () => {
    const { page } = h;
    // A full-HD window: the treemap beside the tree (with under 1100 px for both it goes under the tree).
    await page.setViewportSize({ width: 1920, height: 1080 });
    const results = await scanAndOpenResults(page, root);
    await dismissToasts(page);
    const card = results.getByRole('region', { name: 'Treemap' });
    const map = card.getByRole('img', { name: /^Treemap of / });
    const stage = card.getByTestId('treemap-stage');
    const crumbs = card.getByRole('navigation', { name: 'Treemap folder' }).getByRole('button');
    const tree = results.getByRole('tree', { name: 'Folder tree' });
    const selectedRow = tree.locator('[role="treeitem"][aria-selected="true"]');
    const tiles = async (): Promise<TileBox[]> =>
      JSON.parse((await stage.getAttribute('data-tiles')) ?? '[]') as TileBox[];
    const tile = async (name: string): Promise<TileBox> => {
      const found = (await eventually(tiles, (list) => list.some((t) => t.name === name))).find(
        (t) => t.name === name,
      );
      if (!found) throw new Error(`no tile ${name}`);
      return found;
    };
    /** A point on the folder's name strip: the folder itself, not a tile inside it. */
    const header = (box: TileBox) => ({ x: box.x + 8, y: box.y + 6 });
    const centre = (box: TileBox) => ({ x: box.x + box.w / 2, y: box.y + box.h / 2 });
    /** The base canvas' colour at a point, as #rrggbb. */
    const pixel = (canvas: Locator, point: { x: number; y: number }) =>
      canvas.evaluate((element, p) => {
        const c = element as HTMLCanvasElement;
        const scale = c.width / c.clientWidth;
        const [r, g, b] = c
          .getContext('2d')!
          .getImageData(Math.round(p.x * scale), Math.round(p.y * scale), 1, 1).data;
        return `#${[r, g, b].map((v) => (v ?? 0).toString(16).padStart(2, '0')).join('')}`;
      }, point);
    const base = stage.locator('canvas').first();
    const swatch = (ext: string) =>
      card
        .locator(`[data-testid="treemap-legend-item"][data-ext="${ext}"] .treemap-swatch`)
        .evaluate((el) => {
          const [r, g, b] = getComputedStyle(el).backgroundColor.match(/\d+/g)!.map(Number);
          return `#${[r, g, b].map((v) => (v ?? 0).toString(16).padStart(2, '0')).join('')}`;
        });

    // The whole show: its folders, summarized for screen readers; the tiles are drawn.
    await expect
      .poll(() => map.getAttribute('aria-label'))
      .toMatch(/^Treemap of SHOW: 4 folders, 0 sequences, largest sq010 [\d.]+ [MG]B$/);
    expect((await tiles()).map((t) => t.name).sort()).toEqual(['docs', 'editorial', 'sq010', 'sq020']);
    expect(Number(await stage.getAttribute('data-tile-count'))).toBeGreaterThan(20);
    expect(await crumbs.allTextContents()).toEqual(['SHOW']);

    // Colours by type, with a legend: editorial is nearly all one .mov, drawn in the legend's .mov colour once
    // its files are read.
    const legend = card.getByTestId('treemap-legend-item');
    await eventually(
      () => legend.allTextContents(),
      (items) => ['.exr', '.dpx', '.mov'].every((ext) => items.some((item) => item.startsWith(ext))),
    );
    const movColour = await swatch('mov');
    await eventually(
      async () => pixel(base, centre(await tile('editorial'))),
      (colour) => colour === movColour,
    );
    expect(await swatch('exr')).not.toBe(movColour);

    // A click on a tile selects its row in the tree.
    await map.click({ position: header(await tile('sq020')) });
    await expect.poll(() => selectedRow.locator('.tree-label').textContent()).toBe('sq020');
    expect(await stage.getAttribute('data-selected')).toBe(join(root, 'sq020'));

    // A row chosen in the tree outlines its tile (white inside black, on the overlay canvas).
    await tree
      .getByTestId('tree-row')
      .filter({ hasText: /^editorial/ })
      .click();
    await expect.poll(() => stage.getAttribute('data-selected')).toBe(join(root, 'editorial'));
    const chosen = JSON.parse((await stage.getAttribute('data-selected-rect')) ?? '{}') as TileBox;
    const overlay = stage.locator('canvas').last();
    expect(
      await overlay.evaluate(
        (element, p) => {
          const c = element as HTMLCanvasElement;
          const scale = c.width / c.clientWidth;
          // The outline's white line, wherever a tile edge at a fractional x puts it in the first 4 px.
          const line = c
            .getContext('2d')!
            .getImageData(Math.round(p.x * scale), Math.round(p.y * scale), 4, 1);
          const pixels = [0, 1, 2, 3].map((i) => Array.from(line.data.slice(i * 4, i * 4 + 4)));
          return pixels.find((px) => px.every((v) => v === 255)) ?? pixels;
        },
        { x: chosen.x + 1, y: chosen.y + chosen.h / 2 },
      ),
    ).toEqual([255, 255, 255, 255]);

    // Double-click zooms into a folder; the breadcrumb shows the way back.
    await map.dblclick({ position: header(await tile('sq010')) });
    await expect.poll(() => crumbs.allTextContents()).toEqual(['SHOW', 'sq010']);
    expect(await crumbs.last().getAttribute('aria-current')).toBe('location');
    await expect
      .poll(() => map.getAttribute('aria-label'))
      .toMatch(/^Treemap of sq010: 2 folders, 0 sequences, largest sh010 /);
    expect((await tiles()).map((t) => t.name)).toEqual(['sh010', 'sh020']);
    // The breadcrumb climbs back out.
    await crumbs.first().click();
    await expect.poll(() => map.getAttribute('aria-label')).toMatch(/^Treemap of SHOW: /);

    // The keyboard: arrows move among the tiles (and the tree follows), Enter zooms, Backspace climbs out.
    await map.focus();
    await page.keyboard.press('ArrowRight');
    const first = (await stage.getAttribute('data-selected')) ?? '';
    await expect.poll(() => selectedRow.locator('.tree-label').textContent()).toBe(first.split('/').pop());
    expect(await map.evaluate((el) => el === document.activeElement)).toBe(true);
    // Back to sq010, the largest, whichever way the arrow went.
    await tree
      .getByTestId('tree-row')
      .filter({ hasText: /^sq010/ })
      .click();
    await map.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => crumbs.allTextContents()).toEqual(['SHOW', 'sq010']);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => stage.getAttribute('data-selected')).toMatch(/sq010\/sh0[12]0$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => crumbs.count()).toBe(3);
    const shot = (await crumbs.last().textContent()) ?? '';
    await page.keyboard.press('Backspace');
    await expect.poll(() => crumbs.allTextContents()).toEqual(['SHOW', 'sq010']);
    // Climbing out selects the folder climbed out of, in the tree too.
    await expect.poll(() => selectedRow.locator('.tree-label').textContent()).toBe(shot);

    // Zoomed into sh010, plates chosen, hovering the renders: the picture for the docs.
    await tree
      .getByTestId('tree-row')
      .filter({ hasText: /^sh010/ })
      .click();
    await map.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => crumbs.allTextContents()).toEqual(['SHOW', 'sq010', 'sh010']);
    await eventually(
      () => legend.allTextContents(),
      // Every files tile in view has been read and split by type.
      (items) => items.length > 0 && !items.some((item) => item.startsWith('files not read yet')),
    );
    await map.click({ position: header(await tile('plates')) });
    await expect.poll(() => selectedRow.locator('.tree-label').textContent()).toBe('plates');
    await map.hover({ position: centre(await tile('renders')) });
    await card.locator('.treemap-tip').waitFor();
    expect(await card.locator('.treemap-tip').textContent()).toContain('beauty.####.exr');
    await h.screenshot('treemap', results.locator('.tree-pair'));

    // At 900 × 600 the treemap goes below the tree, still drawn across its card.
    await page.setViewportSize({ width: 900, height: 600 });
    const treeCard = await results.locator('.tree-card').boundingBox();
    await eventually(
      async () => [await card.boundingBox(), await stage.getAttribute('data-tiles')] as const,
      ([box, listed]) => !!box && !!treeCard && box.y >= treeCard.y + treeCard.height && listed !== '[]',
    );
    await card.scrollIntoViewIfNeeded();
    await h.screenshot('treemap-narrow');
    expect(h.pageErrors).toEqual([]);
  }, 90_000);
});
