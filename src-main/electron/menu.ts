/** The native menus: File, Edit, View and Help, with the usual shortcuts; the renderer carries out our items. */
import { app, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../src-shared/ipc-channels';
import { sendToRenderer } from './ipc';

/** What the menus depend on. */
export interface MenuOptions {
  /** Packaged (production): no Reload and no developer tools. */
  isPackaged: boolean;
  platform: NodeJS.Platform;
  /** Hand an item to the renderer, which owns the dialogs it opens. */
  command(command: MenuCommand): void;
}

/** The application menu's template. */
export function menuTemplate({ isPackaged, platform, command }: MenuOptions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    ...(isPackaged
      ? []
      : [{ role: 'reload' } as const, { role: 'toggleDevTools' } as const, { type: 'separator' } as const]),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    // macOS puts the app's own menu first (About, Hide, Quit), by convention.
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Scan Folder…', accelerator: 'CmdOrCtrl+O', click: () => command('scan-folder') },
        { label: 'Copy or Move…', click: () => command('copy-or-move') },
        { type: 'separator' },
        // app.quit(): the quit guard asks first when copies or moves would be cancelled.
        { role: 'quit', label: 'Quit', accelerator: 'CmdOrCtrl+Q' },
      ],
    },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    {
      role: 'help',
      submenu: [
        // No accelerator: '?' is the renderer's own key, and a menu accelerator would take it from text fields.
        { label: 'Keyboard Shortcuts', click: () => command('shortcuts') },
        { type: 'separator' },
        { label: 'About Wrangle', click: () => command('about') },
      ],
    },
  ];
}

/** Install the menus for `window`. */
export function installMenu(window: BrowserWindow): void {
  const template = menuTemplate({
    isPackaged: app.isPackaged,
    platform: process.platform,
    command: (command) => {
      if (window.isDestroyed()) return;
      window.show();
      sendToRenderer(window.webContents, 'onMenuCommand', command);
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
