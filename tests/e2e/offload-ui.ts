/** Steps and readers for the offload and verify e2e tests, and screenshots for the docs. */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright';
import { SCREENSHOT_DIR, type Harness } from './harness';

/**
 * Where the screenshots go: test-results/e2e like the others, or the committed docs/screenshots when
 * WRANGLE_UPDATE_SCREENSHOTS=1 (so a test run leaves the docs as they are).
 */
export const DOC_SCREENSHOT_DIR =
  process.env.WRANGLE_UPDATE_SCREENSHOTS === '1'
    ? resolve(import.meta.dirname, '../../docs/screenshots')
    : SCREENSHOT_DIR;

/** Save a screenshot as <name>.png in DOC_SCREENSHOT_DIR: the page, or just `element` when given. */
export async function docScreenshot(h: Harness, name: string, element?: Locator): Promise<string> {
  mkdirSync(DOC_SCREENSHOT_DIR, { recursive: true });
  const path = join(DOC_SCREENSHOT_DIR, `${name}.png`);
  await (element ?? h.page).screenshot({ path });
  return path;
}

/** The modal of a verification of a folder named `name`. */
export function verifyModal(page: Page, name: string): Locator {
  return page.getByRole('dialog', { name: `Verifying ${name}` });
}

/** The options dialog's checkboxes and fields by their labels. */
export const LABELS = {
  verify: 'Verify copies (read back from storage)',
  mhl: 'Write ASC MHL history',
  checksumFile: 'Write a checksum file',
  firstDestination: 'To destination folder',
  /** The accessible name of added destination `n` (2…8). */
  destination: (n: number): string => `Also to, destination ${n}`,
};

/** Dismiss every toast, so a screenshot of a modal shows only the modal. */
export async function dismissToasts(page: Page): Promise<void> {
  const dismiss = page.getByRole('button', { name: 'Dismiss notification' });
  // A toast may leave on its own meanwhile (they time out): then there is one fewer to click.
  while ((await dismiss.count()) > 0)
    await dismiss
      .first()
      .click({ timeout: 1_000 })
      .catch(() => undefined);
}
