/** Dropping folders on a completed scan's results offers to copy or move them into the scanned folder. */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildShowTree, makeTempDir } from '../helpers/trees';
import { dropFolders } from './drop';
import { startHarness, type Harness } from './harness';
import { scanAndOpenResults, waitForStatus } from './ui';

/** Every regular file under `root`, relative path → sha256, computed independently of the app. */
function hashes(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile())
        out.set(relative(root, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  };
  walk(root);
  return out;
}

describe('dropping folders on the results to copy them', () => {
  let h: Harness;
  let dir: string;

  beforeAll(async () => {
    dir = makeTempDir('e2e-drop-copy');
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens the options dialog for the scanned folder, copies every byte, and starts no scan', async () => {
    const destination = join(dir, 'DEST');
    const source = join(dir, 'SRC');
    buildShowTree(destination, { sequences: 1, shots: 1, versions: 1, frames: 5 });
    buildShowTree(source, { sequences: 2, shots: 2, versions: 1, frames: 10 });
    const { page } = h;

    await scanAndOpenResults(page, destination);

    // While dragging over the results, their hint names the destination and the scan overlay stays away.
    const drag = (type: string): Promise<void> =>
      page.evaluate((type) => {
        const page = globalThis as unknown as {
          DragEvent: new (type: string, init: object) => unknown;
          document: { querySelector(selector: string): { dispatchEvent(event: unknown): boolean } };
        };
        page.document
          .querySelector('section[aria-label="Results"]')
          .dispatchEvent(new page.DragEvent(type, { bubbles: true, cancelable: true }));
      }, type);
    await drag('dragenter');
    await drag('dragover');
    const hint = page.getByTestId('results-drop-hint');
    await expect(hint.textContent()).resolves.toBe('Drop to copy or move into DEST');
    await expect(page.getByTestId('drop-overlay').count()).resolves.toBe(0);
    await drag('dragleave');
    await hint.waitFor({ state: 'detached' });

    await dropFolders(page, [source], 'section[aria-label="Results"]');
    const options = page.getByRole('dialog', { name: 'Copy options' });
    await options.waitFor();
    // The Copy/Move choice is offered.
    await expect(options.getByRole('radiogroup', { name: 'Operation' }).count()).resolves.toBe(1);
    await options.getByRole('button', { name: 'Start' }).click();

    const modal = page.getByRole('dialog', { name: 'Copying SRC' });
    await waitForStatus(modal, 'Completed');
    // The copy also holds its ASC MHL history (written by default).
    const copied = [...hashes(join(destination, 'SRC'))].filter(([path]) => !path.startsWith('ascmhl/'));
    expect(new Map(copied)).toEqual(hashes(source));

    // The drop started the copy only: SRC has a copy row and no scan row.
    const jobs = page.getByRole('list', { name: 'Jobs' });
    await expect(jobs.getByRole('button', { name: /^SRC — copy completed, / }).count()).resolves.toBe(1);
    await expect(jobs.getByRole('button', { name: /^SRC — completed, / }).count()).resolves.toBe(0);
    await expect(jobs.getByRole('button', { name: /^SRC — / }).count()).resolves.toBe(1);
  });
});
