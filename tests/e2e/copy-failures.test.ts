/**
 * A copy that completes with failures: amber everywhere (status, bar, report, jobs row, toast), failures
 * grouped by cause (one blocked folder is one line), and "Retry failed" runs just those entries again.
 */
import { mkdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileHashes } from '../helpers/copy-trees';
import { makeTempDir } from '../helpers/trees';
import { startHarness, type Harness } from './harness';
import { AMBER, GREEN, copiedHashes, copyModal, cssOf, openCopyOptions, waitForFullBar } from './transfer-ui';
import { expectNoPageErrors, scanAndOpenResults, waitForStatus } from './ui';

const BLOCKED_FILES = 20;

describe('a copy that completes with failures', () => {
  let h: Harness;
  let dir: string;

  beforeAll(async () => {
    dir = makeTempDir('e2e-failures');
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is amber with one line per cause, and "Retry failed" copies just the failed entries', async () => {
    const shot = join(dir, 'shot');
    mkdirSync(join(shot, 'blocked'), { recursive: true });
    mkdirSync(join(shot, 'ok'), { recursive: true });
    for (let i = 1; i <= BLOCKED_FILES; i++)
      writeFileSync(join(shot, 'blocked', `f.${1000 + i}.exr`), `frame ${i}`);
    for (let i = 1; i <= 3; i++) writeFileSync(join(shot, 'ok', `plate.${1000 + i}.exr`), `plate ${i}`);
    const destination = join(dir, 'dest');
    // A file where the folder shot/blocked must go: the whole folder fails, for one cause.
    const blocker = join(destination, 'shot', 'blocked');
    mkdirSync(join(destination, 'shot'), { recursive: true });
    writeFileSync(blocker, 'in the way');
    const { page } = h;

    await scanAndOpenResults(page, shot);
    const options = await openCopyOptions(h, destination);
    await options.getByRole('button', { name: 'Start' }).click();

    const modal = copyModal(page, 'shot');
    await waitForStatus(modal, `Completed with ${BLOCKED_FILES} failures`);
    const status = modal.getByRole('status');
    expect(await status.textContent()).toBe(`Completed with ${BLOCKED_FILES} failures`);
    expect(await cssOf(status, 'color')).toBe(AMBER);
    expect(await cssOf(modal.locator('.progress-fill'), 'background-color')).toBe(AMBER);

    // One blocked folder is one line, with its count and the folder.
    const groups = modal.getByRole('list', { name: 'Failures by cause' });
    const rows = groups.getByRole('listitem');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getByTestId('failure-count').textContent()).toBe(String(BLOCKED_FILES));
    expect(await rows.first().textContent()).toContain(join(shot, 'blocked'));
    expect(await rows.first().textContent()).toContain('ENOTDIR');
    expect(await modal.getByTestId('failures-title').textContent()).toBe(
      `Failed: ${BLOCKED_FILES} entries, 1 cause`,
    );
    expect(await modal.getByTestId('report-copied').textContent()).toBe('3 of 23');
    expect(await modal.getByTestId('report-failed').textContent()).toBe(String(BLOCKED_FILES));
    await waitForFullBar(modal);
    await h.screenshot('copy-failures-report');

    // The jobs panel and the toast say it too, in words and in amber.
    const jobs = page.getByRole('list', { name: 'Jobs' });
    const row = jobs.getByRole('button', { name: `shot — copy completed with ${BLOCKED_FILES} failures` });
    await row.waitFor();
    const badge = row.getByTestId('job-badge');
    expect(await badge.textContent()).toBe(`${BLOCKED_FILES} failed`);
    expect(await cssOf(badge, 'color')).toBe(AMBER);
    await page
      .locator('.toast-warning')
      .filter({ hasText: `Copy of shot to dest completed with ${BLOCKED_FILES} failures` })
      .waitFor();

    // Clear the way, then retry: a new job copies the 20 files and completes green.
    unlinkSync(blocker);
    await modal.getByRole('button', { name: 'Retry failed' }).click();
    await waitForStatus(modal, /^Completed$/);
    expect(await modal.getByText('Runs again what an earlier copy could not transfer.').count()).toBe(1);
    expect(await modal.getByTestId('report-copied').textContent()).toBe(
      `${BLOCKED_FILES} of ${BLOCKED_FILES}`,
    );
    expect(await cssOf(modal.getByRole('status'), 'color')).toBe(GREEN);
    expect(copiedHashes(join(destination, 'shot'))).toEqual(fileHashes(shot));

    await modal.getByRole('button', { name: 'Close' }).click();
    await modal.waitFor({ state: 'detached' });
    const retried = jobs.getByRole('button', { name: /^shot — copy completed, / });
    expect(await cssOf(retried.getByTestId('job-badge'), 'color')).toBe(GREEN);
    expect(await row.count()).toBe(1);
    await h.screenshot('jobs-amber-row', page.locator('.jobs-panel'));
    expectNoPageErrors(h.pageErrors);
  });
});
