/** The fast lister: one native call per directory (readdir + fstatat in C, see native/list_dir.c). */
import { createRequire } from 'node:module';
import { describeErrno } from '../../src-node/errno';
import type { FrameRules } from '../../src-shared/frame-rules';
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
  /** Empty files that are not frames of a sequence, joined like `big`. */
  zero: string | FsName[];
  /** With `sequences`: the folder's image sequences, one line each (see sequence-lines.ts); else null. */
  sequences: string | null;
}

interface NativeModule {
  listDir(path: FsName, minSize: number, sequences: boolean): NativeListing | { error: number };
  /** The calling thread's sequence extensions (the native side keeps no list of its own). */
  setSequenceExtensions(extensions: readonly string[]): void;
}

const NO_CODES: string[] = [];

/**
 * The rules last handed to the native side, which keeps one list per thread (as this module is per thread):
 * a scan uses one set, so it crosses once per walker thread.
 */
let rulesSet: FrameRules | null = null;

/** Names joined by the native side: one NUL-separated string when all are UTF-8, else an array. */
function splitNames(names: string | FsName[]): FsName[] {
  return typeof names === 'string' ? (names === '' ? [] : names.split('\0')) : names;
}

/**
 * Load the native lister built by `npm install` (node-gyp), or explain why not.
 * `addonPath` is absolute: build/Release of the checkout, or resources/native beside app.asar.
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
      list(path, minSize, sequences) {
        if (sequences !== null && sequences !== rulesSet) {
          native.setSequenceExtensions(sequences.extensions);
          rulesSet = sequences;
        }
        const result = native.listDir(path, minSize, sequences !== null);
        if ('error' in result) return { error: describeErrno(result.error) };
        // Spelled out, not spread: one object shape for every folder keeps the walker's property reads fast.
        return {
          files: result.files,
          bytes: result.bytes,
          symlinks: result.symlinks,
          others: result.others,
          dirs: result.dirs,
          big: splitNames(result.big),
          bigSizes: result.bigSizes,
          failed: result.failed,
          failedCodes:
            result.failedErrnos.length === 0
              ? NO_CODES
              : Array.from(result.failedErrnos, (errno) => describeErrno(errno).code),
          last: result.last,
          zero: splitNames(result.zero),
          sequences: result.sequences === null ? null : result.sequences.split('\n'),
        };
      },
    },
  };
}
