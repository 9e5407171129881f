/** The fast lister: one native call per directory (readdir + fstatat in C, see native/list_dir.c). */
import { createRequire } from 'node:module';
import { getSystemErrorMap } from 'node:util';
import type { FrameBuckets } from '../../../src-shared/frame-buckets';
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
  /** With frame rows asked for and buckets found: "prefix\0suffix\0…", else null. */
  frameParts: string | null;
  /** The rows and bucket sizes (see decodeFrames): the array passed in when they fit, else a new one. */
  frameData: Float64Array | null;
  /** How many numbers of frameData are this folder's. */
  frameLength: number;
}

interface NativeModule {
  listDir(path: FsName, minSize: number, frameRows?: Float64Array): NativeListing | { error: number };
}

const systemErrors = getSystemErrorMap();
const NO_CODES: string[] = [];

/** errno number → [code, message], as Node's own fs errors name them. */
function describeErrno(errno: number): { code: string; message: string } {
  const [code, message] = systemErrors.get(-errno) ?? [`E${errno}`, `error ${errno}`];
  return { code, message: `${code}: ${message}` };
}

/**
 * Where C writes each folder's frame rows, reused folder after folder (a new array per folder cost more than
 * the rows); replaced by a bigger one when a folder does not fit, up to MAX_KEPT_ROWS numbers.
 */
let frameRows: Float64Array = new Float64Array(16_384);
const MAX_KEPT_ROWS = 1 << 20;

/** Unpack native/frame_buckets.c's layout: the rows as they are, then one member count per bucket. */
function decodeFrames(parts: string, data: Float64Array, length: number): FrameBuckets {
  const texts = parts.split('\0');
  const bucketCount = texts.length / 2;
  const rowEnd = length - bucketCount;
  // The rows stay in the shared array: the walker uses them before it lists the next folder.
  const frames: FrameBuckets = { buckets: [], rows: data };
  let first = 0;
  for (let b = 0; b < bucketCount; b++) {
    const count = data[rowEnd + b] as number;
    frames.buckets.push({ prefix: texts[2 * b] as string, suffix: texts[2 * b + 1] as string, first, count });
    first += count;
  }
  return frames;
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
      list(path, minSize, frames) {
        const result = frames ? native.listDir(path, minSize, frameRows) : native.listDir(path, minSize);
        if ('error' in result) return { error: describeErrno(result.error) };
        const { big, frameParts, frameData } = result;
        if (frameData !== null && frameData !== frameRows && frameData.length <= MAX_KEPT_ROWS)
          frameRows = frameData;
        // Spelled out, not spread: one object shape for every folder keeps the walker's property reads fast.
        return {
          files: result.files,
          bytes: result.bytes,
          symlinks: result.symlinks,
          others: result.others,
          dirs: result.dirs,
          big: typeof big === 'string' ? (big === '' ? [] : big.split('\0')) : big,
          bigSizes: result.bigSizes,
          failed: result.failed,
          failedCodes:
            result.failedErrnos.length === 0
              ? NO_CODES
              : Array.from(result.failedErrnos, (errno) => describeErrno(errno).code),
          last: result.last,
          frames:
            frameParts === null || frameData === null
              ? null
              : decodeFrames(frameParts, frameData, result.frameLength),
        };
      },
    },
  };
}
