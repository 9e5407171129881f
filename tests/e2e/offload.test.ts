/**
 * Offload from the app: a copy to two destinations, each checked as it is typed, with hashes, ASC MHL and
 * read-back verification; the modal's "Verifying" phase; a report per destination; remembered choices.
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileHashes, noise } from '../helpers/copy-trees';
import { isRoot, mountTmpfs, type Mount } from '../helpers/mounts';
import { buildShowTree, makeTempDir } from '../helpers/trees';
import { startHarness, type Harness } from './harness';
import { dismissToasts, docScreenshot, LABELS } from './offload-ui';
import {
  AMBER,
  RED,
  copiedHashes,
  copyModal,
  cssOf,
  openCopyOptions,
  waitForEnabled,
  waitForFullBar,
} from './transfer-ui';
import { eventually, expectNoPageErrors, sampleModal, scanAndOpenResults, waitForStatus } from './ui';

/** A clip big enough that reading it back takes a while at the harness's bandwidth limit. */
const CLIP_BYTES = 48_000_000;
const LIMIT_BYTES_PER_SECOND = 16_000_000;
const NAME = 'A001_C002';

describe('offloading to two destinations', () => {
  let h: Harness;
  let dir: string;
  let source: string;
  let first: string;
  let second: string;

  beforeAll(async () => {
    dir = makeTempDir('e2e-offload');
    source = join(dir, NAME);
    buildShowTree(source, { sequences: 1, shots: 2, versions: 1, frames: 12 });
    mkdirSync(join(source, 'clips'));
    writeFileSync(join(source, 'clips', `${NAME}.mov`), Buffer.alloc(CLIP_BYTES, 0x5a));
    first = join(dir, 'shuttle-1');
    second = join(dir, 'shuttle-2');
    mkdirSync(first);
    mkdirSync(second);
    h = await startHarness({
      config: { jobs: { transfer: { max_bytes_per_second: LIMIT_BYTES_PER_SECOND } } },
    });
    await scanAndOpenResults(h.page, source);
  });
  afterAll(async () => {
    await h?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sets up a second destination, checked as it is typed like the first', async () => {
    const options = await openCopyOptions(h, first);
    const start = options.getByRole('button', { name: 'Start' });
    // First launch: verify, ASC MHL and xxh64 are on.
    expect(await options.getByRole('checkbox', { name: LABELS.verify }).isChecked()).toBe(true);
    expect(await options.getByRole('checkbox', { name: LABELS.mhl }).isChecked()).toBe(true);
    const hashes = options.getByRole('group', { name: 'Hashes' });
    const xxh64 = hashes.getByRole('checkbox', { name: 'xxh64', exact: true });
    expect(await xxh64.isChecked()).toBe(true);
    // The last format cannot be turned off.
    expect(await xxh64.isDisabled()).toBe(true);
    await waitForEnabled(start);

    await options.getByRole('button', { name: '+ Add destination' }).click();
    const field = options.getByRole('textbox', { name: LABELS.destination(2), exact: true });
    await field.waitFor();
    // The caret is in the new field, for typing at once.
    expect(await field.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await start.isDisabled()).toBe(true);

    const alert = options.getByRole('alert');
    await field.fill(`${first}/`);
    await alert.filter({ hasText: `The folder ${first} is already destination 1.` }).waitFor();
    expect(await start.isDisabled()).toBe(true);
    expect(await field.getAttribute('aria-invalid')).toBe('true');

    await field.fill(join(source, 'inside'));
    await alert.filter({ hasText: 'the destination is inside the source' }).waitFor();
    expect(await start.isDisabled()).toBe(true);

    await field.fill(second);
    await alert.waitFor({ state: 'detached' });
    await waitForEnabled(start);
    // Each destination shows its own free space.
    expect(
      await options
        .getByTestId('destination-hint')
        .filter({ hasText: /free on the destination$/ })
        .count(),
    ).toBe(2);

    // Keyboard: Space toggles a hash format.
    const md5 = hashes.getByRole('checkbox', { name: 'MD5' });
    await md5.focus();
    await h.page.keyboard.press('Space');
    expect(await md5.isChecked()).toBe(true);
    expect(await xxh64.isDisabled()).toBe(false);
    await waitForEnabled(start);
    await dismissToasts(h.page);
    await docScreenshot(h, 'offload-dialog-two-destinations', options);
  });

  it('copies to both, says "Verifying" while the copies are read back, and reports each destination', async () => {
    const { page } = h;
    const options = page.getByRole('dialog', { name: 'Copy options' });
    await options.getByRole('button', { name: 'Start' }).click();
    const modal = copyModal(page, NAME);
    await modal.getByTestId('destination-count').filter({ hasText: 'to 2 destinations' }).waitFor();

    // Wait for the phase itself (however long copying takes), then look at it.
    await waitForStatus(modal, 'Verifying…', 60_000);
    await modal.getByTestId('transfer-phase').filter({ hasText: 'Verifying' }).waitFor();
    await docScreenshot(h, 'offload-modal-verifying', modal);

    await waitForStatus(modal, /^Completed$/, 120_000);
    for (const destination of [first, second]) {
      const copy = join(destination, NAME);
      expect(copiedHashes(copy)).toEqual(fileHashes(source));
      const history = readdirSync(join(copy, 'ascmhl'));
      expect(history.some((name) => name.endsWith('.mhl'))).toBe(true);
    }

    const cards = modal.getByTestId('destination-report');
    expect(await cards.count()).toBe(2);
    for (const [index, destination] of [first, second].entries()) {
      const card = cards.nth(index);
      expect(await card.getByTestId('destination-path').textContent()).toContain(destination);
      expect(await card.getByTestId('destination-badge').textContent()).toBe('Complete');
      expect(await card.getByTestId('destination-failed').textContent()).toBe('0');
      expect(await card.getByTestId('destination-verified').textContent()).not.toBe('off');
      expect(await card.getByTestId('destination-mhl').textContent()).toBe('1 manifest written');
      expect(await card.getByTestId('destination-readback').textContent()).toMatch(
        /^Read back from storage$|^Read back, but the system may have served it from memory$/,
      );
      expect(await card.getByTestId('destination-copied').textContent()).toMatch(/^\d+ files · /);
    }
    expect(await modal.getByTestId('report-hashes').textContent()).toContain('MD5, xxh64 · ASC MHL');
    expect(await cssOf(modal.getByRole('status'), 'color')).not.toBe(AMBER);
    await waitForFullBar(modal);
    await dismissToasts(h.page);
    await docScreenshot(h, 'offload-report', modal);
    await modal.getByRole('button', { name: 'Close' }).click();
    await modal.waitFor({ state: 'detached' });
  }, 180_000);

  it('remembers verify, ASC MHL and the hash formats for the next transfer', async () => {
    // Started by the test before: let it end (this test does not depend on how that one went).
    const earlier = copyModal(h.page, NAME);
    if ((await earlier.count()) > 0) {
      await waitForStatus(earlier, /^Completed/, 120_000);
      await earlier.getByRole('button', { name: 'Close' }).click();
      await earlier.waitFor({ state: 'detached' });
    }
    const stored = await h.page.evaluate(() => localStorage.getItem('wrangle.transfer-options.v1'));
    expect(JSON.parse(stored ?? 'null')).toEqual({
      verify: true,
      mhl: true,
      hashes: ['md5', 'xxh64'],
      checksumFile: false,
    });
    const options = await openCopyOptions(h, first);
    expect(await options.getByRole('checkbox', { name: 'MD5' }).isChecked()).toBe(true);
    // The destinations are not remembered: one destination again.
    expect(await options.getByRole('textbox', { name: LABELS.destination(2) }).count()).toBe(0);
    await h.page.keyboard.press('Escape');
    await options.waitFor({ state: 'detached' });
    expect(existsSync(join(first, NAME))).toBe(true);
    expectNoPageErrors(h.pageErrors);
  }, 180_000);
});

