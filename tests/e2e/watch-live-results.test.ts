/**
 * With Watch on, the results themselves stay live: a frame filling a gap clears the problem and moves the
 * tree's sequence row, folder sizes and totals; a new gap is a new problem; a new folder appears in the tree.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBytes } from '../../src-shared/format';
import { makeTempDir } from '../helpers/trees';
import { startHarness, type Harness } from './harness';
import { dismissToasts, docScreenshot } from './offload-ui';
import { eventually, expectNoPageErrors, scanAndOpenResults } from './ui';

const FRAME_BYTES = 100_000;

describe('live results while watching', () => {
  let h: Harness;
  let dir: string;

  beforeAll(async () => {
    dir = makeTempDir('e2e-watch-live');
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('updates problems, the tree and the totals as frames land, and shows the scan again when off', async () => {
    const root = join(dir, 'SH020_LIVE');
    const beautyDir = join(root, 'renders', 'beauty');
    mkdirSync(beautyDir, { recursive: true });
    const frame = (folder: string, name: string, n: number): void =>
      writeFileSync(join(folder, `${name}.${n}.exr`), Buffer.alloc(FRAME_BYTES, 0x61));
    for (const n of [1001, 1002, 1003, 1005]) frame(beautyDir, 'beauty', n);

    const { page } = h;
    const results = await scanAndOpenResults(page, root);
    const tree = results.getByRole('tree', { name: 'Folder tree' });
    const problems = results.getByRole('region', { name: 'Problems' });
    const totals = results.getByTestId('totals');
    const sequenceTotals = results.getByTestId('sequence-totals');
    const folder = (name: string) => tree.getByTestId('tree-row').filter({ hasText: new RegExp(`^${name}`) });
    const bytesOf = (row: ReturnType<typeof folder>) => row.locator('.tree-bytes').textContent();
    const beauty = tree.getByTestId('sequence-row').filter({ hasText: 'beauty.####.exr' });
    const beautyProblem = problems.getByTestId('problem-row').filter({ hasText: 'beauty.####.exr' });

    await folder('renders').click();
    await folder('beauty').click();
    await beauty.waitFor();
    expect(await beauty.getByTestId('seq-missing').textContent()).toBe('1 missing: 1004');
    expect(await bytesOf(folder('beauty'))).toBe(formatBytes(4 * FRAME_BYTES));
    await beautyProblem.waitFor();
    expect(await sequenceTotals.textContent()).toBe('1 sequence, 1 with problems');

    const watch = results.getByRole('region', { name: 'Watch' });
    await watch.getByRole('button', { name: 'Watch' }).click();
    const status = watch.getByTestId('watch-status');
    await eventually(
      () => status.textContent(),
      (text) => text?.startsWith('Live: ') ?? false,
    );

    // The gap is filled: the problem goes, and the sequence row, folder sizes and totals follow.
    frame(beautyDir, 'beauty', 1004);
    await eventually(
      () => problems.textContent(),
      (text) => text?.includes('No problem sequences.') ?? false,
    );
    await eventually(
      () => beauty.getByTestId('seq-count').textContent(),
      (text) => text === '5 frames',
    );
    expect(await beauty.getByTestId('seq-missing').count()).toBe(0);
    expect(await beauty.getByTestId('seq-range').textContent()).toBe('1001-1005');
    expect(await bytesOf(folder('beauty'))).toBe(formatBytes(5 * FRAME_BYTES));
    expect(await bytesOf(folder('renders'))).toBe(formatBytes(5 * FRAME_BYTES));
    expect(await sequenceTotals.textContent()).toBe('1 sequence, 0 with problems');
    expect(await totals.textContent()).toContain('5 files');

    // A frame past a new gap: a problem row appears, and the row says what is missing.
    frame(beautyDir, 'beauty', 1007);
    await beautyProblem.waitFor();
    expect(await beautyProblem.textContent()).toContain('1006');
    await eventually(
      () => beauty.getByTestId('seq-missing').textContent(),
      (text) => text === '1 missing: 1006',
    );
    expect(await sequenceTotals.textContent()).toBe('1 sequence, 1 with problems');

    // A new folder with frames and a note: shown under renders; its files were never scanned, so it says so.
    const depthDir = join(root, 'renders', 'depth');
    mkdirSync(depthDir);
    for (const n of [1001, 1002, 1003]) frame(depthDir, 'depth', n);
    writeFileSync(join(depthDir, 'notes.txt'), 'depth pass');
    await eventually(
      () => bytesOf(folder('depth')).catch(() => null),
      (text) => text === formatBytes(3 * FRAME_BYTES + 10),
    );
    await eventually(
      () => sequenceTotals.textContent(),
      (text) => text === '2 sequences, 1 with problems',
    );
    expect(await bytesOf(folder('renders'))).toBe(formatBytes(9 * FRAME_BYTES + 10));
    await folder('depth').click();
    await tree.getByTestId('sequence-row').filter({ hasText: 'depth.####.exr' }).waitFor();
    const note = tree.getByTestId('file-row').filter({ hasText: 'Changed while watching' });
    await note.waitFor();
    expect(await note.textContent()).toBe('Changed while watching: Rescan to list its files');
    await dismissToasts(page);
    await docScreenshot(h, 'watch-live-results', results);

    // Off: the results are the scan's again, and the Watch panel says so.
    await watch.getByRole('button', { name: 'Watch' }).click();
    await eventually(
      () => sequenceTotals.textContent(),
      (text) => text === '1 sequence, 1 with problems',
    );
    expect(await status.textContent()).toBe('Off: these are the results as scanned.');
    expect(await beauty.getByTestId('seq-missing').textContent()).toBe('1 missing: 1004');
    expect(await folder('depth').count()).toBe(0);
    expectNoPageErrors(h.pageErrors);
  });
});
