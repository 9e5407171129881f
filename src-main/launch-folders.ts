/**
 * Folders given to a launch ("Open with Wrangle" on a folder, or `wrangle /shows/A /shows/B`): which command
 * line arguments are folders to scan. No Electron here, so it is tested with real folders.
 */
import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the command line's own arguments start: after the executable, and after the app path in development. */
export function firstUserArgument(defaultApp: boolean): number {
  return defaultApp ? 2 : 1;
}

function asPath(argument: string, cwd: string): string | null {
  if (argument.startsWith('file://')) {
    try {
      return fileURLToPath(argument);
    } catch {
      return null;
    }
  }
  return isAbsolute(argument) ? argument : resolve(cwd, argument);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The existing folders among `argv` from index `from` on, each once, in order: relative paths resolved against
 * `cwd` (the launch's working directory), file:// URLs (desktop entries may pass them) as paths. Switches
 * (`--flag`, which Chromium adds to a second launch's argv), files and missing paths are left out.
 */
export function foldersFromArgv(argv: readonly string[], cwd: string, from: number): string[] {
  const folders: string[] = [];
  for (const argument of argv.slice(from)) {
    if (argument === '' || argument.startsWith('-')) continue;
    const path = asPath(argument, cwd);
    if (path !== null && isDirectory(path) && !folders.includes(path)) folders.push(path);
  }
  return folders;
}
