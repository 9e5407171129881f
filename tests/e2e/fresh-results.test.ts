/**
 * Fresh results: a move out of a scanned folder marks its results (and the destination's) "out of date", and
 * Rescan (the R key, or the note's button) starts a new scan of the same folder whose numbers are the new ones.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { makeTempDir } from '../helpers/trees';
import { dropFolders } from './drop';
import { startHarness, type Harness } from './harness';
import { dismissToasts, docScreenshot } from './offload-ui';
import { expectNoPageErrors, modalOf, scanAndOpenResults, waitForStatus } from './ui';

/** A: sh010 with 10 plates, sh020 with a beauty render missing frame 1005 (9 files). B: one note. */
function buildTrees(a: string, b: string): void {
  mkdirSync(join(a, 'sh010', 'plates'), { recursive: true });
  for (let f = 1; f <= 10; f++)
    writeFileSync(join(a, 'sh010', 'plates', `plate.${1000 + f}.dpx`), Buffer.alloc(2000, 0x61));
  mkdirSync(join(a, 'sh020', 'renders'), { recursive: true });
  for (let f = 1001; f <= 1010; f++)
    if (f !== 1005) writeFileSync(join(a, 'sh020', 'renders', `beauty.${f}.exr`), Buffer.alloc(3000, 0x62));
  mkdirSync(b, { recursive: true });
  writeFileSync(join(b, 'notes.txt'), 'notes\n');
}

/** The "Files" total of the results on show. */
async function filesTotal(page: Page): Promise<string> {
  const totals = page.getByTestId('totals');
  return (
    (await totals
      .locator('div', { hasText: /^Files/ })
      .locator('dd')
      .textContent()) ?? ''
  );
}

/** Wait for the scan of `root` that was just started to complete, and open its results. */
async function viewNewScan(page: Page, root: string): Promise<void> {
  const modal = modalOf(page, root);
  await waitForStatus(modal, 'Completed');
  await modal.getByRole('button', { name: 'View results' }).click();
  await modal.waitFor({ state: 'detached' });
}

describe('results that a later transfer changed', () => {
  let h: Harness;
  let dir: string;

  beforeAll(async () => {
    dir = makeTempDir('e2e-fresh');
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are marked out of date after a move, and Rescan brings fresh numbers', async () => {
    const a = join(dir, 'A');
    const b = join(dir, 'B');
    buildTrees(a, b);
    const { page } = h;
    const out = page.getByTestId('out-of-date');
    const jobs = page.getByRole('list', { name: 'Jobs' });

    await scanAndOpenResults(page, a);
    expect(await filesTotal(page)).toBe('19 files');
    expect(await out.count()).toBe(0);
    await scanAndOpenResults(page, b);
    expect(await filesTotal(page)).toBe('1 file');

    // Move A/sh010 into B by dropping it on B's results.
    await dropFolders(page, [join(a, 'sh010')], 'section[aria-label="Results"]');
    const options = page.getByRole('dialog', { name: 'Copy options' });
    await options.waitFor();
    await options.getByRole('radio', { name: 'Move' }).check();
    // Choosing Move renames the dialog.
    await page.getByRole('dialog', { name: 'Move options' }).getByRole('button', { name: 'Start' }).click();
    const move = page.getByRole('dialog', { name: 'Moving sh010' });
    await waitForStatus(move, 'Completed');
    await move.getByRole('button', { name: 'Close' }).click();
    await move.waitFor({ state: 'detached' });

    // B (where it landed) is out of date, and so is A (what it left).
    await out.waitFor();
    expect(await out.textContent()).toContain('A move of sh010 to B changed this folder');
    await jobs.getByRole('button', { name: /^A — completed, / }).click();
    await page.getByRole('heading', { name: 'A', exact: true }).waitFor();
    await out.waitFor();
    expect(await out.textContent()).toContain('A move of sh010 to B changed this folder');
    expect(await filesTotal(page)).toBe('19 files');
    await dismissToasts(page);
    await docScreenshot(h, 'results-out-of-date');

    // R typed into a field is text, not a rescan.
    const filter = page.getByRole('searchbox', { name: 'Filter problems by folder or pattern' });
    await filter.focus();
    await page.keyboard.press('r');
    expect(await filter.inputValue()).toBe('r');
    await filter.fill('');
    // R anywhere else rescans A: its new results count what is left, and are not out of date.
    await page.getByRole('heading', { name: 'A', exact: true }).click();
    await page.keyboard.press('r');
    await viewNewScan(page, a);
    expect(await filesTotal(page)).toBe('9 files');
    expect(await out.count()).toBe(0);
    // Exactly one new scan of A: the R typed in the filter started none.
    expect(await jobs.getByRole('button', { name: /^A — completed, / }).count()).toBe(2);
    await dismissToasts(page);
    await docScreenshot(h, 'results-rescanned');

    // B's note has its own Rescan: B now holds sh010's 10 plates too.
    await jobs.getByRole('button', { name: /^B — completed, / }).click();
    await page.getByRole('heading', { name: 'B', exact: true }).waitFor();
    await out.getByRole('button', { name: 'Rescan' }).click();
    await viewNewScan(page, b);
    expect(await filesTotal(page)).toBe('11 files');
    expect(await out.count()).toBe(0);
    // The header's Rescan is there too.
    await page.getByRole('region', { name: 'Results' }).getByRole('button', { name: 'Rescan' }).waitFor();
    expectNoPageErrors(h.pageErrors);
  });
});
