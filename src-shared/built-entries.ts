/**
 * The process entries electron-vite builds into out/main, one file each. electron.vite.config.ts builds them as
 * CommonJS (`.cjs`, since package.json says "type": "module"): ES module entries loaded from inside app.asar
 * have a history of regressions in Electron, and a worker is loaded from there in a packaged app.
 */
export const BUILT_ENTRIES = [
  'index',
  'cli',
  'scan-worker',
  'scan-walker-thread',
  'transfer-worker',
  'copy-lane',
  'verify-worker',
  'watch-worker',
] as const;

/** One entry's name, without its extension. */
export type BuiltEntry = (typeof BUILT_ENTRIES)[number];

/** The file an entry is built to, inside out/main. */
export function builtFile(entry: BuiltEntry): string {
  return `${entry}.cjs`;
}
