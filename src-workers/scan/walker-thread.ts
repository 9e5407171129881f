/**
 * A walker thread: reads whole directories with sync calls from its own stack, sends finished
 * directories in batches, and hands half its stack over when the coordinator says a thread is hungry.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { frameRules, type FrameRules } from '../../src-shared/frame-rules';
import { addFileType, fileTypeOf, type FileTypeTotals } from '../../src-shared/file-types';
import { folderFilesLine } from '../../src-shared/folder-files';
import type { ScanErrorEntry } from '../../src-shared/jobs';
import { NATIVE_ADDON_PATH } from '../native-addon-path';
import { dueAt, waitUntil } from '../pacing';
import { displayName, joinName, type DirLister, type FsName } from './dir-lister';
import { loadNativeLister } from './native-lister';
import { nodeLister } from './node-lister';
import { FirstPaths } from './problem-paths';
import { scanErrorEntry } from './scan-errors';
import { TopN } from './top-n';
import {
  MAX_WALKER_THREADS,
  type CoordinatorMessage,
  type DirBatch,
  type FileCandidate,
  type WalkerConfig,
  type WalkerData,
  type WalkerMessage,
  type WorkItem,
} from './walker-protocol';

const data = workerData as WalkerData;
const port = parentPort;
if (!port) throw new Error('walker-thread must run as a worker thread.');
const hungry = new Int32Array(data.hungry);

let nextLocal = 0;
const stack: WorkItem[] = [];
// Set by the coordinator's first message; the thread may be started before the scan's settings exist.
let config: WalkerConfig = {
  type: 'config',
  flushMs: 25,
  largestLimit: 0,
  maxErrors: 0,
  lister: 'node',
  maxDirsPerSecond: 0,
  sequences: false,
  sequenceExtensions: [],
  maxZeroFiles: 0,
};
let lister: DirLister = nodeLister;
let rules: FrameRules | null = null;
let largest = new TopN<FileCandidate>(0);
let zeroFiles = new FirstPaths(0);
let errorsSent = 0;
let batch = emptyBatch();
let batchTypes: FileTypeTotals = new Map();
let lastFlush = performance.now();
let lastFile: FsName | null = null;

function emptyBatch(): DirBatch {
  return {
    type: 'batch',
    keys: [],
    parents: [],
    depths: [],
    names: [],
    ownFiles: [],
    ownSize: [],
    symlinks: [],
    others: [],
    errored: [],
    files: 0,
    bytes: 0,
    symlinkCount: 0,
    otherCount: 0,
    weight: 0,
    errorCount: 0,
    errors: [],
    currentFile: null,
    zeroFileCount: 0,
    sequences: [],
    sequenceKeys: [],
    fileLists: [],
    fileTypes: [],
  };
}

function post(message: WalkerMessage): void {
  port?.postMessage(message);
}

function flush(): void {
  lastFlush = performance.now();
  if (batch.keys.length === 0 && batch.errorCount === 0 && batch.zeroFileCount === 0) return;
  batch.currentFile = lastFile === null ? null : displayName(lastFile);
  batch.fileTypes = [...batchTypes].map(([ext, t]) => ({ ext, count: t.count, bytes: t.bytes }));
  post(batch);
  batch = emptyBatch();
  batchTypes = new Map();
}

function recordError(path: FsName, error: { code: string; message: string }): void {
  batch.errorCount++;
  // Past the cap only the count matters, so skip building entries nobody will see.
  if (errorsSent >= config.maxErrors) return;
  errorsSent++;
  const entry: ScanErrorEntry = scanErrorEntry(displayName(path), error);
  batch.errors.push(entry);
}

/** Count a folder's files by type, and give its line of the file-list file ('' when it has none). */
function listFiles(names: readonly FsName[], sizes: ArrayLike<number>): string {
  if (names.length === 0) return '';
  const shown = names.map(displayName);
  const sizeList = Array.from(sizes);
  for (let i = 0; i < shown.length; i++)
    addFileType(batchTypes, fileTypeOf(shown[i] as string), 1, sizeList[i] as number);
  return folderFilesLine(shown, sizeList);
}

