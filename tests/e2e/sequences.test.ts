/** Image sequences in the results: sequence rows in the folder tree, their frames, and the Problems list. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/trees';
import { startHarness, type Harness } from './harness';
import { eventually, expectNoPageErrors, scanAndOpenResults } from './ui';

/** renders/beauty: 1001-1240 without 1107 and 1188, 1200 empty, 1210 tiny; renders/depth: complete. */
function buildRenderTree(root: string): void {
  const beauty = join(root, 'renders', 'beauty');
  const depth = join(root, 'renders', 'depth');
  mkdirSync(beauty, { recursive: true });
  mkdirSync(depth, { recursive: true });
  for (let f = 1001; f <= 1240; f++) {
    if (f === 1107 || f === 1188) continue;
    const size = f === 1200 ? 0 : f === 1210 ? 40 : 8000 + (f % 7) * 10;
    writeFileSync(join(beauty, `beauty.${f}.exr`), Buffer.alloc(size, 0x61));
  }
  for (let f = 1001; f <= 1100; f++) writeFileSync(join(depth, `depth.${f}.exr`), Buffer.alloc(3000, 0x62));
  writeFileSync(join(root, 'renders', 'notes.txt'), 'render notes\n');
  writeFileSync(join(root, 'README.md'), '# shot\n');
}

