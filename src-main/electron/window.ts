/** The main window, locked down per Electron's security checklist. */
import { BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import { APP_ENTRY_URL } from '../security/app-url';
import { isPermissionGranted } from '../security/permissions';

/** Open the window on the renderer served at app://wrangle/ (see app-protocol.ts, which also sets the CSP). */
export function createMainWindow(outDir: string): BrowserWindow {
  session.defaultSession.setPermissionRequestHandler((_webContents, permission, callback) =>
    callback(isPermissionGranted(permission)),
  );

  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    backgroundColor: '#16181d',
    title: 'Wrangle',
    // Linux and Windows show it in the title bar and taskbar (macOS takes the bundle's icon). Packaged, it
    // is read from app.asar, so electron-builder's `files` must include resources/icons/.
    icon: join(outDir, '..', 'resources', 'icons', '256x256.png'),
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
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
