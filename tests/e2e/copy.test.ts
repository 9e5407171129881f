/** Copy and move from the app: options dialog, live progress, pause, the report, and real bytes on disk. */
import { rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileHashes } from '../helpers/copy-trees';
import { buildShowTree, makeTempDir, makeWideTree } from '../helpers/trees';
import { startHarness, type Harness } from './harness';
import { copiedHashes } from './transfer-ui';
import { scanAndOpenResults, waitForStatus } from './ui';

describe('copying and moving from the app', () => {
  let h: Harness;
  let dir: string;

  beforeAll(async () => {
    dir = makeTempDir('e2e-copy');
    // A bandwidth limit, as for busy shared storage, keeps copies slow enough to act on mid-way.
    h = await startHarness({ config: { jobs: { transfer: { max_bytes_per_second: 10_000_000 } } } });
  });
  afterAll(async () => {
    await h?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Scan `root` by dropping it, then open its results. */
  it('copies a scanned folder with verification, and every byte arrives', async () => {
    const root = join(dir, 'SHOW_COPY');
    buildShowTree(root, { sequences: 2, shots: 2, versions: 1, frames: 20 });
    const destination = join(dir, 'dest-copy');
    const { page } = h;
    await scanAndOpenResults(h.page, root);

    h.bridge.chosenFolder = destination;
    await page.getByRole('button', { name: 'Copy to…' }).click();
    const options = page.getByRole('dialog', { name: 'Copy options' });
    await options.waitFor();
    await options.getByRole('checkbox', { name: 'Verify copies (read back from storage)' }).check();
    await options.getByRole('button', { name: 'Start' }).click();

    const modal = page.getByRole('dialog', { name: `Copying ${basename(root)}` });
    await waitForStatus(modal, 'Completed');
    const copied = join(destination, basename(root));
    expect(copiedHashes(copied)).toEqual(fileHashes(root));
    const source = fileHashes(root).size;
    expect(await modal.getByTestId('report-copied').textContent()).toContain(String(source));
    expect(await modal.getByTestId('report-verified').textContent()).toContain(String(source));
    await h.screenshot('copy-report');
  });

  it('pauses and resumes a copy, which then completes', async () => {
    const root = join(dir, 'SHOW_PAUSE');
    makeWideTree(root, 20, 20, 100_000); // 40 MB at the harness's 10 MB/s limit: about 4 s to pause in
    const destination = join(dir, 'dest-pause');
    const { page } = h;
    await scanAndOpenResults(h.page, root);
    h.bridge.chosenFolder = destination;
    await page.getByRole('button', { name: 'Copy to…' }).click();
    await page.getByRole('dialog', { name: 'Copy options' }).getByRole('button', { name: 'Start' }).click();

    const modal = page.getByRole('dialog', { name: `Copying ${basename(root)}` });
    await waitForStatus(modal, 'Copying…');
    await modal.getByRole('button', { name: 'Pause' }).click();
    await waitForStatus(modal, 'Paused');
    const pausedAt = await modal.getByTestId('bytes-count').textContent();
    await page.waitForTimeout(700);
    expect(await modal.getByTestId('bytes-count').textContent()).toBe(pausedAt);
    await h.screenshot('copy-paused');
    await modal.getByRole('button', { name: 'Resume' }).click();
    await waitForStatus(modal, 'Completed', 60_000);
    expect(copiedHashes(join(destination, basename(root)))).toEqual(fileHashes(root));
  });

  it('moves a folder on the same filesystem by renaming it', async () => {
    const root = join(dir, 'SHOW_MOVE');
    buildShowTree(root, { sequences: 1, shots: 2, versions: 1, frames: 10 });
    const before = fileHashes(root);
    const inode = statSync(root).ino;
    const destination = join(dir, 'dest-move');
    const { page } = h;
    await scanAndOpenResults(h.page, root);
    h.bridge.chosenFolder = destination;
    await page.getByRole('button', { name: 'Move to…' }).click();
    await page.getByRole('dialog', { name: 'Move options' }).getByRole('button', { name: 'Start' }).click();
    const modal = page.getByRole('dialog', { name: `Moving ${basename(root)}` });
    await waitForStatus(modal, 'Completed');
    const moved = join(destination, basename(root));
    expect(fileHashes(moved)).toEqual(before);
    expect(statSync(moved).ino).toBe(inode);
    expect(() => statSync(root)).toThrow();
  });
});
