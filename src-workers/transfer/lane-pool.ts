/** The coordinator's side of the copy threads: start them, hand out batches, collect results. */
import { Worker } from 'node:worker_threads';
import { builtFile } from '../../src-shared/built-entries';
import type { LaneBatch, LaneInit, LaneMessage, LaneResults } from './lane-protocol';

interface Lane {
  worker: Worker;
  busy: boolean;
}

interface Pending {
  batch: LaneBatch;
  resolve(results: LaneResults): void;
  reject(error: Error): void;
}

let warm: { pool: Promise<LanePool>; count: number; engine: LaneInit['engine'] } | null = null;

/**
 * Start copy threads now, before the job asks for them, so their boot (loading the bundle and the addon)
 * overlaps the host's start message and the counting.
 */
export function prewarmLanes(count: number, init: Omit<LaneInit, 'lane'>): void {
  const pool = LanePool.start(count, init);
  // A failed prewarm (no addon) only means the job starts its own threads.
  pool.catch(() => undefined);
  warm = { pool, count, engine: init.engine };
}

/** A fixed set of copy threads working through a queue of batches. */
export class LanePool {
  private readonly lanes: Lane[] = [];
  private readonly queue: Pending[] = [];
  private readonly inFlight = new Map<number, { lane: Lane; pending: Pending }>();
  private failure: Error | null = null;

  private constructor() {}

  /** Start `count` threads and wait until each has loaded its file engine. */
  static async start(count: number, init: Omit<LaneInit, 'lane'>): Promise<LanePool> {
    const pool = new LanePool();
    await Promise.all(Array.from({ length: count }, (_, lane) => pool.spawn({ ...init, lane })));
    return pool;
  }

  /** The prewarmed threads when they fit, else new ones. */
  static async acquire(count: number, init: Omit<LaneInit, 'lane'>): Promise<LanePool> {
    const prewarmed = warm;
    warm = null;
    if (prewarmed) {
      const pool = await prewarmed.pool.catch(() => null);
      if (pool && prewarmed.count === count && prewarmed.engine === init.engine) return pool;
      await pool?.close();
    }
    return LanePool.start(count, init);
  }

  /** Threads with a batch in hand. */
  get busy(): number {
    return this.inFlight.size;
  }

  /** Batches waiting or running. */
  get pending(): number {
    return this.queue.length + this.inFlight.size;
  }

  /** Copy a batch; resolves with one result per item, in order. */
  run(batch: LaneBatch): Promise<LaneResults> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ batch, resolve, reject });
      this.dispatch();
    });
  }

  /** Stop every thread. */
  async close(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.worker.terminate()));
  }

  private spawn(init: LaneInit): Promise<void> {
    // The lane is built as a sibling of this bundle (see electron.vite.config.ts).
    const worker = new Worker(new URL(`./${builtFile('copy-lane')}`, import.meta.url), {
      workerData: init,
      // A lane holds one batch at a time: a small young generation keeps each thread's memory low.
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
    const lane: Lane = { worker, busy: true };
    this.lanes.push(lane);
    return new Promise((resolve, reject) => {
      worker.on('message', (message: LaneMessage) => {
        if (message.type === 'ready') {
          lane.busy = false;
          resolve();
          this.dispatch();
        } else if (message.type === 'error') {
          reject(new Error(message.message));
          this.fail(new Error(message.message));
        } else {
          const running = this.inFlight.get(message.id);
          this.inFlight.delete(message.id);
          lane.busy = false;
          running?.pending.resolve(message.results);
          this.dispatch();
        }
      });
      worker.on('error', (error) => {
        reject(error);
        this.fail(error);
      });
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`A copy thread stopped with code ${code}.`));
      });
    });
  }

  private dispatch(): void {
    for (const lane of this.lanes) {
      if (lane.busy) continue;
      const next = this.queue.shift();
      if (!next) return;
      lane.busy = true;
      this.inFlight.set(next.batch.id, { lane, pending: next });
      lane.worker.postMessage(next.batch);
    }
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const { pending } of this.inFlight.values()) pending.reject(error);
    for (const pending of this.queue) pending.reject(error);
    this.inFlight.clear();
    this.queue.length = 0;
  }
}
