/** The scan job: validates the root, walks it with walker threads, reports progress, writes the tree. */
import {
  LARGEST_LIMIT,
  MAX_REPORTED_ERRORS,
  MAX_REPORTED_PROBLEM_PATHS,
  type ScanErrorEntry,
  type WorkerProgress,
} from '../../src-shared/jobs';
import type { ScanJobSpec } from '../../src-shared/worker-protocol';
import { builtFile } from '../../src-shared/built-entries';
import { ProgressEmitter } from '../progress-emitter';
import type { JobContext, JobOutcome } from '../worker-runtime';
import { checkRoot } from '../../src-node/check-root';
import { ScanMeter, type ScanCounters } from './scan-meter';
import { TopN } from './top-n';
import { TreeAccumulator } from './tree-accumulator';
import { WalkPool, prewarmWalkers, type WalkFindings } from './walk-pool';
import type { DirBatch, FileCandidate } from './walker-protocol';
import { summarizeSequences } from './summarize-sequences';
import { firstByPath } from './problem-paths';
import { treeWriteError, writeTreeFile } from './write-tree-file';
import { FolderFilesWriter } from './folder-files-writer';
import { folderFilesPath } from '../../src-shared/folder-files';
import { mergeFileTypes, topFileTypes, type FileTypeTotals } from '../../src-shared/file-types';

/** Walker threads a scan uses unless the spec says otherwise (main sends 2). */
const DEFAULT_THREADS = 2;

// Only in the built scan worker process (not when a test imports this file): start walker threads
// now so their boot overlaps the host's start message instead of delaying the walk.
if (import.meta.url.endsWith(`/${builtFile('scan-worker')}`)) prewarmWalkers(DEFAULT_THREADS);

/** Scan `spec.root` and resolve with the summary; rejects when cancelled or the root is unusable. */
export async function runScan(spec: ScanJobSpec, context: JobContext): Promise<JobOutcome> {
  const startedAt = Date.now();
  const root = await checkRoot(spec.root);
  const meter = new ScanMeter(spec.previous, startedAt);
  const tree = new TreeAccumulator();
  const counters: ScanCounters = { files: 0, dirs: 0, bytes: 0, errors: 0, weight: 0, currentFile: null };
  const errors: ScanErrorEntry[] = [];
  let zeroFileCount = 0;
  const fileTypes: FileTypeTotals = new Map();
  const filesPath = folderFilesPath(spec.tree_path);
  let fileLists: FolderFilesWriter;
  try {
    fileLists = await FolderFilesWriter.create(filesPath);
  } catch (error) {
    throw treeWriteError(filesPath, error);
  }

  const emitter = new ProgressEmitter(spec.throttle_ms, (progress) => context.progress(progress));
  const emit = (phase: WorkerProgress['phase']): void => {
    // Only when something changed, and never more often than the throttle.
    const state = `${phase}|${counters.files}|${counters.dirs}|${counters.bytes}|${counters.errors}`;
    emitter.offer(state, (now) => meter.snapshot(phase, counters, now));
  };

  const pool = new WalkPool({
    threads: spec.threads,
    // Flush twice per throttle interval so each snapshot sees fresh counts.
    flushMs: Math.max(5, Math.min(25, spec.throttle_ms / 2)),
    largestLimit: LARGEST_LIMIT,
    maxErrors: MAX_REPORTED_ERRORS,
    lister: spec.lister,
    maxDirsPerSecond: spec.max_dirs_per_second,
    sequences: spec.sequences,
    sequenceExtensions: spec.sequence_extensions,
    maxZeroFiles: MAX_REPORTED_PROBLEM_PATHS,
    onBatch: (batch: DirBatch) => {
      tree.add(batch, fileLists.append(batch.fileLists));
      mergeFileTypes(fileTypes, batch.fileTypes);
      counters.files += batch.files;
      counters.dirs += batch.keys.length;
      counters.bytes += batch.bytes;
      counters.weight += batch.weight;
      counters.errors += batch.errorCount;
      for (const entry of batch.errors) if (errors.length < MAX_REPORTED_ERRORS) errors.push(entry);
      zeroFileCount += batch.zeroFileCount;
      if (batch.currentFile !== null) counters.currentFile = batch.currentFile;
    },
  });

  const timer = setInterval(() => emit('walking'), spec.throttle_ms);
  let onAbort: (() => void) | null = null;
  let found: WalkFindings;
  try {
    emit('walking');
    found = await new Promise<WalkFindings>((resolve, reject) => {
      onAbort = () => {
        pool.terminate();
        reject(new Error('Scan cancelled.'));
      };
      if (context.signal.aborted) return onAbort();
      context.signal.addEventListener('abort', onAbort, { once: true });
      pool.run({ path: root, name: '', parent: -1, depth: 0, weight: 1 }).then(resolve, reject);
    });
  } catch (error) {
    await fileLists.discard();
    throw error;
  } finally {
    clearInterval(timer);
    if (onAbort) context.signal.removeEventListener('abort', onAbort);
    pool.terminate();
  }

  emit('finalizing');
  const scannedAt = new Date().toISOString();
  const built = tree.build(root, scannedAt, LARGEST_LIMIT);
  // The file list goes first: a tree file always points into a complete file list.
  try {
    await fileLists.publish();
  } catch (error) {
    await fileLists.discard();
    throw treeWriteError(filesPath, error);
  }
  await writeTreeFile(spec.tree_path, built.tree, built.sequences.texts);

  const zero = firstByPath(found.zeroFiles, MAX_REPORTED_PROBLEM_PATHS, zeroFileCount);
  const empty = firstByPath(built.emptyFolders, MAX_REPORTED_PROBLEM_PATHS);
  const largestFiles = new TopN<FileCandidate>(LARGEST_LIMIT);
  for (const file of found.largest) largestFiles.offer(file);
  return {
    progress: meter.final(counters),
    result: {
      kind: 'scan',
      root,
      ...built.totals,
      error_count: counters.errors,
      errors,
      largest_dirs: built.largest,
      largest_files: largestFiles.items.map(({ path, size }) => ({ path, size })),
      ...summarizeSequences(built.sequences),
      zero_byte_files: zero.paths,
      zero_byte_file_count: zero.count,
      empty_folders: empty.paths,
      empty_folder_count: empty.count,
      file_types: topFileTypes(fileTypes),
      scanned_at: scannedAt,
      duration_ms: Date.now() - startedAt,
    },
  };
}
