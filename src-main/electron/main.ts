/** Electron main: starts the engine, opens the window, registers IPC. File work never happens here. */
import { app, dialog, webContents, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config';
import { startEngine, type Engine } from '../engine';
import { workerEntriesIn } from '../jobs/worker-entries';
import { handleIpc } from './ipc';
import { utilityWorkerHost } from './utility-worker-host';
import { createMainWindow } from './window';

const mainDir = dirname(fileURLToPath(import.meta.url));
const outDir = dirname(mainDir);
const rendererUrl = new URL(`file://${join(outDir, 'renderer', 'index.html')}`).href;

function registerIpc(
  engine: Engine,
  window: BrowserWindow,
  pollIntervalMs: number,
  heartbeatMs: number,
): void {
  // Only the main frame of our own window, showing our own renderer, may call.
  const trusted = (event: IpcMainInvokeEvent): boolean =>
    webContents.fromId(event.sender.id) === window.webContents && event.senderFrame?.url === rendererUrl;
  const { manager } = engine;
  handleIpc('jobs:start-scan', trusted, (paths) => paths.map((path) => manager.startScan(path)));
  handleIpc('jobs:cancel', trusted, (batchId) => manager.cancel(batchId));
  handleIpc('jobs:get-snapshot', trusted, (batchId) => manager.getSnapshot(batchId) ?? null);
  handleIpc('jobs:list', trusted, () => manager.listJobs());
  handleIpc('jobs:get-result', trusted, (batchId) => manager.getResult(batchId) ?? null);
  handleIpc('progress:get-endpoint', trusted, () => ({
    url: `ws://127.0.0.1:${engine.server.port}/api/v1/ws`,
    token: engine.token,
    heartbeat_interval_ms: heartbeatMs,
    poll_interval_ms: pollIntervalMs,
  }));
  handleIpc('dialog:choose-folder', trusted, async () => {
    const choice = await dialog.showOpenDialog(window, { properties: ['openDirectory'] });
    return choice.canceled ? null : (choice.filePaths[0] ?? null);
  });
}

async function start(): Promise<void> {
  const config = loadConfig();
  // file:// pages send Origin "file://"; nothing else may open the socket.
  const engine = await startEngine({
    config: { ...config, allowedOrigins: ['file://'] },
    host: utilityWorkerHost,
    entries: workerEntriesIn(mainDir),
    dataDir: join(app.getPath('userData'), 'data'),
    warn: (message) => console.warn(`wrangle: ${message}`),
  });
  const window = createMainWindow(outDir, `ws://127.0.0.1:${engine.server.port}`);
  registerIpc(engine, window, config.pollIntervalMs, config.heartbeatIntervalMs);

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
