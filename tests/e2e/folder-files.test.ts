/** Every file in the tree: a folder expands to its files (largest first, virtualized), sequences stay one row. */
import { mkdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/trees';
import { startHarness, type Harness } from './harness';
import { dismissToasts, docScreenshot } from './offload-ui';
import { eventually, scanAndOpenResults } from './ui';

const MB = 1_000_000;

/** `i` in letters (0 → "aa"), so cache names carry no frame number and stay loose files. */
function letters(i: number): string {
  return String.fromCharCode(97 + Math.floor(i / 26), 97 + (i % 26));
}

/**
 * camera: two 400 MB .ari clips (sparse) and a note; a 230 MB reference movie at the top; renders: a sequence
 * and its log; cache: 400 files.
 */
function buildShot(root: string): void {
  const file = (path: string, size: number): void => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), '');
    truncateSync(join(root, path), size);
  };
  file('camera/A001C003_250101_R1AB.ari', 412 * MB);
  file('camera/A001C004_250101_R1AB.ari', 398 * MB);
  file('camera/camera_report.pdf', 180_000);
  file('SH040_edit_ref.mov', 230 * MB);
  for (let f = 1001; f <= 1024; f++) file(`renders/beauty.${f}.exr`, 6 * MB + f);
  file('renders/render.log', 52_000);
  for (let i = 0; i < 400; i++) file(`cache/blob_${letters(i)}.pack`, 20_000 + i * 10);
}

describe('files in the folder tree', () => {
  let h: Harness;
  let dir: string;

  beforeAll(async () => {
    dir = makeTempDir('e2e-folder-files');
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('expands a folder to its files among its subfolders, largest first, and keeps frames in their sequence', async () => {
    const root = join(dir, 'SH040');
    buildShot(root);
    const { page } = h;
    const results = await scanAndOpenResults(page, root);
    const tree = results.getByRole('tree', { name: 'Folder tree' });
    const folder = (name: string) => tree.getByTestId('tree-row').filter({ hasText: new RegExp(`^${name}`) });
    const files = tree.getByTestId('file-row');
    const cameraFiles = tree.locator('[data-testid="file-row"][aria-level="3"]');
    await folder('camera').waitFor();

    // The root is open: its loose movie sits among its folders by size.
    const topLevel = tree.locator('[role="treeitem"][aria-level="2"]');
    await eventually(
      () => topLevel.locator('.tree-label').allTextContents(),
      (names) => names.join() === 'camera,SH040_edit_ref.mov,renders,cache',
    );
    expect(await topLevel.nth(1).getAttribute('aria-posinset')).toBe('2');
    expect(await topLevel.nth(1).getAttribute('aria-setsize')).toBe('4');

    // camera holds only files: it expands, and they are listed largest first with their sizes.
    expect(await folder('camera').getAttribute('aria-expanded')).toBe('false');
    await folder('camera').click();
    await eventually(
      () => cameraFiles.count(),
      (n) => n === 3,
    );
    expect(await cameraFiles.locator('.file-name').allTextContents()).toEqual([
      'A001C003_250101_R1AB.ari',
      'A001C004_250101_R1AB.ari',
      'camera_report.pdf',
    ]);
    expect(await cameraFiles.locator('.tree-bytes').allTextContents()).toEqual([
      '412 MB',
      '398 MB',
      '180 KB',
    ]);
    expect(await cameraFiles.first().getAttribute('aria-level')).toBe('3');
    expect(await cameraFiles.first().getAttribute('aria-setsize')).toBe('3');

    // renders: its sequence is one row and its log a file; no frame shows up as a loose file.
    await folder('renders').click();
    await tree.getByTestId('sequence-row').filter({ hasText: 'beauty.####.exr' }).waitFor();
    await eventually(
      () => files.filter({ hasText: 'render.log' }).count(),
      (n) => n === 1,
    );
    expect(await files.filter({ hasText: 'beauty.' }).count()).toBe(0);
    const log = files.filter({ hasText: 'render.log' });
    expect(await log.getAttribute('aria-setsize')).toBe('2');
    expect(await log.getAttribute('aria-posinset')).toBe('2');

    // The breakdown by type leads with .ari.
    const types = results.getByTestId('file-type');
    // (The label sits between left-to-right marks, as the side lists' paths do.)
    expect((await types.first().locator('.rank-path').textContent())?.replace(/\u200E/g, '')).toBe('.ari');
    expect(await types.first().locator('.rank-sub').textContent()).toMatch(/^2 files · /);
    await dismissToasts(page);
    await page.waitForTimeout(200); // let the chevrons' turn finish
    await docScreenshot(h, 'folder-files', results);
    await types.first().scrollIntoViewIfNeeded();
    await docScreenshot(h, 'file-types', results.getByTestId('file-types'));

    // cache: 400 files, only a window of them in the page.
    await folder('cache').click();
    const cacheFile = files.filter({ hasText: /^blob_/ });
    await cacheFile.first().waitFor();
    expect(await cacheFile.first().getAttribute('aria-setsize')).toBe('400');
    expect(await cacheFile.first().locator('.file-name').textContent()).toBe(`blob_${letters(399)}.pack`);
    expect(await cacheFile.count()).toBeLessThan(80);
  });
});
