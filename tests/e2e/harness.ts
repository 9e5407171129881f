/**
 * The e2e harness: the built renderer in Debian's Chromium, served with the production CSP, talking to the
 * real engine (JobManager, scan workers, ProgressServer) in this process through a preload stand-in.
 */
import { existsSync, mkdirSync, chmodSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright';
import { startEngine, type Engine } from '../../src-main/engine';
import { createIpcHandlers, type IpcHandlers } from '../../src-main/ipc-handlers';
import { LaunchScans } from '../../src-main/launch-scans';
import type { StartScanOutcome } from '../../src-shared/ipc-channels';
import { nodeWorkerHost } from '../../src-main/jobs/worker-host';
import { createQuitGuard } from '../../src-main/quit-guard';
import { contentSecurityPolicy } from '../../src-main/security/csp';
import { testConfig, withOverrides, type ConfigOverrides } from '../helpers/config';
import { builtEntries, tempDir } from '../helpers/engine';
import { installBridge, type Bridge } from './bridge';
import { nobodyWorkerHost } from './nobody-host';
import { OUT_RENDERER, startStaticServer, type StaticServer } from './static-server';

/** Debian's Chromium; Playwright's own browser download is not available here. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Where screenshots go. */
export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../test-results/e2e');

/** Options for one harness. */
export interface HarnessOptions {
  /** Engine config overrides (on top of the e2e defaults). */
  config?: ConfigOverrides;
  /** Run scan workers as nobody (uid 65534), so chmod 000 really hides a folder from a root test run. */
  asNobody?: boolean;
  /**
   * Use this data folder instead of a fresh temp one (to simulate a restart on the same history). The harness
   * does not delete a folder it was given.
   */
  dataDir?: string;
  /** Runs after the bridge is installed and before the app loads (grant permissions, add init scripts). */
  beforeLoad?: (page: Page, context: BrowserContext) => Promise<void>;
  /** Folders on the first launch's command line: their scans start before the app loads, as in main. */
  launchFolders?: string[];
}

/** A page with the app loaded, the engine behind it, and the bridge's counters. */
export interface Harness {
  page: Page;
  browser: Browser;
  engine: Engine & { dataDir: string };
  bridge: Bridge;
  web: StaticServer;
  /** Console errors and uncaught page errors seen so far (CSP violations show up here). */
  pageErrors: string[];
  /**
   * Ask to quit, as Cmd/Ctrl+Q or closing the window does in the app (main's quit guard, the same code): true
   * if the quit went ahead at once, false if the page was asked first.
   */
  requestQuit(): boolean;
  /** How many times the guard really quit (after a confirmation, or with nothing to cancel). */
  quits(): number;
  /** Folders given to a later launch ("Open with Wrangle"), through main's own LaunchScans. */
  openFolders(folders: string[]): Promise<void>;
  /** Save a screenshot to test-results/e2e/<name>.png: the page, or just `element` when given. */
  screenshot(name: string, element?: Locator): Promise<string>;
  dispose(): Promise<void>;
}

function assertBuilt(): void {
  if (!existsSync(join(OUT_RENDERER, 'index.html')))
    throw new Error(`${OUT_RENDERER}/index.html is missing: run \`npx electron-vite build\` first.`);
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`${CHROMIUM_PATH} is missing: install Debian's chromium: apt-get install -y chromium`);
}

/** package.json's version, as app.getVersion() gives it in the app. */
function packageVersion(): string {
  const text = readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

/** Start the static server, the engine, Chromium and the bridge, then load the app. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  assertBuilt();
  const web = await startStaticServer();
  const data = options.dataDir
    ? { path: options.dataDir, cleanup: async () => undefined }
    : await tempDir('e2e-data');
  if (options.asNobody) chmodSync(data.path, 0o755);
  const e2eDefaults = testConfig({
    dataDir: data.path,
    allowedOrigins: [web.origin],
    pollIntervalMs: 200,
    // A socket silent for two heartbeats is dropped for polling: on a loaded 2-core machine the page can
    // stall for a second or two, which is not what the tests watch for (connection.test.ts stops the server).
    heartbeatIntervalMs: 5000,
    idleTimeoutMs: 15000,
    jobs: { scan: { throttle_ms: 50 }, transfer: { throttle_ms: 50 }, verify: { throttle_ms: 50 } },
  });
  const config = withOverrides(e2eDefaults, options.config ?? {});
  const started = await startEngine({
    config,
    host: options.asNobody ? nobodyWorkerHost : nodeWorkerHost,
    entries: builtEntries(),
  });
  const engine = { ...started, dataDir: data.path };
  web.setCsp(contentSecurityPolicy(`ws://127.0.0.1:${engine.server.port}`));

  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // Failed loads are reported with their URL by the response listener below.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      pageErrors.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    // The browser asks for a favicon on its own; the app does not ship one.
    if (response.status() >= 400 && !response.url().endsWith('/favicon.ico'))
      pageErrors.push(`http ${response.status()}: ${response.url()}`);
  });
  let quits = 0;
  let askPage: (transfers: number) => void = () => undefined;
  const quitGuard = createQuitGuard({
    manager: engine.manager,
    ask: ({ transfers }) => askPage(transfers),
    quit: () => void quits++,
  });
  let handlers: IpcHandlers | undefined;
  let showScans: (outcomes: StartScanOutcome[]) => void = () => undefined;
  const launchScans = new LaunchScans(
    async (paths) => handlers!.startScan(paths),
    (outcomes) => showScans(outcomes),
  );
  const desktop = {
    appInfo: { name: 'Wrangle', version: packageVersion() },
    answerQuit: (confirmed: boolean) => quitGuard.answer(confirmed),
    takeStartedScans: () => launchScans.take(),
  };
  const bridge = await installBridge(
    page,
    (choosePaths, revealPath) =>
      (handlers = createIpcHandlers({ engine, config, choosePaths, revealPath, desktop })),
  );
  askPage = (transfers) => void bridge.emit('onQuitRequested', { transfers });
  showScans = (outcomes) => void bridge.emit('onScansStarted', outcomes);
  await options.beforeLoad?.(page, context);
  // As main does: the first launch's folders start scanning before the window has loaded.
  await launchScans.open(options.launchFolders ?? []);
  await page.goto(`${web.origin}/`);

  return {
    page,
    browser,
    engine,
    bridge,
    web,
    pageErrors,
    requestQuit: () => {
      if (!quitGuard.request()) return false;
      quits++;
      return true;
    },
    quits: () => quits,
    openFolders: (folders) => launchScans.open(folders),
    screenshot: async (name, element) => {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await (element ?? page).screenshot({ path });
      return path;
    },
    dispose: async () => {
      await browser.close().catch(() => undefined);
      await started.stop();
      await web.close();
      await data.cleanup();
    },
  };
}
