/**
 * The real Electron app through Playwright's _electron: the locked-down window, the preload's API, and the
 * main scenarios (choose a folder → live modal → totals; cancel; results tree) with scans in utility
 * processes. Runs wherever an Electron binary is installed; skipped, with the reason, elsewhere.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBytes, formatCount } from '../../src-shared/format';
import { buildShowTree, findCensus, makeWideTree } from '../helpers/trees';
import { modalOf, waitForStatus } from '../e2e/ui';
import { findElectronBinary } from './electron-binary';

const binary = findElectronBinary();
// CI, where the binary is installed on purpose, sets WRANGLE_REQUIRE_ELECTRON=1: there a skip would hide a failure.
if ('missing' in binary && process.env.WRANGLE_REQUIRE_ELECTRON === '1') {
  throw new Error(`WRANGLE_REQUIRE_ELECTRON=1 but ${binary.missing}`);
}
if ('missing' in binary) console.log(`Electron tests skipped: ${binary.missing}.`);

type Api = {
  startScan(
    paths: string[],
  ): Promise<({ ok: true; job: { batch_id: string } } | { ok: false; error: string })[]>;
  getSnapshot(id: string): Promise<{ state: string } | null>;
  getResult(id: string): Promise<{ file_count: number; directory_count: number; total_size: number } | null>;
  getProgressEndpoint(): Promise<{ url: string; token: string }>;
};

describe.skipIf('missing' in binary)('the Electron app', () => {
  let app: ElectronApplication;
  let page: Page;
  let dir: string;

  /** Make the native folder dialog answer `path`, as if the artist picked it. */
  async function answerFolderDialog(path: string): Promise<void> {
    await app.evaluate(({ dialog }, chosen) => {
      dialog.showOpenDialog = (async () => ({
        canceled: false,
        filePaths: [chosen],
      })) as typeof dialog.showOpenDialog;
    }, path);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wrangle-electron-'));
    buildShowTree(join(dir, 'SHOW'), { sequences: 2, shots: 2, versions: 1, frames: 50 });
    makeWideTree(join(dir, 'SLOW'), 300, 2);
    app = await _electron.launch({
      executablePath: 'path' in binary ? binary.path : undefined,
      args: [resolve(import.meta.dirname, '../../out/main/index.cjs'), '--no-sandbox'],
      // A gentle pace makes the SLOW scan last long enough to cancel it.
      env: { ...process.env, WRANGLE_DATA_DIR: join(dir, 'data'), WRANGLE_SCAN_MAX_DIRS_PER_SECOND: '60' },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the renderer from app://wrangle with no Node in the page', async () => {
    expect(page.url()).toBe('app://wrangle/index.html');
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    // With context isolation the preload's own globals never reach the page.
    expect(await page.evaluate(() => typeof (globalThis as { ipcRenderer?: unknown }).ipcRenderer)).toBe(
      'undefined',
    );
  });

  it('exposes named functions on window.wrangle and nothing else', async () => {
    const keys = await page.evaluate(() =>
      Object.keys((globalThis as unknown as { wrangle: object }).wrangle).sort(),
    );
    expect(keys).toEqual(
      [
        'cancel',
        'choosePaths',
        'pause',
        'resume',
        'startCopy',
        'startMove',
        'checkTransfer',
        'retryFailed',
        'startVerify',
        'getProgressEndpoint',
        'getResult',
        'getSnapshot',
        'getTree',
        'listJobs',
        'pathForFile',
        'startScan',
        'getAppInfo',
        'answerQuit',
        // Main → renderer events: subscription functions, never ipcRenderer.
        'onQuitRequested',
        'onMenuCommand',
        'onScansStarted',
      ].sort(),
    );
  });

  it('refuses to navigate away', async () => {
    const before = page.url();
    await page.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
    });
    await page.waitForTimeout(300);
    expect(page.url()).toBe(before);
  });

  it('opens the socket from the renderer: its Origin is on the allow-list', async () => {
    const first = await page.evaluate(async () => {
      const api = (globalThis as unknown as { wrangle: Api }).wrangle;
      const { url, token } = await api.getProgressEndpoint();
      return new Promise<string>((resolvePong, reject) => {
        const socket = new WebSocket(`${url}?token=${encodeURIComponent(token)}`);
        socket.onopen = () => socket.send(JSON.stringify({ type: 'ping' }));
        socket.onmessage = (event) => resolvePong(String(event.data));
        socket.onerror = () => reject(new Error('socket refused'));
      });
    });
    expect(JSON.parse(first)).toMatchObject({ type: 'pong' });
  });

  it('scans a chosen folder in a utility process: live modal, then the totals find gives', async () => {
    const root = join(dir, 'SHOW');
    await answerFolderDialog(root);
    await page.getByRole('button', { name: 'Choose folder…' }).click();
    const modal = modalOf(page, root);
    await modal.waitFor();
    expect(await modal.getByTestId('connection').textContent()).toMatch(/Live|Connecting/);
    await waitForStatus(modal, 'Completed');
    const census = findCensus(root, 20);
    expect(await modal.getByTestId('files-count').textContent()).toBe(formatCount(census.file_count));
    expect(await modal.getByTestId('dirs-count').textContent()).toBe(formatCount(census.directory_count));
    expect(await modal.getByTestId('bytes-count').textContent()).toBe(formatBytes(census.total_size));
    await page.screenshot({
      path: resolve(import.meta.dirname, '../../test-results/electron/modal-completed.png'),
    });

    await modal.getByRole('button', { name: 'View results' }).click();
    const tree = page.getByRole('region', { name: 'Results' }).getByRole('tree', { name: 'Folder tree' });
    await tree.getByRole('treeitem').first().waitFor();
    expect(await tree.getByRole('treeitem').count()).toBeGreaterThan(1);
  });

  it('cancels a running scan', async () => {
    const root = join(dir, 'SLOW');
    await answerFolderDialog(root);
    await page.getByRole('button', { name: 'Choose folder…' }).click();
    const modal = modalOf(page, root);
    await waitForStatus(modal, 'Scanning…');
    await modal.getByRole('button', { name: 'Cancel' }).click();
    await waitForStatus(modal, 'Cancelled');
  });

  it('starts scans through the preload and reports a file as not a folder', async () => {
    const outcomes = await page.evaluate(
      (paths) => (globalThis as unknown as { wrangle: Api }).wrangle.startScan(paths),
      [join(dir, 'SHOW'), join(dir, 'no such folder')],
    );
    expect(outcomes[0]).toMatchObject({ ok: true });
    expect(outcomes[1]).toMatchObject({ ok: false });
  });
});
