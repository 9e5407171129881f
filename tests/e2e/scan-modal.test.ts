/** Dropping a folder: the live modal, its final summary, cancelling, refusals, and the results tree. */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBytes, formatCount } from '../../src-shared/format';
import { LARGEST_LIMIT } from '../../src-shared/jobs';
import { contentSecurityPolicy } from '../../src-main/security/csp';
import { buildShowTree, findCensus, makeTempDir, makeWideTree } from '../helpers/trees';
import { dropFolders } from './drop';
import { startHarness, type Harness } from './harness';
import {
  eventually,
  parseCount,
  expectNoPageErrors,
  modalOf,
  parseBytes,
  sampleModal,
  scanAndOpenResults,
  waitForStatus,
  type ModalSample,
} from './ui';
import { percentRank } from '../helpers/percentages';

describe('scanning a dropped folder', () => {
  let h: Harness;
  let dir: string;

  beforeAll(async () => {
    dir = makeTempDir('e2e-modal');
    // 100 folders a second: a 600-folder tree takes about six seconds, long enough to watch.
    h = await startHarness({ config: { jobs: { scan: { max_dirs_per_second: 100 } } } });
  });
  afterAll(async () => {
    await h?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the built renderer with the production CSP, which lets the socket through', async () => {
    const response = await fetch(`${h.web.origin}/`);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toBe(
      contentSecurityPolicy(`ws://127.0.0.1:${h.engine.server.port}`),
    );
    expect((await fetch(`${h.web.origin}/no-such-file.js`)).status).toBe(404);
    expect((await fetch(`${h.web.origin}/../package.json`)).status).toBe(404);
  });

  it('shows live progress in the modal, then a summary that matches find', async () => {
    const root = join(dir, 'SHOW_LIVE');
    makeWideTree(root, 300, 4, 64);
    const census = findCensus(root, LARGEST_LIMIT);
    const { page } = h;

    await dropFolders(page, [root]);
    const modal = modalOf(page, root);
    await modal.waitFor();
    await expect(modal.getByRole('progressbar', { name: 'Scan progress' }).count()).resolves.toBe(1);

    const samples: ModalSample[] = [];
    let shot = false;
    for (;;) {
      const sample = await sampleModal(modal);
      samples.push(sample);
      if (sample.status !== 'Scanning…') break;
      if (!shot && (sample.percent ?? 0) >= 20) {
        await h.screenshot('modal-running');
        shot = true;
      }
      await page.waitForTimeout(200);
    }
    const running = samples.filter((s) => s.status === 'Scanning…');
    expect(running.length).toBeGreaterThanOrEqual(5);
    expect(shot).toBe(true);
    // The percentage never goes back (a first scan: indeterminate, then numbers, never indeterminate again),
    // and the text agrees with the bar (no text while indeterminate).
    for (let i = 1; i < samples.length; i++)
      expect(percentRank(samples[i]!.percent)).toBeGreaterThanOrEqual(percentRank(samples[i - 1]!.percent));
    for (const s of samples) expect(s.percentText).toBe(s.percent === null ? '' : `${s.percent}%`);
    // It rises through several values below 100 while the scan runs; 100 only at the end.
    const percents = new Set(running.flatMap((s) => (s.percent === null ? [] : [s.percent])));
    expect(percents.size).toBeGreaterThanOrEqual(4);
    expect(Math.max(...running.map((s) => percentRank(s.percent)))).toBeLessThan(100);
    // The current file changes, and is a file of this tree.
    const files = new Set(running.map((s) => s.currentFile).filter(Boolean));
    expect(files.size).toBeGreaterThanOrEqual(4);
    for (const file of files) expect(file.startsWith(`${root}/`)).toBe(true);
    // Counters only grow while running.
    for (let i = 1; i < running.length; i++)
      expect(running[i]!.files).toBeGreaterThanOrEqual(running[i - 1]!.files);
    expect(running.every((s) => s.connection === 'Live')).toBe(true);

    await waitForStatus(modal, 'Completed');
    const done = await sampleModal(modal);
    expect(done.percent).toBe(100);
    expect(done.percentText).toBe('100%');
    expect(await modal.getByTestId('files-count').textContent()).toBe(formatCount(census.file_count));
    expect(await modal.getByTestId('dirs-count').textContent()).toBe(formatCount(census.directory_count));
    expect(await modal.getByTestId('bytes-count').textContent()).toBe(formatBytes(census.total_size));
    expect(done.files).toBe(1200);
    expect(await modal.getByTestId('rate').textContent()).toMatch(/files\/s/);
    expect(await modal.getByTestId('eta').textContent()).toBeTruthy();

    // A toast says so, and the job row is completed.
    await page.getByRole('status').filter({ hasText: 'Scan of SHOW_LIVE completed' }).waitFor();
    const jobs = page.getByRole('list', { name: 'Jobs' });
    await jobs.getByRole('button', { name: /SHOW_LIVE.*completed/ }).waitFor();

    // Esc closes the ended modal.
    await page.keyboard.press('Escape');
    await modal.waitFor({ state: 'detached' });
    expectNoPageErrors(h.pageErrors);
  });

  it('cancel ends the job as cancelled', async () => {
    const root = join(dir, 'SHOW_CANCEL');
    makeWideTree(root, 300, 2);
    const { page } = h;
    await dropFolders(page, [root]);
    const modal = modalOf(page, root);
    await modal.waitFor();
    await eventually(
      () => sampleModal(modal),
      (s) => s.files > 0,
    );
    await modal.getByRole('button', { name: 'Cancel' }).click();
    await waitForStatus(modal, 'Cancelled', 10_000);
    const after = await sampleModal(modal);
    // It stopped well short of the 600 files.
    expect(after.files).toBeLessThan(600);
    await page
      .getByRole('list', { name: 'Jobs' })
      .getByRole('button', { name: /SHOW_CANCEL.*cancelled/ })
      .waitFor({ timeout: 5000 });
    expect(await modal.getByRole('button', { name: 'View results' }).count()).toBe(0);
    await modal.getByRole('button', { name: 'Close' }).click();
    await modal.waitFor({ state: 'detached' });
  });

  it('does not scan a dropped file (it is offered a copy instead), and scans a folder chosen with the dialog', async () => {
    const file = join(dir, 'plate.mov');
    writeFileSync(file, 'not a folder');
    const { page } = h;
    const jobs = page.getByRole('list', { name: 'Jobs' }).getByRole('listitem');
    const before = await jobs.count();
    await dropFolders(page, [file]);
    const alert = page.getByRole('alert').filter({ hasText: 'plate.mov' });
    await alert.waitFor();
    // A file is not scanned as a folder: no job; the alert says so and offers a copy or move (polish.test.ts).
    expect(await alert.textContent()).toMatch(/plate\.mov is a file: only folders are scanned/);
    expect(await jobs.count()).toBe(before);
    expect(await page.getByTestId('alert').getByRole('button', { name: 'Copy to…' }).count()).toBe(1);

    const chosen = join(dir, 'SHOW_CHOSEN');
    buildShowTree(chosen, { sequences: 1, shots: 1, versions: 1, frames: 5 });
    h.bridge.chosenFolder = chosen;
    await page.getByRole('button', { name: 'Choose folder…' }).click();
    const modal = modalOf(page, chosen);
    await waitForStatus(modal, 'Completed');
    expect(await modal.getByTestId('files-count').textContent()).toBe(
      formatCount(findCensus(chosen, LARGEST_LIMIT).file_count),
    );
    await page.keyboard.press('Escape');
    await modal.waitFor({ state: 'detached' });
  });

  it('opens the results: a folder tree sorted by size, and the largest lists', async () => {
    const root = join(dir, 'SHOW_TREE');
    buildShowTree(root, { sequences: 3, shots: 3, versions: 2, frames: 15 });
    const census = findCensus(root, LARGEST_LIMIT);
    const { page } = h;
    const results = await scanAndOpenResults(page, root);
    const tree = results.getByRole('tree', { name: 'Folder tree' });
    await tree.getByTestId('tree-row').first().waitFor();

    const readRows = () =>
      tree.getByTestId('tree-row').evaluateAll((rows) =>
        rows.map((row) => {
          const el = row as unknown as {
            getAttribute(name: string): string | null;
            querySelector(selector: string): { textContent: string | null } | null;
          };
          return {
            level: Number(el.getAttribute('aria-level')),
            expanded: el.getAttribute('aria-expanded'),
            name: el.querySelector('.tree-label')?.textContent ?? '',
            size: el.querySelector('.tree-bytes')?.textContent ?? '',
            files: el.querySelector('.tree-files')?.textContent ?? '',
          };
        }),
      );
    type Row = Awaited<ReturnType<typeof readRows>>[number];
    /** Siblings (consecutive rows at `level` under the same parent) are largest first. */
    const expectSortedSiblings = (rows: Row[], level: number): number => {
      let groups = 0;
      let previous: number | null = null;
      for (const row of rows) {
        if (row.level < level) previous = null;
        if (row.level !== level) continue;
        const size = parseBytes(row.size);
        if (previous === null) groups++;
        else expect(size).toBeLessThanOrEqual(previous);
        previous = size;
      }
      return groups;
    };

    let rows = await readRows();
    // The root row comes first, open, with the scan's totals.
    expect(rows[0]).toMatchObject({ level: 1, expanded: 'true', name: 'SHOW_TREE' });
    expect(rows[0]!.size).toBe(formatBytes(census.total_size));
    expect(parseCount(rows[0]!.files)).toBe(census.file_count);
    const top = rows.filter((row) => row.level === 2).map((row) => row.name);
    expect(top.sort()).toEqual(['editorial', 'sequences']);
    expect(expectSortedSiblings(rows, 2)).toBe(1);
    expect(rows.find((row) => row.level === 2)!.name).toBe('sequences');

    // Open "sequences": its three folders appear below it, largest first.
    const sequences = tree.getByRole('treeitem').filter({ hasText: 'sequences' }).first();
    expect(await sequences.getAttribute('aria-expanded')).toBe('false');
    await sequences.click();
    await eventually(
      () => sequences.getAttribute('aria-expanded'),
      (v) => v === 'true',
    );
    rows = await eventually(readRows, (list) => list.filter((row) => row.level === 3).length === 3);
    expect(
      rows
        .filter((row) => row.level === 3)
        .map((row) => row.name)
        .sort(),
    ).toEqual(['SQ10', 'SQ20', 'SQ30']);
    expect(expectSortedSiblings(rows, 3)).toBe(1);
    const levelThreeSizes = rows.filter((row) => row.level === 3).map((row) => parseBytes(row.size));
    expect(new Set(levelThreeSizes).size).toBeGreaterThan(1);

    // Open the largest sequence too: still largest first at every level.
    await tree.getByRole('treeitem', { level: 3 }).first().click();
    rows = await eventually(readRows, (list) => list.some((row) => row.level === 4));
    expectSortedSiblings(rows, 4);

    // The side lists: largest folders and files, and no errors.
    const largestFiles = results.getByRole('list', { name: 'Largest files' }).getByRole('listitem');
    expect(await largestFiles.first().locator('.rank-size').textContent()).toBe(
      formatBytes(census.largest_file_sizes[0]!),
    );
    const largestFolders = results.getByRole('list', { name: 'Largest folders' }).getByRole('listitem');
    expect(await largestFolders.first().locator('.rank-size').textContent()).toBe(
      formatBytes(census.largest_dir_sizes[0]!),
    );
    // No errors: the list holds only its "none" note.
    const errors = results.getByRole('list', { name: 'Errors' });
    expect(await errors.getByRole('listitem').count()).toBe(1);
    expect(await errors.textContent()).toMatch(/No errors/);
    await h.screenshot('results');
    expectNoPageErrors(h.pageErrors);
  });
});
