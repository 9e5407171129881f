/** Runs walker threads over one tree: hands out work, feeds hungry threads, detects the end. */
import { Worker } from 'node:worker_threads';
import { builtFile } from '../../src-shared/built-entries';
import {
  MAX_WALKER_THREADS,
  type CoordinatorMessage,
  type DirBatch,
  type FileCandidate,
  type ListerChoice,
  type WalkerData,
  type WalkerMessage,
  type WorkItem,
} from './walker-protocol';

/** How a pool is set up. */
export interface WalkPoolOptions {
  threads: number;
  flushMs: number;
  largestLimit: number;
  maxErrors: number;
  lister: ListerChoice;
  /** Directory-rate limit for the whole scan; 0 for none. */
  maxDirsPerSecond: number;
  sequences: boolean;
  sequenceExtensions: readonly string[];
  maxZeroFiles: number;
  onBatch(batch: DirBatch): void;
}

// One scan runs per process, so the hungry flag and pre-started threads are per process.
const hungry = new Int32Array(new SharedArrayBuffer(4));
const warm: Worker[] = [];
const exited = new WeakSet<Worker>();

function spawnWalker(threadIndex: number): Worker {
  const workerData: WalkerData = { threadIndex, hungry: hungry.buffer as SharedArrayBuffer };
  // The walker is built as a sibling of this bundle (see electron.vite.config.ts).
  const worker = new Worker(new URL(`./${builtFile('scan-walker-thread')}`, import.meta.url), { workerData });
  worker.once('exit', () => exited.add(worker));
  return worker;
}

/**
 * Start `count` walker threads now, so their ~50 ms boot overlaps the wait for the start message.
 * They do not keep the process alive until a pool adopts them.
 */
export function prewarmWalkers(count: number): void {
  for (let i = warm.length; i < count; i++) {
    const worker = spawnWalker(i);
    worker.on('error', () => undefined); // A broken warm thread is replaced when a pool adopts it.
    worker.unref();
    warm.push(worker);
  }
}

/** What the threads kept over the whole walk: each one's largest files and first empty files by path. */
export interface WalkFindings {
  largest: FileCandidate[];
  zeroFiles: string[];
}

/** Walks from one root with `threads` walker threads; `run` resolves with what each thread kept. */
export class WalkPool {
  private readonly workers: Worker[] = [];
  private readonly idle = new Set<number>();
  private readonly queue: WorkItem[] = [];
  private readonly largest: FileCandidate[][] = [];
  private readonly zeroFiles: string[][] = [];
  private settle: { resolve(found: WalkFindings): void; reject(error: Error): void } | null = null;
  private stopped = false;
  /** The lister the threads use, once they have said. */
  listerKind: 'native' | 'node' | undefined;

  constructor(private readonly options: WalkPoolOptions) {}

  /** Walk everything below `root`; resolves once every thread is idle and no work is left. */
  run(root: WorkItem): Promise<WalkFindings> {
    return new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
      const { flushMs, largestLimit, maxErrors, lister } = this.options;
      const threads = Math.min(Math.max(1, this.options.threads), MAX_WALKER_THREADS);
      const maxDirsPerSecond = this.options.maxDirsPerSecond / threads;
      const config: CoordinatorMessage = {
        type: 'config',
        flushMs,
        largestLimit,
        maxErrors,
        lister,
        maxDirsPerSecond,
        sequences: this.options.sequences,
        sequenceExtensions: this.options.sequenceExtensions,
        maxZeroFiles: this.options.maxZeroFiles,
      };
      for (let i = 0; i < threads; i++) {
        const adopted = warm[i];
        const worker = adopted && !exited.has(adopted) ? adopted : spawnWalker(i);
        worker.ref();
        worker.on('message', (message: WalkerMessage) => this.onMessage(i, message));
        worker.on('error', (error) => this.fail(error));
        worker.on('exit', (code) => {
          if (!this.stopped) this.fail(new Error(`Walker thread ${i} exited unexpectedly (code ${code}).`));
        });
        worker.postMessage(config);
        this.workers.push(worker);
        this.idle.add(i);
      }
      // Warm threads beyond what this scan asked for are not needed.
      for (const extra of warm.splice(0).slice(threads)) void extra.terminate();
      this.queue.push(root);
      this.dispatch();
    });
  }

  /** Stop all threads now (cancel or failure). */
  terminate(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const worker of this.workers) void worker.terminate();
  }

  private onMessage(thread: number, message: WalkerMessage): void {
    if (this.stopped) return;
    if (message.type === 'batch') return this.options.onBatch(message);
    if (message.type === 'ready') {
      this.listerKind = message.lister;
      return;
    }
    if (message.type === 'share') {
      for (const item of message.items) this.queue.push(item);
      return this.dispatch();
    }
    this.largest[thread] = message.largest;
    this.zeroFiles[thread] = message.zeroFiles;
    this.idle.add(thread);
    if (this.idle.size === this.workers.length && this.queue.length === 0) return this.finish();
    this.dispatch();
  }

  /** Give queued work to idle threads, and raise the hungry flag if some stay idle. */
  private dispatch(): void {
    while (this.queue.length > 0 && this.idle.size > 0) {
      const thread = this.idle.values().next().value as number;
      this.idle.delete(thread);
      const take = Math.ceil(this.queue.length / (this.idle.size + 1));
      const message: CoordinatorMessage = { type: 'work', items: this.queue.splice(0, take) };
      this.workers[thread]?.postMessage(message);
    }
    Atomics.store(hungry, 0, this.idle.size > 0 && this.queue.length === 0 ? 1 : 0);
  }

  private finish(): void {
    this.terminate();
    this.settle?.resolve({ largest: this.largest.flat(), zeroFiles: this.zeroFiles.flat() });
  }

  private fail(error: Error): void {
    if (this.stopped) return;
    this.terminate();
    this.settle?.reject(error);
  }
}
