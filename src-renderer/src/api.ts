/** Typed access to the preload's window.wrangle: the renderer's only door to main. */
import type { WrangleApi } from '../../src-shared/ipc-channels';

declare global {
  interface Window {
    wrangle: WrangleApi;
  }
}

/** The preload API. */
export function wrangle(): WrangleApi {
  return window.wrangle;
}

/** The message of anything thrown, for showing to the user (without Electron's IPC wrapping). */
export function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Error invoking remote method '[^']*': (?:Error: )?/, '');
}

/** Last segment of a path ("/shows/SHOW/" → "SHOW"); the path itself when it has none. */
export function folderName(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '');
  const name = trimmed.split(/[\\/]/).pop();
  return name || path;
}