describe.skipIf(!isRoot)('offloading when one destination fills up', () => {
  let h: Harness;
  let dir: string;
  let full: Mount | null = null;

  beforeAll(async () => {
    dir = makeTempDir('e2e-offload-full');
    h = await startHarness({ config: { jobs: { transfer: { max_bytes_per_second: 4_000_000 } } } });
  });
  afterAll(async () => {
    await h?.dispose();
    full?.unmount();
    rmSync(dir, { recursive: true, force: true });
  });

  it('goes on to the other destination and reports the full one as stopped, in red', async () => {
    const { page } = h;
    const source = join(dir, 'A003_C001');
    mkdirSync(source);
    for (let clip = 1; clip <= 8; clip++)
      writeFileSync(join(source, `A003_C001_${clip}.mxf`), noise(2_000_000, clip));
    const disk = join(dir, 'raid');
    // The small disk holds the 16 MB card when the job checks; another writer takes the room mid-copy.
    full = mountTmpfs(join(dir, 'shuttle'), 'size=20m');
    await scanAndOpenResults(page, source);
    const options = await openCopyOptions(h, disk);
    await options.getByRole('button', { name: '+ Add destination' }).click();
    await options
      .getByRole('textbox', { name: LABELS.destination(2), exact: true })
      .fill(join(full.dir, 'dst'));
    const start = options.getByRole('button', { name: 'Start' });
    await waitForEnabled(start);
    await start.click();

    // Pause mid-copy, fill the small disk, then go on: the copy meets a full disk (no race with the clock).
    const modal = copyModal(page, 'A003_C001');
    await waitForStatus(modal, 'Copying…');
    // Bytes are moving: the job is past its space check and writing.
    await eventually(
      () => sampleModal(modal),
      (sample) => sample.bytes >= 1_000_000,
    );
    await modal.getByRole('button', { name: 'Pause' }).click();
    await waitForStatus(modal, 'Paused');
    fillUp(join(full.dir, 'filler.bin'));
    await modal.getByRole('button', { name: 'Resume' }).click();
    await waitForStatus(modal, /^Completed with \d+ failures?$/, 60_000);

    const cards = modal.getByTestId('destination-report');
    expect(await cards.nth(0).getByTestId('destination-badge').textContent()).toBe('Complete');
    const stopped = cards.nth(1);
    expect(await stopped.getByTestId('destination-badge').textContent()).toBe('Stopped');
    expect(await stopped.getByTestId('destination-failure').textContent()).toMatch(/^Stopped: No space left/);
    expect(await cssOf(stopped.getByTestId('destination-failure'), 'color')).toBe(RED);
    expect(await cssOf(modal.getByRole('status'), 'color')).toBe(AMBER);
    expect(copiedHashes(join(disk, 'A003_C001'))).toEqual(fileHashes(source));
    await waitForFullBar(modal);
    await dismissToasts(page);
    await docScreenshot(h, 'offload-destination-full', modal);
    expectNoPageErrors(h.pageErrors);
  }, 120_000);
});

/** Write `path` until its disk is full. */
function fillUp(path: string): void {
  const fd = openSync(path, 'w');
  try {
    for (let written = 0; written < 64_000_000; written += 1_000_000)
      writeSync(fd, noise(1_000_000, written));
  } catch {
    // Full: what the copy meets next.
  } finally {
    closeSync(fd);
  }
}