function processDir(item: WorkItem): void {
  const key = nextLocal++ * MAX_WALKER_THREADS + data.threadIndex;
  // Every file by name and size (minSize 0): the tree lists them all, and the largest come from them.
  const listing = lister.list(item.path, 0, rules);
  let fileList = '';
  let files = 0;
  let bytes = 0;
  let links = 0;
  let others = 0;
  let errored: 0 | 1 = 0;
  let share = item.weight;
  if ('error' in listing) {
    recordError(item.path, listing.error);
    errored = 1;
  } else {
    ({ files, bytes, symlinks: links, others } = listing);
    // Tree-fraction estimate: this directory keeps 1/(k+1) of its weight, each subdirectory gets the same.
    share = item.weight / (listing.dirs.length + 1);
    for (const name of listing.dirs) {
      stack.push({
        path: joinName(item.path, name),
        name: displayName(name),
        parent: key,
        depth: item.depth + 1,
        weight: share,
      });
    }
    for (let i = 0; i < listing.big.length; i++) {
      const size = listing.bigSizes[i] as number;
      if (largest.wants(size))
        largest.offer({ path: displayName(joinName(item.path, listing.big[i] as FsName)), size });
    }
    fileList = listFiles(listing.big, listing.bigSizes);
    if (listing.sequences !== null) {
      for (const line of listing.sequences) {
        batch.sequences.push(line);
        batch.sequenceKeys.push(key);
      }
    }
    for (let i = 0; i < listing.failed.length; i++) {
      const code = listing.failedCodes[i] as string;
      recordError(joinName(item.path, listing.failed[i] as FsName), {
        code,
        message: `${code}: could not stat`,
      });
      errored = 1;
    }
    batch.zeroFileCount += listing.zero.length;
    for (const name of listing.zero) zeroFiles.offer(displayName(joinName(item.path, name)));
    if (listing.last !== null) lastFile = joinName(item.path, listing.last);
  }
  batch.keys.push(key);
  batch.parents.push(item.parent);
  batch.depths.push(item.depth);
  batch.names.push(item.name);
  batch.ownFiles.push(files);
  batch.ownSize.push(bytes);
  batch.symlinks.push(links);
  batch.others.push(others);
  batch.errored.push(errored);
  batch.fileLists.push(fileList);
  batch.files += files;
  batch.bytes += bytes;
  batch.symlinkCount += links;
  batch.otherCount += others;
  batch.weight += share;
}

/** Pick the lister the scan asked for; 'auto' prefers native and falls back to Node's fs. */
function chooseLister(wanted: WalkerConfig['lister']): DirLister {
  if (wanted === 'node') return nodeLister;
  const native = loadNativeLister(NATIVE_ADDON_PATH);
  if ('lister' in native) return native.lister;
  if (wanted === 'native') {
    throw new Error(
      `The native lister could not be loaded (${native.reason}). Rebuild it with \`npm run build:native\` (needs python3, make and a C compiler), or set WRANGLE_SCAN_LISTER=auto to fall back to Node's fs.`,
    );
  }
  return nodeLister;
}

/** Keep to config.maxDirsPerSecond: wait until directory number `done` is due, in short slices so a cancel lands fast. */
function pace(startedAt: number, done: number): void {
  if (config.maxDirsPerSecond <= 0) return;
  const due = dueAt(startedAt, done, config.maxDirsPerSecond);
  if (due > performance.now()) flush();
  // Cancel terminates this thread: nothing to stop for here.
  waitUntil(
    due,
    () => performance.now(),
    () => false,
  );
}

function drain(): void {
  const startedAt = performance.now();
  let done = 0;
  while (stack.length > 0) {
    processDir(stack.pop() as WorkItem);
    pace(startedAt, ++done);
    // Hand over the oldest half (shallowest, so likely the biggest subtrees) to exactly one hungry peer.
    if (
      stack.length >= 2 &&
      Atomics.load(hungry, 0) === 1 &&
      Atomics.compareExchange(hungry, 0, 1, 0) === 1
    ) {
      flush();
      post({ type: 'share', items: stack.splice(0, stack.length >> 1) });
    }
    if (performance.now() - lastFlush >= config.flushMs) flush();
  }
  flush();
  post({ type: 'idle', largest: largest.items, zeroFiles: zeroFiles.items });
}

port.on('message', (message: CoordinatorMessage) => {
  if (message.type === 'config') {
    config = message;
    largest = new TopN<FileCandidate>(message.largestLimit);
    zeroFiles = new FirstPaths(message.maxZeroFiles);
    lister = chooseLister(message.lister);
    rules = message.sequences ? frameRules(message.sequenceExtensions) : null;
    post({ type: 'ready', lister: lister.kind });
    return;
  }
  for (const item of message.items) stack.push(item);
  lastFlush = performance.now();
  drain();
});
