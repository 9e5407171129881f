/** The main window, locked down per Electron's security checklist. */
import { BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import { contentSecurityPolicy } from '../security/csp';

/** Open the window on the built renderer. `progressOrigin` is ws://127.0.0.1:PORT. */
export function createMainWindow(outDir: string, progressOrigin: string): BrowserWindow {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [contentSecurityPolicy(progressOrigin)],
      },
    });
  });
  // No camera, microphone, notifications prompts or anything else from web content.
  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) =>
    callback(false),
  );

  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    backgroundColor: '#16181d',
    title: 'Wrangle',
    show: false,
    webPreferences: {
      preload: join(outDir, 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  // The window only ever shows our renderer: no navigation, no new windows.
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-redirect', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void window.loadFile(join(outDir, 'renderer', 'index.html'));
  return window;
}
