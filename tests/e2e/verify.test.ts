/**
 * Verify from the app: a copy written with an ASC MHL history is scanned, offers "Verify", and a byte flipped
 * in one file (same size, same modified time, so only its hash can tell) is caught and named as changed.
 * Once it is put back, a clean check can be recorded as a new generation of the history.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildShowTree, makeTempDir } from '../helpers/trees';
import { startHarness, type Harness } from './harness';
import { dismissToasts, docScreenshot, verifyModal } from './offload-ui';
import { AMBER, GREEN, copyModal, cssOf, openCopyOptions, waitForFullBar } from './transfer-ui';
import { expectNoPageErrors, scanAndOpenResults, waitForStatus } from './ui';

const NAME = 'B002_C007';
/** The file whose byte is flipped, relative to the copied folder. */
const VICTIM = join('sequences', 'SQ10', 'SQ10_SH100', 'plates', 'plate.mov');

/** Run `touch` (it copies timestamps to the nanosecond, which utimes with a Date cannot). */
function touch(...args: string[]): void {
  const run = spawnSync('touch', args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`touch ${args.join(' ')}: ${run.stderr}`);
}

/** Flip one byte of `path` in place, keeping its size and modified time (`stamp` holds them meanwhile). */
function flipByte(path: string, offset: number, stamp: string): void {
  const before = statSync(path, { bigint: true });
  touch('-r', path, stamp);
  const fd = openSync(path, 'r+');
  try {
    const byte = Buffer.alloc(1);
    readSync(fd, byte, 0, 1, offset);
    byte[0] = (byte[0] ?? 0) ^ 0xff;
    writeSync(fd, byte, 0, 1, offset);
  } finally {
    closeSync(fd);
  }
  touch('-r', stamp, path);
  const after = statSync(path, { bigint: true });
  expect(after.size).toBe(before.size);
  expect(after.mtimeNs).toBe(before.mtimeNs);
}

describe('verifying a copy against its ASC MHL history', () => {
  let h: Harness;
  let dir: string;
  let source: string;
  let copy: string;

  beforeAll(async () => {
    dir = makeTempDir('e2e-verify');
    source = join(dir, NAME);
    buildShowTree(source, { sequences: 1, shots: 2, versions: 1, frames: 10 });
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('offers Verify only for a folder with an ascmhl history, and names a changed file', async () => {
    const { page } = h;
    const results = await scanAndOpenResults(page, source);
    await results.getByRole('tree').waitFor();
    // The source has no history: nothing to verify against.
    expect(await results.getByRole('button', { name: 'Verify', exact: true }).count()).toBe(0);

    // Copy it with the defaults (verify, ASC MHL history).
    const destination = join(dir, 'shuttle');
    const options = await openCopyOptions(h, destination);
    await options.getByRole('button', { name: 'Start' }).click();
    const copying = copyModal(page, NAME);
    await waitForStatus(copying, /^Completed$/);
    await copying.getByRole('button', { name: 'Close' }).click();
    copy = join(destination, NAME);
    expect(statSync(join(copy, 'ascmhl')).isDirectory()).toBe(true);

    flipByte(join(copy, VICTIM), 1000, join(dir, 'stamp'));

    const copyResults = await scanAndOpenResults(page, copy);
    await copyResults.getByRole('button', { name: 'Verify', exact: true }).click();
    const modal = verifyModal(page, NAME);
    await waitForStatus(modal, /^Completed: 1 problem found$/, 60_000);
    expect(await modal.getByTestId('verify-changed').textContent()).toBe('1');
    expect(await modal.getByTestId('verify-missing').textContent()).toBe('0');
    expect(await modal.getByTestId('verify-source').textContent()).toMatch(/ASC MHL history/);
    const changed = modal.getByRole('list', { name: 'Changed files' }).getByRole('listitem');
    expect(await changed.count()).toBe(1);
    expect(await changed.first().textContent()).toContain('plate.mov');
    // Something failed: amber, never green; and nothing to record.
    expect(await cssOf(modal.getByRole('status'), 'color')).toBe(AMBER);
    expect(await modal.getByRole('button', { name: 'Record verification' }).count()).toBe(0);
    await waitForFullBar(modal);
    await dismissToasts(h.page);
    await docScreenshot(h, 'verify-changed-file', modal);

    // The jobs panel shows the verification like any other job, and reopens it.
    await modal.getByRole('button', { name: 'Close' }).click();
    await modal.waitFor({ state: 'detached' });
    const row = page.getByRole('button', { name: `${NAME} — verify completed with 1 problem` });
    await row.click();
    await waitForStatus(verifyModal(page, NAME), /^Completed: 1 problem found$/);
    await verifyModal(page, NAME).getByRole('button', { name: 'Close' }).click();
  });

  it('records a clean verification as a new generation of the history', async () => {
    const { page } = h;
    flipByte(join(copy, VICTIM), 1000, join(dir, 'stamp'));
    await page
      .getByRole('region', { name: 'Results' })
      .getByRole('button', { name: 'Verify', exact: true })
      .click();
    const modal = verifyModal(page, NAME);
    await waitForStatus(modal, /^Completed: every file verified$/, 60_000);
    expect(await cssOf(modal.getByRole('status'), 'color')).toBe(GREEN);
    await modal.getByRole('button', { name: 'Record verification' }).click();
    // The recording run replaces this modal with its own.
    await modal.getByTestId('verify-generation').waitFor({ timeout: 60_000 });
    expect(await modal.getByTestId('verify-generation').textContent()).toMatch(/ascmhl\/0002_.*\.mhl/);
    expectNoPageErrors(h.pageErrors);
  });
});
