/** Wires the quit guard to Electron: the app's before-quit and the window's close both ask first. */
import { app, type BrowserWindow } from 'electron';
import { createQuitGuard, type QuitGuard, type QuitGuardDeps } from '../quit-guard';
import { sendToRenderer } from './ipc';

/**
 * Hold a quit (Quit, Cmd/Ctrl+Q, closing the window) that would cancel copies or moves, and ask the renderer.
 * `stop` ends the engine once the quit goes ahead; the app quits when it is done.
 */
export function installQuitGuard(
  window: BrowserWindow,
  manager: QuitGuardDeps['manager'],
  stop: () => Promise<void>,
): QuitGuard {
  const guard = createQuitGuard({
    manager,
    ask: (request) => {
      if (window.isDestroyed()) return;
      if (window.isMinimized()) window.restore();
      window.focus();
      sendToRenderer(window.webContents, 'onQuitRequested', request);
    },
    quit: () => app.quit(),
  });
  // Closing the window comes first on Windows and Linux (then window-all-closed quits): hold it there.
  window.on('close', (event) => {
    if (!guard.request()) event.preventDefault();
  });
  let stopping = false;
  app.on('before-quit', (event) => {
    if (stopping) return;
    event.preventDefault();
    if (!guard.request()) return;
    // Cancel what is left and end the workers before the process goes.
    stopping = true;
    void stop().finally(() => app.quit());
  });
  return guard;
}
