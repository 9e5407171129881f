/**
 * The real Electron app through Playwright's _electron: the locked-down window, the preload's API, and a
 * scan that runs in a utility process. Runs wherever an Electron binary is installed; skipped elsewhere.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildShowTree, findCensus } from '../helpers/trees';
import { findElectronBinary } from './electron-binary';

const binary = findElectronBinary();
if ('missing' in binary) console.log(`Electron tests skipped: ${binary.missing}.`);

describe.skipIf('missing' in binary)('the Electron app', () => {
  let app: ElectronApplication;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wrangle-electron-'));
    buildShowTree(join(dir, 'SHOW'), { sequences: 1, shots: 2, versions: 1, frames: 50 });
    app = await _electron.launch({
      executablePath: 'path' in binary ? binary.path : undefined,
      args: [resolve(import.meta.dirname, '../../out/main/index.js'), '--no-sandbox'],
      env: { ...process.env, WRANGLE_DATA_DIR: join(dir, 'data') },
    });
    page = await app.firstWindow();
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('locks the window down: isolation, sandbox, no Node in the page', async () => {
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
        'chooseFolder',
        'getProgressEndpoint',
        'getResult',
        'getSnapshot',
        'listJobs',
        'pathForFile',
        'startScan',
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

  it('runs a scan in a utility process and returns counts that match find', async () => {
    const root = join(dir, 'SHOW');
    const result = await page.evaluate(async (path) => {
      type Api = {
        startScan(paths: string[]): Promise<{ batch_id: string }[]>;
        getSnapshot(id: string): Promise<{ state: string } | null>;
        getResult(
          id: string,
        ): Promise<{ file_count: number; directory_count: number; total_size: number } | null>;
      };
      const api = (globalThis as unknown as { wrangle: Api }).wrangle;
      const [job] = await api.startScan([path]);
      if (!job) throw new Error('no job');
      for (;;) {
        const snapshot = await api.getSnapshot(job.batch_id);
        if (snapshot && ['completed', 'failed', 'cancelled'].includes(snapshot.state)) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      return api.getResult(job.batch_id);
    }, root);
    const census = findCensus(root, 20);
    expect(result).toMatchObject({
      file_count: census.file_count,
      directory_count: census.directory_count,
      total_size: census.total_size,
    });
  });

  it('reaches the progress server with the endpoint the preload hands out', async () => {
    const first = await page.evaluate(async () => {
      type Api = { getProgressEndpoint(): Promise<{ url: string; token: string }> };
      const api = (globalThis as unknown as { wrangle: Api }).wrangle;
      const { url, token } = await api.getProgressEndpoint();
      return new Promise<string>((resolvePong, reject) => {
        const socket = new WebSocket(`${url}?token=${encodeURIComponent(token)}`);
        socket.onopen = () => socket.send(JSON.stringify({ type: 'ping' }));
        socket.onmessage = (event) => resolvePong(String(event.data));
        socket.onerror = () => reject(new Error('socket error'));
      });
    });
    expect(JSON.parse(first)).toMatchObject({ type: 'pong' });
  });
});
