/** A folder with unreadable parts completes, and the results list each unreadable path with its reason. */
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBytes, formatCount } from '../../src-shared/format';
import { LARGEST_LIMIT } from '../../src-shared/jobs';
import { buildShowTree, findCensus, makeTempDir } from '../helpers/trees';
import { dropFolders } from './drop';
import { startHarness, type Harness } from './harness';
import { NOBODY } from './nobody-host';
import { modalOf, waitForStatus } from './ui';

const isRoot = process.getuid?.() === 0;

// Root reads everything, so the scan workers run as nobody; elsewhere the test user is unprivileged already.
describe('a folder with unreadable parts', () => {
  let h: Harness;
  let dir: string;
  let root: string;

  beforeAll(async () => {
    dir = makeTempDir('e2e-perms');
    chmodSync(dir, 0o755);
    root = join(dir, 'SHOW_LOCKED');
    buildShowTree(root, { sequences: 1, shots: 2, versions: 1, frames: 10 });
    mkdirSync(join(root, 'locked', 'inner'), { recursive: true });
    writeFileSync(join(root, 'locked', 'secret.exr'), 'hidden');
    chmodSync(join(root, 'locked'), 0o000);
    mkdirSync(join(root, 'private'));
    writeFileSync(join(root, 'private', 'notes.txt'), 'private');
    chmodSync(join(root, 'private'), 0o700);
    h = await startHarness({ asNobody: isRoot });
  });
  afterAll(async () => {
    await h?.dispose();
    chmodSync(join(root, 'locked'), 0o755);
    rmSync(dir, { recursive: true, force: true });
  });

  it('completes, counts what it could read, and lists the errors', async () => {
    const { page } = h;
    const census = findCensus(root, LARGEST_LIMIT, isRoot ? NOBODY : {});
    await dropFolders(page, [root]);
    const modal = modalOf(page, root);
    await waitForStatus(modal, 'Completed');
    expect(await modal.getByTestId('files-count').textContent()).toBe(formatCount(census.file_count));
    expect(await modal.getByTestId('dirs-count').textContent()).toBe(formatCount(census.directory_count));
    expect(await modal.getByTestId('bytes-count').textContent()).toBe(formatBytes(census.total_size));

    await modal.getByRole('button', { name: 'View results' }).click();
    const results = page.getByRole('region', { name: 'Results' });
    const errors = results.getByRole('list', { name: 'Errors' }).getByRole('listitem');
    await errors.first().waitFor();
    const items = await errors.allTextContents();
    expect(items).toHaveLength(2);
    const locked = items.find((text) => text.includes(join(root, 'locked')));
    const hidden = items.find((text) => text.includes(join(root, 'private')));
    expect(locked).toMatch(/permission/i);
    expect(hidden).toMatch(/permission/i);
    expect(await results.getByTestId('totals').textContent()).toContain('2 errors');
    expect(h.pageErrors).toEqual([]);
  });
});
