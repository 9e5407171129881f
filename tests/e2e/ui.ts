/** Small readers for what the app shows, shared by the e2e tests. */
import { basename } from 'node:path';
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright';
import { dropFolders } from './drop';

/** "1,234" → 1234. */
export function parseCount(text: string): number {
  return Number(text.replace(/[^\d.]/g, ''));
}

const UNITS: Record<string, number> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, PB: 1e15 };

/** "4.8 KB" → 4800 (as precise as the text). */
export function parseBytes(text: string): number {
  const match = /^([\d.]+)\s*([KMGTP]?B)$/.exec(text.trim());
  if (!match) throw new Error(`Not a byte size: ${JSON.stringify(text)}`);
  return Number(match[1]) * (UNITS[match[2]!] ?? NaN);
}

/** The progress modal of the scan of `root`. */
export function modalOf(page: Page, root: string): Locator {
  return page.getByRole('dialog', { name: `Scanning ${basename(root)}` });
}

/** What the modal shows at one moment. */
export interface ModalSample {
  /** The bar's aria-valuenow; null while it is indeterminate (a first scan's percentage not known yet). */
  percent: number | null;
  percentText: string;
  files: number;
  dirs: number;
  bytes: number;
  bytesText: string;
  currentFile: string;
  connection: string;
  status: string;
}

/** Read every field of the modal in one page round trip, so the numbers belong to one render. */
export async function sampleModal(modal: Locator): Promise<ModalSample> {
  return modal.evaluate((element) => {
    const root = element as unknown as {
      querySelector(
        selector: string,
      ): { textContent: string | null; getAttribute(name: string): string | null } | null;
    };
    const text = (id: string): string =>
      root.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? '';
    const bar = root.querySelector('[role="progressbar"]');
    const filesText = text('files-count');
    const dirsText = text('dirs-count');
    const bytesText = text('bytes-count');
    const units: Record<string, number> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, PB: 1e15 };
    const bytesMatch = /^([\d.]+)\s*([KMGTP]?B)$/.exec(bytesText);
    return {
      percent: bar?.getAttribute('aria-valuenow') ? Number(bar.getAttribute('aria-valuenow')) : null,
      percentText: text('percentage'),
      files: Number(filesText.replace(/[^\d]/g, '')),
      dirs: Number(dirsText.replace(/[^\d]/g, '')),
      bytes: bytesMatch ? Number(bytesMatch[1]) * (units[bytesMatch[2]!] ?? NaN) : NaN,
      bytesText,
      currentFile: root.querySelector('[data-testid="current-file"]')?.getAttribute('title') ?? '',
      connection: text('connection'),
      status: root.querySelector('[role="status"]')?.textContent?.trim() ?? '',
    };
  });
}

/** Wait until the modal's status reads `status` (e.g. "Completed"). */
export async function waitForStatus(
  modal: Locator,
  status: string | RegExp,
  timeout = 30_000,
): Promise<void> {
  await modal.getByRole('status').filter({ hasText: status }).waitFor({ timeout });
}

/** Drop `root` on the window, wait for its scan to complete, and open its results; returns the Results region. */
export async function scanAndOpenResults(page: Page, root: string): Promise<Locator> {
  await dropFolders(page, [root]);
  const modal = modalOf(page, root);
  await waitForStatus(modal, 'Completed');
  await modal.getByRole('button', { name: 'View results' }).click();
  await modal.waitFor({ state: 'detached' });
  const results = page.getByRole('region', { name: 'Results' });
  await results.waitFor();
  return results;
}

/** Poll `read` until `check` passes or `timeout` ms pass; returns the last value. */
export async function eventually<T>(
  read: () => Promise<T> | T,
  check: (value: T) => boolean,
  timeout = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeout;
  let value = await read();
  while (!check(value)) {
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeout} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((done) => setTimeout(done, 100));
    value = await read();
  }
  return value;
}

/** The page saw no errors (a CSP violation or a crash shows up as one). */
export function expectNoPageErrors(errors: string[]): void {
  expect(errors).toEqual([]);
}
