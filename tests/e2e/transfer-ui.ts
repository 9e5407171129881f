/** Readers and steps for the copy/move UI, shared by the transfer e2e tests. */
import type { Locator, Page } from 'playwright';
import { fileHashes } from '../helpers/copy-trees';
import type { Harness } from './harness';
import { eventually } from './ui';

/** The amber of --warn (completed with failures, paused) as getComputedStyle reports it. */
export const AMBER = 'rgb(232, 176, 74)';
/** The green of --ok (completed). */
export const GREEN = 'rgb(70, 194, 122)';
/** The red of --danger (failed; a destination that stopped). */
export const RED = 'rgb(239, 91, 91)';

/** With a scan's results open, click "Copy to…" with `destination` as the folder the picker returns. */
export async function openCopyOptions(h: Harness, destination: string): Promise<Locator> {
  h.bridge.chosenFolder = destination;
  await h.page.getByRole('button', { name: 'Copy to…' }).click();
  const options = h.page.getByRole('dialog', { name: 'Copy options' });
  await options.waitFor();
  return options;
}

/** The modal of a copy of a folder named `name`. */
export function copyModal(page: Page, name: string): Locator {
  return page.getByRole('dialog', { name: `Copying ${name}` });
}

/** A computed style of the first element `locator` matches. */
export async function cssOf(locator: Locator, property: string): Promise<string> {
  return locator
    .first()
    .evaluate((element, name) => getComputedStyle(element as Element).getPropertyValue(name), property);
}

/** Wait until a button's enabled state is `enabled`. */
export async function waitForEnabled(button: Locator, enabled = true, timeout = 5_000): Promise<void> {
  await eventually(
    () => button.isEnabled(),
    (value) => value === enabled,
    timeout,
  );
}

/** Wait until the modal's progress bar is drawn full (its width eases in over a quarter second). */
export async function waitForFullBar(modal: Locator): Promise<void> {
  const widths = (): Promise<[number, number]> =>
    modal.locator('[role="progressbar"]').evaluate((bar) => {
      const fill = (bar as Element).querySelector('.progress-fill');
      return [fill?.getBoundingClientRect().width ?? 0, (bar as Element).clientWidth];
    });
  await eventually(widths, ([fill, track]) => track > 0 && Math.abs(fill - track) < 1, 2_000);
}

/**
 * A copy's files (relative path → sha256) without the ASC MHL history a copy writes by default into each
 * copied folder (`ascmhl/`), to compare with the source's `fileHashes`.
 */
export function copiedHashes(copy: string): Map<string, string> {
  return new Map([...fileHashes(copy)].filter(([path]) => !path.startsWith('ascmhl/')));
}
