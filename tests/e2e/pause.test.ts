/**
 * Pause never says "Paused" while bytes climb: the modal says "Pausing…" from the click until the engine
 * reports phase paused (once no byte moves), then the numbers hold still, also in the middle of a big file.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileHashes } from '../helpers/copy-trees';
import { makeTempDir } from '../helpers/trees';
import { startHarness, type Harness } from './harness';
import { copiedHashes, copyModal, openCopyOptions } from './transfer-ui';
import { eventually, expectNoPageErrors, sampleModal, scanAndOpenResults, waitForStatus } from './ui';

/** One big file at a bandwidth limit: about 4 s to copy, so a pause lands inside it. */
const FILE_BYTES = 60_000_000;
const LIMIT_BYTES_PER_SECOND = 15_000_000;

describe('pausing a copy', () => {
  let h: Harness;
  let dir: string;

  beforeAll(async () => {
    dir = makeTempDir('e2e-pause');
    h = await startHarness({
      config: { jobs: { transfer: { max_bytes_per_second: LIMIT_BYTES_PER_SECOND } } },
    });
  });
  afterAll(async () => {
    await h?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows "Paused" only once the bytes stop, inside one big file, and resumes to the end', async () => {
    const root = join(dir, 'PLATE');
    mkdirSync(root);
    writeFileSync(join(root, 'plate.mov'), Buffer.alloc(FILE_BYTES, 0x5a));
    const { page } = h;
    await scanAndOpenResults(page, root);
    const options = await openCopyOptions(h, join(dir, 'dest'));
    await options.getByRole('button', { name: 'Start' }).click();

    const modal = copyModal(page, 'PLATE');
    await waitForStatus(modal, 'Copying…');
    await eventually(
      () => sampleModal(modal),
      (sample) => sample.bytes >= 3_000_000,
    );
    // Record every render of status and bytes from the click on (a MutationObserver in the page), so even a
    // "Pausing…" that lasts a few milliseconds is seen, and no "Paused" with bytes still moving slips by.
    await modal.evaluate((element) => {
      const dialog = element as Element;
      const log: { at: number; status: string; bytes: string; files: string }[] = [];
      const read = (): void => {
        const entry = {
          at: performance.now(),
          status: dialog.querySelector('[role="status"]')?.textContent?.trim() ?? '',
          bytes: dialog.querySelector('[data-testid="bytes-count"]')?.textContent?.trim() ?? '',
          files: dialog.querySelector('[data-testid="files-count"]')?.textContent?.trim() ?? '',
        };
        const last = log.at(-1);
        if (!last || last.status !== entry.status || last.bytes !== entry.bytes || last.files !== entry.files)
          log.push(entry);
      };
      read();
      new MutationObserver(read).observe(dialog, { subtree: true, childList: true, characterData: true });
      (globalThis as unknown as { __pauseLog: typeof log }).__pauseLog = log;
    });
    await modal.getByRole('button', { name: 'Pause' }).click();
    await waitForStatus(modal, 'Paused');
    await page.waitForTimeout(1_200);
    const log = await page.evaluate(
      () =>
        (
          globalThis as unknown as {
            __pauseLog: { at: number; status: string; bytes: string; files: string }[];
          }
        ).__pauseLog,
    );

    // Copying…, then Pausing… (bytes may still move), then Paused with the bytes still from then on.
    const statuses = log.map((entry) => entry.status).filter((status, i, all) => status !== all[i - 1]);
    expect(statuses).toEqual(['Copying…', 'Pausing…', 'Paused']);
    const first = log.findIndex((entry) => entry.status === 'Paused');
    // Nothing changed since "Paused" appeared, 1.2 s ago: not a byte, not a file.
    const paused = log.slice(first);
    expect(paused).toHaveLength(1);
    const now = await sampleModal(modal);
    expect(now.status).toBe('Paused');
    expect(now.bytesText).toBe(paused[0]!.bytes);
    // Inside the one file: none finished yet.
    expect(now.files).toBe(0);
    expect(now.bytes).toBeLessThan(FILE_BYTES);
    await h.screenshot('copy-paused-mid-file');

    await modal.getByRole('button', { name: 'Resume' }).click();
    await waitForStatus(modal, /^Completed$/, 60_000);
    expect(copiedHashes(join(dir, 'dest', 'PLATE'))).toEqual(fileHashes(root));
    expectNoPageErrors(h.pageErrors);
  });
});
