/** Two folders dropped at once: two jobs, and each modal and job row shows only its own numbers. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBytes, formatCount } from '../../src-shared/format';
import { LARGEST_LIMIT } from '../../src-shared/jobs';
import { findCensus, makeTempDir, makeWideTree } from '../helpers/trees';
import { dropFolders } from './drop';
import { startHarness, type Harness } from './harness';
import {
  eventually,
  expectNoPageErrors,
  modalOf,
  parseCount,
  sampleModal,
  waitForStatus,
  type ModalSample,
} from './ui';

/** What a tree holds, and the one file size it uses (so bytes ÷ files names the tree). */
interface Tree {
  root: string;
  files: number;
  fileSize: number;
}

describe('two folders dropped at once', () => {
  let h: Harness;
  let small: Tree;
  let big: Tree;
  let dir: string;

  beforeAll(async () => {
    dir = makeTempDir('e2e-two');
    // Same folder count (300 each, about seven seconds at 40 a second), very different files.
    small = { root: join(dir, 'SMALL_SHOW'), files: 300, fileSize: 16 };
    makeWideTree(small.root, 300, 1, small.fileSize);
    big = { root: join(dir, 'BIG_SHOW'), files: 1200, fileSize: 1000 };
    makeWideTree(big.root, 300, 4, big.fileSize);
    h = await startHarness({ config: { jobs: { scan: { max_dirs_per_second: 40 } }, jobConcurrency: 2 } });
  });
  afterAll(async () => {
    await h?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A modal sample belongs to `tree`: within its totals, and its bytes per file is the tree's file size. */
  function expectOwnNumbers(sample: ModalSample, tree: Tree): void {
    expect(sample.files).toBeLessThanOrEqual(tree.files);
    if (sample.files > 0) {
      const perFile = sample.bytes / sample.files;
      // formatBytes keeps two or three significant digits: allow 6%.
      expect(perFile).toBeGreaterThan(tree.fileSize * 0.94);
      expect(perFile).toBeLessThan(tree.fileSize * 1.06);
    }
  }

  /** Files shown in a job row's line ("37% · 120 files" or "4.8 KB · 300 files · 14:02"). */
  async function rowFiles(batchId: string): Promise<number | null> {
    const meta = await h.page.getByTestId(`job-${batchId}`).locator('.job-meta').textContent();
    const match = /([\d,]+) files?/.exec(meta ?? '');
    return match ? parseCount(match[1]!) : null;
  }

  it('makes two jobs whose modals and rows never mix their numbers', async () => {
    const { page, engine } = h;
    await dropFolders(page, [small.root, big.root]);
    const jobs = await eventually(
      () => engine.manager.listJobs(),
      (list) => list.length === 2,
    );
    const idOf = (tree: Tree): string => jobs.find((job) => job.root === tree.root)!.batch_id;
    const smallId = idOf(small);
    const bigId = idOf(big);
    expect(smallId).not.toBe(bigId);

    const list = page.getByRole('list', { name: 'Jobs' });
    await list
      .getByTestId(`job-${smallId}`)
      .getByRole('button', { name: /SMALL_SHOW/ })
      .waitFor();
    await list
      .getByTestId(`job-${bigId}`)
      .getByRole('button', { name: /BIG_SHOW/ })
      .waitFor();

    // The first dropped folder's modal opens; it shows only its own numbers while both run.
    const smallModal = modalOf(page, small.root);
    await smallModal.waitFor();
    // Sample for a second and a half (by the clock: page round trips slow down when the cores are busy), and
    // on while the other job's row shows no files yet: on a loaded machine its worker may boot late.
    let bigRowMax = 0;
    let bigSeenRunning = false;
    const until = Date.now() + 1500;
    const latest = Date.now() + 20_000;
    let smallSamples = 0;
    while (Date.now() < until || smallSamples < 3 || (bigRowMax === 0 && Date.now() < latest)) {
      const sample = await sampleModal(smallModal);
      // This job ended first: the rest of the comparison needs both running, so stop sampling here.
      if (sample.status !== 'Scanning…' && smallSamples >= 3) break;
      expectOwnNumbers(sample, small);
      smallSamples++;
      const smallRow = await rowFiles(smallId);
      const bigRow = await rowFiles(bigId);
      if (smallRow !== null) expect(smallRow).toBeLessThanOrEqual(small.files);
      if (bigRow !== null) bigRowMax = Math.max(bigRowMax, bigRow);
      const bigLabel = await list.getByTestId(`job-${bigId}`).getByRole('button').getAttribute('aria-label');
      if (/BIG_SHOW — running/.test(bigLabel ?? '')) bigSeenRunning = true;
      await page.waitForTimeout(150);
    }
    // Meanwhile the other job ran too, its row counting its own files.
    expect(bigSeenRunning).toBe(true);
    expect(bigRowMax).toBeGreaterThan(0);

    // Put this modal in the background and open the other job from the jobs panel.
    await smallModal.getByRole('button', { name: 'Run in background' }).click();
    await smallModal.waitFor({ state: 'detached' });
    await list.getByTestId(`job-${bigId}`).getByRole('button').click();
    const bigModal = modalOf(page, big.root);
    await bigModal.waitFor();
    expect(await page.getByRole('dialog').count()).toBe(1);
    const bigSamples: ModalSample[] = [];
    for (;;) {
      const sample = await sampleModal(bigModal);
      if (sample.status !== 'Scanning…') break;
      bigSamples.push(sample);
      expectOwnNumbers(sample, big);
      const smallRow = await rowFiles(smallId);
      if (smallRow !== null) expect(smallRow).toBeLessThanOrEqual(small.files);
      await page.waitForTimeout(200);
    }
    expect(bigSamples.length).toBeGreaterThanOrEqual(3);
    expect(bigSamples.some((s) => s.files > small.files)).toBe(true);

    // Its summary is its own tree's census.
    const bigCensus = findCensus(big.root, LARGEST_LIMIT);
    await waitForStatus(bigModal, 'Completed');
    expect(await bigModal.getByTestId('files-count').textContent()).toBe(formatCount(bigCensus.file_count));
    expect(await bigModal.getByTestId('dirs-count').textContent()).toBe(
      formatCount(bigCensus.directory_count),
    );
    expect(await bigModal.getByTestId('bytes-count').textContent()).toBe(formatBytes(bigCensus.total_size));
    await page.keyboard.press('Escape');
    await bigModal.waitFor({ state: 'detached' });

    // The small job ends with its own census in its row and its results.
    const smallCensus = findCensus(small.root, LARGEST_LIMIT);
    const smallButton = list.getByTestId(`job-${smallId}`).getByRole('button');
    await eventually(
      () => smallButton.getAttribute('aria-label'),
      (label) => /completed/.test(label ?? ''),
      15_000,
    );
    expect(await rowFiles(smallId)).toBe(smallCensus.file_count);
    expect(await rowFiles(bigId)).toBe(bigCensus.file_count);
    expect(await list.getByTestId(`job-${smallId}`).locator('.job-meta').textContent()).toContain(
      formatBytes(smallCensus.total_size),
    );
    await smallButton.click();
    const totals = page.getByRole('region', { name: 'Results' }).getByTestId('totals');
    await totals.waitFor();
    const text = (await totals.textContent()) ?? '';
    expect(text).toContain(formatBytes(smallCensus.total_size));
    expect(text).toContain(`${formatCount(smallCensus.file_count)} files`);
    expect(text).toContain(`${formatCount(smallCensus.directory_count)} folders`);
    expectNoPageErrors(h.pageErrors);
  });
});
