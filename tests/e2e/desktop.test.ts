/**
 * The desktop citizen's dialogs: quitting while copies run asks first (and cancels them only on yes), and
 * Help > About shows the name and version. The harness stands in for main: its quit guard is main's own code,
 * and the menu command arrives as main's event would.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransferRequestSchema } from '../../src-shared/transfer-shapes';
import { makeTempDir } from '../helpers/trees';
import { startHarness, type Harness } from './harness';
import { dismissToasts, docScreenshot } from './offload-ui';
import { copyModal, openCopyOptions } from './transfer-ui';
import {
  eventually,
  expectNoPageErrors,
  modalOf,
  sampleModal,
  scanAndOpenResults,
  waitForStatus,
} from './ui';

/** A big file at a bandwidth limit: each copy would take 20 s, far longer than asking and answering three times. */
const FILE_BYTES = 40_000_000;
const LIMIT_BYTES_PER_SECOND = 2_000_000;
const QUESTION = '2 transfers are running. Quit and cancel them?';
const VERSION = (
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }
).version;

/** Wait until every finite animation (a dialog fading in, a modal fading out) is over, for a clean shot. */
async function settled(h: Harness): Promise<void> {
  await h.page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (animation) =>
          animation.effect?.getTiming().iterations === Infinity || animation.playState !== 'running',
      ),
  );
}

describe('desktop dialogs', () => {
  let h: Harness;
  let dir: string;

  beforeAll(async () => {
    dir = makeTempDir('e2e-desktop');
    h = await startHarness({
      config: { jobs: { transfer: { max_bytes_per_second: LIMIT_BYTES_PER_SECOND } } },
    });
  });
  afterAll(async () => {
    await h?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('asks before a quit would cancel two copies: Keep running keeps them, Quit and cancel cancels both', async () => {
    const root = join(dir, 'PLATES');
    mkdirSync(root);
    writeFileSync(join(root, 'plate.mov'), Buffer.alloc(FILE_BYTES, 0x5a));
    const { page } = h;
    await scanAndOpenResults(page, root);
    const options = await openCopyOptions(h, join(dir, 'dest-a'));
    await options.getByRole('button', { name: 'Start' }).click();
    const modal = copyModal(page, 'PLATES');
    await waitForStatus(modal, 'Copying…');
    // A second copy of the same folder elsewhere, started straight through the manager.
    const second = h.engine.manager.startTransfer(
      'copy',
      TransferRequestSchema.parse({
        sources: [root],
        destination: join(dir, 'dest-b'),
        policy: 'skip',
        verify: false,
        checksum_file: false,
      }),
    );
    await eventually(
      () => sampleModal(modal),
      (sample) => sample.bytes >= 1_000_000,
    );

    // The quit is held, and the page asks with the count.
    expect(h.requestQuit()).toBe(false);
    const dialog = page.getByRole('alertdialog', { name: QUESTION });
    await dialog.waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('role')))
      .toBe('alertdialog');
    await dismissToasts(page);
    await settled(h);
    const shot = await docScreenshot(h, 'quit-confirmation');
    expect(shot).toMatch(/quit-confirmation\.png$/);

    // Keep running: the dialog goes, nothing is cancelled, no quit.
    await dialog.getByRole('button', { name: 'Keep running' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(h.quits()).toBe(0);
    const running = (): string[] =>
      h.engine.manager
        .listJobs()
        .filter((job) => job.kind === 'copy' && (job.state === 'running' || job.state === 'queued'))
        .map((job) => job.batch_id);
    expect(running()).toHaveLength(2);

    // Asked again, Esc is "Keep running" too.
    expect(h.requestQuit()).toBe(false);
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(h.quits()).toBe(0);

    // Quit and cancel: both copies are cancelled, then the app quits.
    expect(h.requestQuit()).toBe(false);
    await dialog.getByRole('button', { name: 'Quit and cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => h.quits()).toBe(1);
    const ended = await h.engine.manager.whenEnded(second.batch_id);
    expect(ended.info.state).toBe('cancelled');
    await waitForStatus(modal, 'Cancelled');
    expect(running()).toEqual([]);
    // With nothing left to cancel, a quit goes ahead without asking.
    expect(h.requestQuit()).toBe(true);
    expectNoPageErrors(h.pageErrors);
  });

  it('shows About (Help > About) with the name, the version and what Wrangle does', async () => {
    const { page } = h;
    // The cancelled copy's modal closes with Esc, so the panel is seen on its own.
    await page.keyboard.press('Escape');
    await copyModal(page, 'PLATES').waitFor({ state: 'hidden' });
    await h.bridge.emit('onMenuCommand', 'about');
    const about = page.getByRole('dialog', { name: 'About Wrangle' });
    await about.waitFor();
    await expect.poll(() => about.textContent()).toContain(`Version ${VERSION}`);
    expect(await about.textContent()).toContain('VFX shot folders');
    // The app icon itself (resources/icon.svg), loaded under the window's CSP, not a placeholder.
    const icon = about.locator('img.app-icon');
    await expect
      .poll(() => icon.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    expect(await icon.getAttribute('src')).toMatch(/^data:image\/svg\+xml|\/assets\/icon-[\w-]+\.svg$/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('dialog');
    await dismissToasts(page);
    await settled(h);
    await docScreenshot(h, 'about');
    await page.keyboard.press('Escape');
    await about.waitFor({ state: 'hidden' });
    expectNoPageErrors(h.pageErrors);
  });

  it('shows scans main started for a second launch as if dropped: the first modal, refusals as alerts', async () => {
    const { page } = h;
    const root = join(dir, 'OPENED_WITH');
    mkdirSync(root);
    writeFileSync(join(root, 'frame.0001.exr'), 'x');
    // Through main's own LaunchScans, as its second-instance handler does.
    const missing = join(dir, 'gone');
    await h.openFolders([root, missing]);
    const modal = modalOf(page, root);
    await modal.waitFor();
    await waitForStatus(modal, /complete/i);
    await page.getByText(`Folder not found: ${missing}`).first().waitFor();
    expectNoPageErrors(h.pageErrors);
  });
});

describe('folders on the first launch', () => {
  it('open their scan modal once the window has loaded, although the scans started before it', async () => {
    const dir = makeTempDir('e2e-first-launch');
    const root = join(dir, 'FIRST_LAUNCH');
    mkdirSync(root);
    writeFileSync(join(root, 'frame.0001.exr'), 'x');
    const missing = join(dir, 'gone');
    const h = await startHarness({ launchFolders: [root, missing] });
    try {
      const modal = modalOf(h.page, root);
      await modal.waitFor();
      await waitForStatus(modal, /complete/i);
      await h.page.getByText(`Folder not found: ${missing}`).first().waitFor();
      expectNoPageErrors(h.pageErrors);
    } finally {
      await h.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
