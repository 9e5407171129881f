/** Electron main: starts the engine, opens the window, registers IPC. File work never happens here. */
import { app, dialog, webContents, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { locateNativeAddon, NATIVE_ADDON_ENV } from '../../src-node/native-addon';
import { loadConfig } from '../config';
import { startEngine } from '../engine';
import { createIpcHandlers, type IpcHandlers } from '../ipc-handlers';
import { workerEntriesIn } from '../jobs/worker-entries';
import { APP_ORIGIN } from '../security/app-url';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { registerIpcHandlers } from './ipc';
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
  const chooseFolder = async (): Promise<string | null> => {
    const choice = await dialog.showOpenDialog(window, { properties: ['openDirectory'] });
    return choice.canceled ? null : (choice.filePaths[0] ?? null);
  };
  registerIpc(createIpcHandlers({ engine, config, chooseFolder }), window);

  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    // Cancel running jobs and end their workers before the process goes.
    event.preventDefault();
    quitting = true;
    void engine.stop().finally(() => app.quit());
  });
}

registerAppScheme();
app.on('window-all-closed', () => app.quit());
app.whenReady().then(start, (error: unknown) => {
  dialog.showErrorBox('Wrangle could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
});
