/**
 * The copy options dialog checks the destination as it is typed (the engine's preflight): a missing parent is
 * refused, naming it, until creating the missing folders is confirmed; a file is refused; free space is shown.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileHashes } from '../helpers/copy-trees';
import { buildShowTree, makeTempDir } from '../helpers/trees';
import { startHarness, type Harness } from './harness';
import { copiedHashes, copyModal, openCopyOptions, waitForEnabled } from './transfer-ui';
import { expectNoPageErrors, scanAndOpenResults, waitForStatus } from './ui';

describe('the copy options dialog', () => {
  let h: Harness;
  let dir: string;
  let source: string;

  beforeAll(async () => {
    dir = makeTempDir('e2e-options');
    source = join(dir, 'SHOW_OPT');
    buildShowTree(source, { sequences: 1, shots: 2, versions: 1, frames: 5 });
    mkdirSync(join(dir, 'backup'));
    h = await startHarness();
    await scanAndOpenResults(h.page, source);
  });
  afterAll(async () => {
    await h?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a missing parent, naming it, until creating the missing folders is confirmed', async () => {
    const options = await openCopyOptions(h, join(dir, 'backup'));
    const field = options.getByRole('textbox', { name: 'To destination folder' });
    const start = options.getByRole('button', { name: 'Start' });
    expect(await field.inputValue()).toBe(join(dir, 'backup'));
    await options
      .getByTestId('destination-hint')
      .filter({ hasText: /free on the destination$/ })
      .waitFor();
    await waitForEnabled(start);

    const missing = join(dir, 'new-parent');
    const destination = join(missing, 'deeper', 'dest');
    await field.fill(destination);
    const alert = options.getByRole('alert');
    await alert.filter({ hasText: `The folder ${missing} does not exist.` }).waitFor();
    const confirm = options.getByRole('checkbox', {
      name: `Create the missing folders (new-parent/deeper/dest in ${dir})`,
    });
    await confirm.waitFor();
    expect(await confirm.isChecked()).toBe(false);
    expect(await start.isDisabled()).toBe(true);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await h.screenshot('options-missing-parent');

    await confirm.check();
    await waitForEnabled(start);
    expect(await alert.count()).toBe(0);
    await options
      .getByTestId('destination-hint')
      .filter({ hasText: `The folder ${destination} will be created.` })
      .waitFor();
    // Checking wrote nothing.
    expect(existsSync(missing)).toBe(false);

    await start.click();
    const modal = copyModal(h.page, basename(source));
    await waitForStatus(modal, /^Completed$/);
    expect(copiedHashes(join(destination, basename(source)))).toEqual(fileHashes(source));
    await modal.getByRole('button', { name: 'Close' }).click();
    await modal.waitFor({ state: 'detached' });
  });

  it('refuses a file, or the source itself, as the destination', async () => {
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'not a folder');
    const options = await openCopyOptions(h, join(dir, 'backup'));
    const field = options.getByRole('textbox', { name: 'To destination folder' });
    const start = options.getByRole('button', { name: 'Start' });
    const alert = options.getByRole('alert');

    await field.fill(file);
    await alert.filter({ hasText: `${file} is a file` }).waitFor();
    expect(await start.isDisabled()).toBe(true);
    expect(await options.getByRole('checkbox', { name: /Create the missing folders/ }).count()).toBe(0);

    await field.fill(join(source, 'inside'));
    await alert.filter({ hasText: 'the destination is inside the source' }).waitFor();
    expect(await start.isDisabled()).toBe(true);

    // Back to a good folder: the problem goes and Start comes back.
    await field.fill(join(dir, 'backup'));
    await alert.waitFor({ state: 'detached' });
    await waitForEnabled(start);
    await h.page.keyboard.press('Escape');
    await options.waitFor({ state: 'detached' });
    expectNoPageErrors(h.pageErrors);
  });
});
