/**
 * The transfer modal's throughput graph and the jobs panel's sparkline, on a real verified copy at a bandwidth
 * limit: a few big files and many small ones, paused and resumed mid-copy. What the graph shows is read
 * through the DOM: the canvas's aria-label, the numbers beside it, and its phase spans as a hidden list.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileHashes } from '../helpers/copy-trees';
import { makeTempDir, makeWideTree } from '../helpers/trees';
import { startHarness, type Harness } from './harness';
import { copiedHashes, copyModal, openCopyOptions } from './transfer-ui';
import { eventually, expectNoPageErrors, scanAndOpenResults, waitForStatus } from './ui';

/** 3 × 12 MB and 200 × 20 KB, read back after writing: about 80 MB of work at 10 MB/s, some 8 s. */
const BIG_FILES = 3;
const BIG_BYTES = 12_000_000;
const LIMIT_BYTES_PER_SECOND = 10_000_000;

/** One span of the graph's hidden list. */
interface Span {
  phase: string;
  from: number;
  to: number;
  text: string;
}

/** The share of a canvas's pixels that are painted. */
async function paintedShare(canvas: Locator): Promise<number> {
  return canvas.evaluate((element) => {
    const target = element as HTMLCanvasElement;
    const data = target.getContext('2d')?.getImageData(0, 0, target.width, target.height).data ?? [];
    let count = 0;
    for (let index = 3; index < data.length; index += 4) if ((data[index] ?? 0) > 0) count++;
    return count / (target.width * target.height);
  });
}

describe('the throughput graph', () => {
  let h: Harness;
  let dir: string;

  beforeAll(async () => {
    dir = makeTempDir('e2e-throughput');
    h = await startHarness({
      config: { jobs: { transfer: { max_bytes_per_second: LIMIT_BYTES_PER_SECOND } } },
    });
  });
  afterAll(async () => {
    await h?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws the rate over the copy with its phases, pauses included, and a sparkline in the jobs panel', async () => {
    const root = join(dir, 'PLATES');
    mkdirSync(join(root, 'plates'), { recursive: true });
    for (let index = 0; index < BIG_FILES; index++)
      writeFileSync(join(root, 'plates', `plate_${index}.mov`), Buffer.alloc(BIG_BYTES, 0x41 + index));
    makeWideTree(join(root, 'small'), 10, 20, 20_000);
    const { page } = h;
    await scanAndOpenResults(page, root);
    const options = await openCopyOptions(h, join(dir, 'dest'));
    // The app's default: copies are read back, so the copy also has a verifying phase.
    expect(
      await options.getByRole('checkbox', { name: 'Verify copies (read back from storage)' }).isChecked(),
    ).toBe(true);
    await options.getByRole('button', { name: 'Start' }).click();

    const modal = copyModal(page, 'PLATES');
    const graph = modal.getByRole('img', { name: /^Throughput:/ });
    const spans = modal.getByTestId('throughput-spans');
    // Every phase the span list ever held, recorded in the page (the whole document, so also after the modal is
    // reopened), so a short verifying stretch is not missed.
    await modal.getByTestId('throughput').waitFor();
    await page.evaluate(() => {
      const seen = new Set<string>();
      const read = (): void => {
        for (const item of document.querySelectorAll('[data-testid="throughput-spans"] li'))
          seen.add(item.getAttribute('data-phase') ?? '');
      };
      read();
      new MutationObserver(read).observe(document.body, { subtree: true, childList: true });
      (globalThis as unknown as { __phasesSeen: Set<string> }).__phasesSeen = seen;
    });
    const percent = async (): Promise<number> =>
      Number(await modal.getByRole('progressbar').getAttribute('aria-valuenow'));
    const readSpans = (): Promise<Span[]> =>
      spans.locator('li').evaluateAll((items) =>
        items.map((item) => ({
          phase: item.getAttribute('data-phase') ?? '',
          from: Number(item.getAttribute('data-from')),
          to: Number(item.getAttribute('data-to')),
          text: item.textContent ?? '',
        })),
      );

    // Copying: the label names the current speed, the average, the time left and the phase.
    await eventually(percent, (value) => value >= 20, 30_000);
    expect(await graph.getAttribute('aria-label')).toMatch(
      /^Throughput: now [\d.]+ MB\/s, average [\d.]+ MB\/s, .+ left; (copying|verifying)$/,
    );
    expect(await modal.getByTestId('throughput-now').textContent()).toMatch(/^[\d.]+ MB\/s$/);
    expect(await modal.getByTestId('throughput-average').textContent()).toMatch(/^[\d.]+ MB\/s$/);
    expect(await modal.getByTestId('throughput-eta').textContent()).toMatch(/\d/);
    const row = page.locator('.job-row.job-transfer').filter({ hasText: 'PLATES' });
    expect(await row.getByTestId('job-sparkline').count()).toBe(1);

    // Pause: the label says so, "Now" has no rate, and the spans hold a paused one at the fraction it stopped.
    await modal.getByRole('button', { name: 'Pause' }).click();
    await waitForStatus(modal, 'Paused');
    await eventually(
      () => graph.getAttribute('aria-label'),
      (label) => label?.endsWith('; paused') === true,
    );
    expect(await modal.getByTestId('throughput-now').textContent()).toBe('—');
    const paused = (await readSpans()).filter((span) => span.phase === 'paused');
    expect(paused).toHaveLength(1);
    expect(paused[0]!.text).toMatch(/^Paused at \d+%/);

    // Resume: the copy goes on where it stopped, the pause stays in the history, and the curve continues.
    const atPause = paused[0]!.from;
    await modal.getByRole('button', { name: 'Resume' }).click();
    await eventually(percent, (value) => value >= Math.floor(atPause * 100) + 20, 30_000);
    const after = await readSpans();
    const pauseIndex = after.findIndex((span) => span.phase === 'paused');
    expect(pauseIndex).toBeGreaterThan(0);
    expect(after[pauseIndex]!.from).toBe(atPause);
    expect(
      after.slice(pauseIndex + 1).some((span) => span.phase === 'copying' || span.phase === 'verifying'),
    ).toBe(true);
    expect(after[0]!.from).toBeLessThan(atPause);
    // The graph is drawn: a good share of the canvas is painted (bands, area and curve).
    expect(await paintedShare(graph)).toBeGreaterThan(0.2);
    await h.screenshot('copy-throughput', modal);

    // In the background, the job's row draws the same history small.
    await modal.getByRole('button', { name: 'Run in background' }).click();
    await modal.waitFor({ state: 'detached' });
    const sparkline = row.getByTestId('job-sparkline');
    expect(await paintedShare(sparkline)).toBeGreaterThan(0.1);
    await h.screenshot('jobs-throughput-sparkline', row);
    await row.getByRole('button').click();

    await waitForStatus(modal, 'Completed', 60_000);
    const seen = await page.evaluate(() => [
      ...(globalThis as unknown as { __phasesSeen: Set<string> }).__phasesSeen,
    ]);
    expect(seen).toEqual(expect.arrayContaining(['counting', 'copying', 'verifying', 'paused']));
    expect(copiedHashes(join(dir, 'dest', 'PLATES'))).toEqual(fileHashes(root));
    expectNoPageErrors(h.pageErrors);
  });
});
