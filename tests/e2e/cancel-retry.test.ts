/**
 * A cancelled copy keeps its partial result: the modal says what was copied before the cancel, and "Retry the
 * rest" runs what it left, as a new job.
 */
import { rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileHashes } from '../helpers/copy-trees';
import { makeTempDir, makeWideTree } from '../helpers/trees';
import { startHarness, type Harness } from './harness';
import { copiedHashes, copyModal, openCopyOptions } from './transfer-ui';
import {
  eventually,
  expectNoPageErrors,
  parseCount,
  sampleModal,
  scanAndOpenResults,
  waitForStatus,
} from './ui';

describe('cancelling a copy', () => {
  let h: Harness;
  let dir: string;

  beforeAll(async () => {
    dir = makeTempDir('e2e-cancel');
    // 40 MB at 5 MB/s: seconds to cancel in, also on a loaded machine (copies are verified and get a history
    // by default now, so the copy itself must leave the room).
    h = await startHarness({ config: { jobs: { transfer: { max_bytes_per_second: 5_000_000 } } } });
  });
  afterAll(async () => {
    await h?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says what was copied before the cancel, and "Retry the rest" starts a new job from its report', async () => {
    const root = join(dir, 'SHOW_CANCEL');
    const { files } = makeWideTree(root, 20, 20, 100_000);
    const destination = join(dir, 'dest');
    const { page } = h;
    await scanAndOpenResults(page, root);
    const options = await openCopyOptions(h, destination);
    await options.getByRole('button', { name: 'Start' }).click();

    const modal = copyModal(page, basename(root));
    await eventually(
      () => sampleModal(modal),
      (sample) => sample.files >= 40,
    );
    await modal.getByRole('button', { name: 'Cancel' }).click();
    await waitForStatus(modal, 'Cancelled');

    // The partial result: what was copied is counted, and the note says it was kept.
    const copiedText = await modal.getByTestId('report-copied').textContent();
    const copied = parseCount(copiedText!.split(' of ')[0]!);
    expect(copied).toBeGreaterThanOrEqual(40);
    expect(copied).toBeLessThan(files);
    expect(copiedText).toBe(`${copied} of ${files}`);
    await modal.getByText(`${copied} files copied before the cancel were kept`, { exact: false }).waitFor();
    expect(copiedHashes(join(destination, basename(root))).size).toBe(copied);

    await h.screenshot('copy-cancelled-report');

    // "Retry the rest" starts a new job from the report, which copies what the first one left.
    await modal.getByRole('button', { name: 'Retry the rest' }).click();
    await waitForStatus(modal, /^Completed$/, 60_000);
    await modal.getByText('Runs again what an earlier copy could not transfer.').waitFor();
    const retried = parseCount((await modal.getByTestId('report-copied').textContent())!.split(' of ')[0]!);
    // The rest, and only the rest: together the two jobs copied the whole tree, byte for byte.
    expect(retried).toBe(files - copied);
    expect(copiedHashes(join(destination, basename(root)))).toEqual(fileHashes(root));
    expectNoPageErrors(h.pageErrors);
  });
});
