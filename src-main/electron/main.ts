/**
 * Electron main: one instance; starts the engine, opens the window, registers IPC and the menus. File work never
 * happens here.
 */
import { app, dialog, shell, webContents, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { locateNativeAddon, NATIVE_ADDON_ENV } from '../../src-node/native-addon';
import { pickerOptions, type PickerPurpose } from '../../src-shared/picker-options';
import { loadConfig } from '../config';
import { startEngine } from '../engine';
import { createIpcHandlers, type IpcHandlers } from '../ipc-handlers';
import { workerEntriesIn } from '../jobs/worker-entries';
import { APP_ORIGIN } from '../security/app-url';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { firstUserArgument, foldersFromArgv } from '../launch-folders';
import { LaunchScans } from '../launch-scans';
import { registerIpcHandlers, sendToRenderer } from './ipc';
import { installMenu } from './menu';
import { installQuitGuard } from './quit';
import { createUtilityWorkerHost } from './utility-worker-host';
import { createMainWindow } from './window';

const mainDir = dirname(fileURLToPath(import.meta.url));
const outDir = dirname(mainDir);

/** Register every IPC method; only the main frame of our own window, showing our renderer, may call. */
function registerIpc(handlers: IpcHandlers, window: BrowserWindow): void {
  const trusted = (event: IpcMainInvokeEvent): boolean =>
    webContents.fromId(event.sender.id) === window.webContents &&
    new URL(event.senderFrame?.url ?? 'about:blank').origin === APP_ORIGIN;
  registerIpcHandlers(handlers, trusted);
}

/** What a second launch's command line opens, once the window is up. */
let openFolders: ((argv: readonly string[], cwd: string) => void) | null = null;

async function start(): Promise<void> {
  const config = loadConfig();
  // The renderer's socket carries Origin app://wrangle; nothing else may open it.
  const engine = await startEngine({
    config: { ...config, allowedOrigins: [APP_ORIGIN] },
    // Electron tells why a utility process died only through app's child-process-gone.
    // Each worker gets the addon's absolute path: outside app.asar (resources/native) when packaged.
    host: createUtilityWorkerHost(
      (listener) => app.on('child-process-gone', (_event, details) => listener(details)),
      { [NATIVE_ADDON_ENV]: locateNativeAddon(mainDir) },
    ),
    entries: workerEntriesIn(mainDir),
    dataDir: join(app.getPath('userData'), 'data'),
    prewarm: 'scan',
    warn: (message) => console.warn(`wrangle: ${message}`),
  });
  serveRenderer(join(outDir, 'renderer'), `ws://127.0.0.1:${engine.server.port}`);
  const window = createMainWindow(outDir);
  const choosePaths = async (purpose: PickerPurpose): Promise<string[]> => {
    const choice = await dialog.showOpenDialog(window, pickerOptions(purpose));
    return choice.canceled ? [] : choice.filePaths;
  };
  // Quitting while copies or moves run asks the user first (the renderer answers with answerQuit).
  const quitGuard = installQuitGuard(window, engine.manager, () => engine.stop());
  // Folders given to this launch or a later one ("Open with Wrangle") start scans at once; the renderer shows
  // them as if dropped, once it listens (this launch's scans start before the window has loaded).
  const launchScans = new LaunchScans(
    async (paths) => handlers.startScan(paths),
    (outcomes) => !window.isDestroyed() && sendToRenderer(window.webContents, 'onScansStarted', outcomes),
  );
  const desktop = {
    appInfo: { name: 'Wrangle', version: app.getVersion() },
    answerQuit: (confirmed: boolean) => quitGuard.answer(confirmed),
    takeStartedScans: () => launchScans.take(),
  };
  const revealPath = (path: string): void => shell.showItemInFolder(path);
  const handlers = createIpcHandlers({ engine, config, choosePaths, revealPath, desktop });
  registerIpc(handlers, window);
  installMenu(window);

  const launchFolders = (argv: readonly string[], cwd: string) =>
    foldersFromArgv(argv, cwd, firstUserArgument(process.defaultApp === true));
  void launchScans.open(launchFolders(process.argv, process.cwd()));
  openFolders = (argv, cwd) => {
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
    void launchScans.open(launchFolders(argv, cwd));
  };
}

// One Wrangle at a time: a second launch hands its command line to the first (second-instance) and quits.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => openFolders?.(argv, workingDirectory));
  registerAppScheme();
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start, (error: unknown) => {
    dialog.showErrorBox('Wrangle could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}
