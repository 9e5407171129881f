/** The fast lister: one native call per directory (readdir + fstatat in C, see native/list_dir.c). */
import { createRequire } from 'node:module';
import { getSystemErrorMap } from 'node:util';
import type { DirLister, FsName } from './dir-lister';

interface NativeListing {
  files: number;
  bytes: number;
  symlinks: number;
  others: number;
  dirs: FsName[];
  /** One NUL-separated string when every name is UTF-8 (one string per folder is far cheaper), else an array. */
  big: string | FsName[];
  bigSizes: Float64Array;
  failed: FsName[];
  failedErrnos: Int32Array;
  last: FsName | null;
}

interface NativeModule {
  listDir(path: FsName, minSize: number): NativeListing | { error: number };
}

const systemErrors = getSystemErrorMap();

/** errno number → [code, message], as Node's own fs errors name them. */
function describeErrno(errno: number): { code: string; message: string } {
  const [code, message] = systemErrors.get(-errno) ?? [`E${errno}`, `error ${errno}`];
  return { code, message: `${code}: ${message}` };
}

/**
 * Load the native lister built by `npm install` (node-gyp), or explain why not.
 * `addonPath` is build/Release/wrangle_native.node of the checkout.
 */
export function loadNativeLister(addonPath: string): { lister: DirLister } | { reason: string } {
  let native: NativeModule;
  try {
    native = createRequire(import.meta.url)(addonPath) as NativeModule;
  } catch (error) {
    return { reason: (error as Error).message };
  }
  return {
    lister: {
      kind: 'native',
      list(path, minSize) {
        const result = native.listDir(path, minSize);
        if ('error' in result) return { error: describeErrno(result.error) };
        return {
          ...result,
          big:
            typeof result.big === 'string' ? (result.big === '' ? [] : result.big.split('\0')) : result.big,
          failedCodes: Array.from(result.failedErrnos, (errno) => describeErrno(errno).code),
        };
      },
    },
  };
}
