/**
 * Shared memory between a transfer's coordinator and its copy threads: cancel and pause flags, the
 * bandwidth budget, and byte counters for live progress. Threads read it between chunks, so a control acts
 * within one chunk (a tenth of a second at most), even inside one big file.
 */
import { dueAt, waitUntil } from '../pacing';

const Flag = { cancel: 0, paused: 1, parked: 2 } as const;
const Counter = { advanced: 0, written: 1, paced: 2, epochMs: 3, limit: 4, checked: 5 } as const;
/** Per lane: the batch and the item it is on (-1 when idle), for the progress line's current file. */
export const MAX_LANES = 16;
const LANE_INTS = MAX_LANES * 2;
/** Per lane after those: 1 while it reads copies back (the job's "verifying"), else 0. */
const STAGES = 4 + LANE_INTS;
const INTS = STAGES + MAX_LANES;
const COUNTERS = 6;

let shared: ControlBlock | undefined;

/** A view of the shared block, from either side. */
export class ControlBlock {
  /** The worker process's block: one job runs per process, and its copy threads may start before it does. */
  static shared(): ControlBlock {
    shared ??= new ControlBlock();
    return shared;
  }

  readonly buffer: SharedArrayBuffer;
  private readonly flags: Int32Array;
  private readonly counters: BigInt64Array;

  constructor(buffer?: SharedArrayBuffer) {
    this.buffer = buffer ?? new SharedArrayBuffer(INTS * 4 + COUNTERS * 8);
    this.flags = new Int32Array(this.buffer, 0, INTS);
    this.counters = new BigInt64Array(this.buffer, INTS * 4, COUNTERS);
    if (!buffer) for (let lane = 0; lane < MAX_LANES; lane++) this.flags[4 + lane * 2] = -1;
  }

  // ---- coordinator side --------------------------------------------------------------------------------

  /** Set the bandwidth limit (bytes a second; 0 for none) and start its budget now. */
  setLimit(bytesPerSecond: number): void {
    Atomics.store(this.counters, Counter.limit, BigInt(Math.floor(bytesPerSecond)));
    this.restartBudget();
  }

  cancel(): void {
    Atomics.store(this.flags, Flag.cancel, 1);
    Atomics.notify(this.flags, Flag.paused);
  }

  pause(): void {
    Atomics.store(this.flags, Flag.paused, 1);
  }

  /** Resume; the bandwidth budget restarts, so the pause is not made up for with a burst. */
  resume(): void {
    this.restartBudget();
    Atomics.store(this.flags, Flag.paused, 0);
    Atomics.notify(this.flags, Flag.paused);
  }

  /** How many threads are parked by the pause (no byte moves in them until resume). */
  parked(): number {
    return Atomics.load(this.flags, Flag.parked);
  }

  /** What each lane works on: [batch id, item index] pairs, -1 when idle. */
  laneItems(): { batch: number; item: number }[] {
    const items: { batch: number; item: number }[] = [];
    for (let lane = 0; lane < MAX_LANES; lane++) {
      const batch = Atomics.load(this.flags, 4 + lane * 2);
      if (batch >= 0) items.push({ batch, item: Atomics.load(this.flags, 5 + lane * 2) });
    }
    return items;
  }

  /** Bytes the threads have moved through files so far (holes included), wrote, and read back. */
  bytes(): { advanced: number; written: number; checked: number } {
    return {
      advanced: Number(Atomics.load(this.counters, Counter.advanced)),
      written: Number(Atomics.load(this.counters, Counter.written)),
      checked: Number(Atomics.load(this.counters, Counter.checked)),
    };
  }

  /** True when every lane at work is reading copies back (none is writing): the job is verifying. */
  allReadingBack(): boolean {
    let working = 0;
    let reading = 0;
    for (let lane = 0; lane < MAX_LANES; lane++) {
      if (Atomics.load(this.flags, 4 + lane * 2) < 0) continue;
      working++;
      reading += Atomics.load(this.flags, STAGES + lane);
    }
    return working > 0 && reading === working;
  }

  // ---- thread side -------------------------------------------------------------------------------------

  get cancelled(): boolean {
    return Atomics.load(this.flags, Flag.cancel) === 1;
  }

  /** Count bytes a thread moved, wrote and read back (for progress and the rate). */
  count(advanced: number, written: number, checked = 0): void {
    if (advanced > 0) Atomics.add(this.counters, Counter.advanced, BigInt(advanced));
    if (written > 0) Atomics.add(this.counters, Counter.written, BigInt(written));
    if (checked > 0) Atomics.add(this.counters, Counter.checked, BigInt(checked));
  }

  /** Say whether lane `lane` is reading copies back (true) or writing (false). */
  readingBack(lane: number, reading: boolean): void {
    if (lane >= 0 && lane < MAX_LANES) Atomics.store(this.flags, STAGES + lane, reading ? 1 : 0);
  }

  /** Say which batch and item lane `lane` is on (batch -1: idle). */
  working(lane: number, batch: number, item: number): void {
    Atomics.store(this.flags, 5 + lane * 2, item);
    Atomics.store(this.flags, 4 + lane * 2, batch);
  }

  /** Wait while paused (counted as parked, so the coordinator knows no byte moves); false when cancelled. */
  waitWhilePaused(): boolean {
    if (Atomics.load(this.flags, Flag.paused) !== 1) return !this.cancelled;
    Atomics.add(this.flags, Flag.parked, 1);
    try {
      while (Atomics.load(this.flags, Flag.paused) === 1) {
        if (this.cancelled) return false;
        Atomics.wait(this.flags, Flag.paused, 1, 100);
      }
    } finally {
      Atomics.sub(this.flags, Flag.parked, 1);
    }
    return !this.cancelled;
  }

  /**
   * Take `bytes` from the bandwidth budget: wait (in short slices, minding pause and cancel) until they are
   * due, so bytes moved by time t never exceed limit × t. False when cancelled.
   */
  take(bytes: number): boolean {
    if (!this.waitWhilePaused()) return false;
    const limit = Number(Atomics.load(this.counters, Counter.limit));
    if (limit <= 0 || bytes <= 0) return true;
    const total = Number(Atomics.add(this.counters, Counter.paced, BigInt(bytes))) + bytes;
    const epoch = Number(Atomics.load(this.counters, Counter.epochMs));
    const stop = (): boolean => this.cancelled || Atomics.load(this.flags, Flag.paused) === 1;
    if (!waitUntil(dueAt(epoch, total, limit), Date.now, stop)) return this.waitWhilePaused();
    return true;
  }

  /** A chunk size that keeps one chunk under a tenth of a second of the bandwidth budget. */
  chunkBytes(max: number): number {
    const limit = Number(Atomics.load(this.counters, Counter.limit));
    return limit > 0 ? Math.max(64 * 1024, Math.min(max, Math.floor(limit / 10))) : max;
  }

  private restartBudget(): void {
    Atomics.store(this.counters, Counter.paced, 0n);
    Atomics.store(this.counters, Counter.epochMs, BigInt(Date.now()));
  }
}
