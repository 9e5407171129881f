/** Electron main: starts the engine, opens the window, registers IPC. File work never happens here. */
import { app, dialog, webContents, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config';
import { startEngine } from '../engine';
import { createIpcHandlers, type IpcHandlers } from '../ipc-handlers';
import type { IpcChannel } from '../../src-shared/ipc-channels';
import { workerEntriesIn } from '../jobs/worker-entries';
import { handleIpc } from './ipc';
import { utilityWorkerHost } from './utility-worker-host';
import { createMainWindow } from './window';

const mainDir = dirname(fileURLToPath(import.meta.url));
const outDir = dirname(mainDir);
const rendererUrl = new URL(`file://${join(outDir, 'renderer', 'index.html')}`).href;

/** Register every channel; only the main frame of our own window, showing our renderer, may call. */
function registerIpc(handlers: IpcHandlers, window: BrowserWindow): void {
  const trusted = (event: IpcMainInvokeEvent): boolean =>
    webContents.fromId(event.sender.id) === window.webContents && event.senderFrame?.url === rendererUrl;
  for (const channel of Object.keys(handlers) as IpcChannel[]) {
    handleIpc(channel, trusted, handlers[channel] as never);
  }
}

async function start(): Promise<void> {
  const config = loadConfig();
  // file:// pages send Origin "file://"; nothing else may open the socket.
  const engine = await startEngine({
    config: { ...config, allowedOrigins: ['file://'] },
    host: utilityWorkerHost,
    entries: workerEntriesIn(mainDir),
    dataDir: join(app.getPath('userData'), 'data'),
    prewarmScanWorker: true,
    warn: (message) => console.warn(`wrangle: ${message}`),
  });
  const window = createMainWindow(outDir, `ws://127.0.0.1:${engine.server.port}`);
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

app.on('window-all-closed', () => app.quit());
app.whenReady().then(start, (error: unknown) => {
  dialog.showErrorBox('Wrangle could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
});
