/**
 * A walker thread: reads whole directories with sync calls from its own stack, sends finished
 * directories in batches, and hands half its stack over when the coordinator says a thread is hungry.
 */
import { lstatSync, readdirSync, type Dirent } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { ScanErrorEntry } from '../../../src-shared/jobs';
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
const SLASH = Buffer.from('/');
// Shared option objects: these calls run once per entry, so avoid an allocation each time.
const LSTAT_OPTIONS = { throwIfNoEntry: false } as const;
const READDIR_OPTIONS = { withFileTypes: true } as const;
const READDIR_BUFFER_OPTIONS = { withFileTypes: true, encoding: 'buffer' } as const;

let nextLocal = 0;
const stack: WorkItem[] = [];
// Set by the coordinator's first message; the thread may be started before the scan's settings exist.
let config: WalkerConfig = { type: 'config', flushMs: 25, largestLimit: 0, maxErrors: 0 };
let largest = new TopN<FileCandidate>(0);
let errorsSent = 0;
let batch = emptyBatch();
let lastFlush = performance.now();
let lastFile: string | Buffer | null = null;
/** Set when an entry of the directory being read could not be stat'ed. */
let entryErrored = false;

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
  };
}

function post(message: WalkerMessage): void {
  port?.postMessage(message);
}

function flush(): void {
  lastFlush = performance.now();
  if (batch.keys.length === 0 && batch.errorCount === 0) return;
  batch.currentFile = lastFile === null ? null : lastFile.toString();
  post(batch);
  batch = emptyBatch();
}

function recordError(path: string | Buffer, error: unknown): void {
  batch.errorCount++;
  // Past the cap only the count matters, so skip building entries nobody will see.
  if (errorsSent >= config.maxErrors) return;
  errorsSent++;
  const entry: ScanErrorEntry = scanErrorEntry(path.toString(), error);
  batch.errors.push(entry);
}

/** Names with U+FFFD may be lossy decodings of non-UTF-8 bytes; those need byte paths to lstat. */
function hasReplacementChar(entries: Dirent[]): boolean {
  for (const entry of entries) if (entry.name.includes('\uFFFD')) return true;
  return false;
}

function readEntries(path: string | Buffer): { entries: Dirent[] | Dirent<Buffer>[]; bytes: boolean } {
  if (typeof path === 'string') {
    const entries = readdirSync(path, READDIR_OPTIONS);
    if (!hasReplacementChar(entries)) return { entries, bytes: false };
    path = Buffer.from(path);
  }
  return { entries: readdirSync(path, READDIR_BUFFER_OPTIONS), bytes: true };
}

function processDir(item: WorkItem): void {
  const key = nextLocal++ * MAX_WALKER_THREADS + data.threadIndex;
  const dirPath = typeof item.path === 'string' ? item.path : Buffer.from(item.path);
  let files = 0;
  let bytes = 0;
  let links = 0;
  let others = 0;
  let errored: 0 | 1 = 0;
  entryErrored = false;
  const subdirs: WorkItem[] = [];
  let read: ReturnType<typeof readEntries> | null = null;
  try {
    read = readEntries(dirPath);
  } catch (error) {
    recordError(dirPath, error);
    errored = 1;
  }
  if (read) {
    if (read.bytes) {
      const base = typeof dirPath === 'string' ? Buffer.from(dirPath) : dirPath;
      const prefix = base[base.length - 1] === 0x2f ? base : Buffer.concat([base, SLASH]);
      for (const entry of read.entries as Dirent<Buffer>[]) {
        const full = Buffer.concat([prefix, entry.name]);
        if (entry.isFile()) {
          const size = statSize(full);
          if (size < 0) continue;
          files++;
          bytes += size;
        } else if (entry.isDirectory()) {
          subdirs.push({
            path: full,
            name: entry.name.toString(),
            parent: key,
            depth: item.depth + 1,
            weight: 0,
          });
        } else if (entry.isSymbolicLink()) links++;
        else others++;
      }
    } else {
      const base = dirPath as string;
      const prefix = base.endsWith('/') ? base : base + '/';
      for (const entry of read.entries as Dirent[]) {
        const full = prefix + entry.name;
        if (entry.isFile()) {
          const size = statSize(full);
          if (size < 0) continue;
          files++;
          bytes += size;
        } else if (entry.isDirectory()) {
          subdirs.push({ path: full, name: entry.name, parent: key, depth: item.depth + 1, weight: 0 });
        } else if (entry.isSymbolicLink()) links++;
        else others++;
      }
    }
  }
  if (entryErrored) errored = 1;
  // Tree-fraction estimate: this directory keeps 1/(k+1) of its weight, each subdirectory gets the same.
  const share = item.weight / (subdirs.length + 1);
  for (const sub of subdirs) {
    sub.weight = share;
    stack.push(sub);
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
  batch.files += files;
  batch.bytes += bytes;
  batch.symlinkCount += links;
  batch.otherCount += others;
  batch.weight += share;
}

/** Apparent size of a regular file, or -1 when it vanished or could not be stat'ed (recorded). */
function statSize(path: string | Buffer): number {
  let size: number;
  try {
    const stats = lstatSync(path, LSTAT_OPTIONS);
    if (!stats) return -1;
    size = stats.size;
  } catch (error) {
    // It is still a file (find counts it); only its size is unknown.
    recordError(path, error);
    entryErrored = true;
    return 0;
  }
  lastFile = path;
  if (largest.wants(size)) largest.offer({ path: path.toString(), size });
  return size;
}

function drain(): void {
  while (stack.length > 0) {
    processDir(stack.pop() as WorkItem);
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
  post({ type: 'idle', largest: largest.items });
}

port.on('message', (message: CoordinatorMessage) => {
  if (message.type === 'config') {
    config = message;
    largest = new TopN<FileCandidate>(message.largestLimit);
    return;
  }
  for (const item of message.items) stack.push(item);
  lastFlush = performance.now();
  drain();
});