describe('image sequences in the results', () => {
  let h: Harness;
  let dir: string;

  beforeAll(async () => {
    dir = makeTempDir('e2e-sequences');
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows sequences in the tree, their frames, and the problem ones in Problems', async () => {
    const root = join(dir, 'SHOT_SEQ');
    buildRenderTree(root);
    const { page } = h;
    const results = await scanAndOpenResults(page, root);
    const tree = results.getByRole('tree', { name: 'Folder tree' });
    await tree.getByTestId('tree-row').first().waitFor();

    // The totals count the sequences.
    expect(await results.getByTestId('sequence-totals').textContent()).toBe('2 sequences, 1 with problems');

    // Open renders, then beauty: its sequence is a row below it.
    const folder = (name: string) => tree.getByTestId('tree-row').filter({ hasText: new RegExp(`^${name}`) });
    await folder('renders').click();
    await folder('beauty').waitFor();
    await folder('beauty').click();
    const beauty = tree.getByTestId('sequence-row').filter({ hasText: 'beauty.####.exr' });
    await beauty.waitFor();
    expect(await beauty.getAttribute('aria-level')).toBe('4');
    expect(await beauty.getAttribute('aria-expanded')).toBe('false');
    expect(await beauty.getByTestId('seq-range').textContent()).toBe('1001-1240');
    expect(await beauty.getByTestId('seq-count').textContent()).toBe('238 frames');
    expect(await beauty.getByTestId('seq-missing').textContent()).toBe('2 missing: 1107, 1188');
    expect(await beauty.getByTestId('seq-zero-byte').textContent()).toBe('1 zero-byte');
    expect(await beauty.getByTestId('seq-suspect-small').textContent()).toBe('1 small');
    expect(await beauty.getByTestId('seq-suspect-small').getAttribute('title')).toMatch(/1210/);
    // depth is not open yet, so its sequence is not shown.
    expect(await tree.getByTestId('sequence-row').filter({ hasText: 'depth' }).count()).toBe(0);

    // Expand the sequence: one row per frame, missing frames included, only a window of them in the page.
    await beauty.click();
    await eventually(
      () => beauty.getAttribute('aria-expanded'),
      (value) => value === 'true',
    );
    const frames = tree.getByTestId('frame-row');
    await frames.first().waitFor();
    expect(await frames.first().locator('.frame-number').textContent()).toBe('1001');
    expect(await frames.first().getAttribute('aria-setsize')).toBe('240');
    expect(await frames.count()).toBeLessThan(60);
    await page.waitForTimeout(200); // let the chevron's turn finish
    await h.screenshot('sequences-tree');

    // Scroll down to frame 1107: it is a missing row; 1200 is flagged zero-byte, 1210 suspiciously small.
    const scroller = tree;
    // Frame rows are 28 px apart; frame 1001's row offset is read once, while it is still rendered.
    const firstFrameTop = await frames.first().evaluate((el) => {
      const style = (el as unknown as { style: { transform: string } }).style.transform;
      return Number(/translateY\(([\d.]+)px\)/.exec(style)?.[1] ?? 0);
    });
    const scrollToFrame = async (frame: number): Promise<void> => {
      await scroller.evaluate(
        (el, top) => {
          (el as unknown as { scrollTop: number }).scrollTop = top;
        },
        firstFrameTop + (frame - 1001) * 28 - 100,
      );
    };
    const frameRow = (frame: number) =>
      frames.filter({ has: page.locator('.frame-number', { hasText: new RegExp(`^${frame}$`) }) });
    await scrollToFrame(1107);
    await frameRow(1107).waitFor();
    expect(await frameRow(1107).getAttribute('data-status')).toBe('missing');
    expect(await frameRow(1106).getAttribute('data-status')).toBe('ok');
    await scrollToFrame(1200);
    await frameRow(1200).waitFor();
    expect(await frameRow(1200).getAttribute('data-status')).toBe('zero');
    expect(await frameRow(1210).getAttribute('data-status')).toBe('small');
    await h.screenshot('sequences-frames');
    expect(await frames.count()).toBeLessThan(60);

    // Problems lists beauty (with what is wrong) under its folder, and not depth.
    const problems = page.getByRole('region', { name: 'Problems' });
    const items = problems.getByTestId('problem-row');
    expect(await items.count()).toBe(1);
    expect(await problems.getByTestId('problem-group').getAttribute('aria-label')).toBe(
      'renders/beauty, 1 problem',
    );
    const text = (await items.first().textContent()) ?? '';
    expect(text).toContain('beauty.####.exr');
    expect(text).toContain('1001-1240');
    expect(text).toContain('2 missing: 1107, 1188');
    expect(text).toContain('1 zero-byte');
    expect(text).toContain('1 suspiciously small');
    expect(await problems.textContent()).not.toContain('depth');

    // Collapse renders, then reveal beauty from Problems: the folders open and the sequence is selected.
    await scroller.evaluate((el) => {
      (el as unknown as { scrollTop: number }).scrollTop = 0;
    });
    await folder('renders').click();
    await eventually(
      () => tree.getByTestId('sequence-row').count(),
      (n) => n === 0,
    );
    await items.first().click();
    await problems.getByRole('button', { name: 'Show in tree' }).click();
    await eventually(
      () => beauty.getAttribute('aria-selected'),
      (value) => value === 'true',
    );
    await problems.scrollIntoViewIfNeeded();
    await h.screenshot('problems');

    // Collapse beauty's frames and open depth: complete, so it has no flags.
    await beauty.click();
    await eventually(
      () => beauty.getAttribute('aria-expanded'),
      (value) => value === 'false',
    );
    await folder('depth').click();
    const depth = tree.getByTestId('sequence-row').filter({ hasText: 'depth.####.exr' });
    await depth.waitFor();
    expect(await depth.getByTestId('seq-range').textContent()).toBe('1001-1100');
    expect(await depth.getByTestId('seq-count').textContent()).toBe('100 frames');
    expect(await depth.locator('.seq-flag').count()).toBe(0);
    expectNoPageErrors(h.pageErrors);
  });

  it('lists empty files and empty folders, and keeps script versions out of the sequences', async () => {
    const root = join(dir, 'SHOT_EMPTY');
    mkdirSync(join(root, 'comp'), { recursive: true });
    for (const v of [1, 2, 4, 7])
      writeFileSync(join(root, 'comp', `sh010_comp_v00${v}.nk`), Buffer.alloc(v === 4 ? 10 : 9000, 0x6e));
    mkdirSync(join(root, 'plates'), { recursive: true });
    for (let f = 1; f <= 5; f++)
      writeFileSync(join(root, 'plates', `plate.${String(f).padStart(4, '0')}.dpx`), Buffer.alloc(500, 0x63));
    writeFileSync(join(root, 'cut.mov'), '');
    mkdirSync(join(root, 'renders', 'empty'), { recursive: true });
    const { page } = h;
    await scanAndOpenResults(page, root);
    const region = page.getByRole('region', { name: 'Empty files and folders' });
    await region.waitFor();
    // Paths are shown relative to the root (between left-to-right marks, see path-text.ts).
    const listed = async (name: string): Promise<string | null> =>
      (await region.getByRole('list', { name }).textContent())?.replaceAll('\u200e', '') ?? null;
    expect(await listed('1 zero-byte file')).toBe('cut.mov');
    expect(await listed('1 empty folder')).toBe('renders/empty');
    // The .nk versions are single files: the plate is the one sequence, and it has no problems.
    expect(await page.getByTestId('sequence-totals').textContent()).toBe('1 sequence, 0 with problems');
    await h.screenshot('empty-files-and-folders');
    expectNoPageErrors(h.pageErrors);
  });

  it('says so when no sequence has problems', async () => {
    const root = join(dir, 'SHOT_CLEAN');
    mkdirSync(join(root, 'plates'), { recursive: true });
    for (let f = 1; f <= 20; f++)
      writeFileSync(join(root, 'plates', `plate.${String(f).padStart(4, '0')}.dpx`), Buffer.alloc(500, 0x63));
    const { page } = h;
    await scanAndOpenResults(page, root);
    const problems = page.getByRole('region', { name: 'Problems' });
    await problems.getByText('No problem sequences.').waitFor();
    expect(await page.getByTestId('sequence-totals').textContent()).toBe('1 sequence, 0 with problems');
    expectNoPageErrors(h.pageErrors);
  });
});
