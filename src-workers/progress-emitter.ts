/** Sends progress snapshots at most once per throttle interval, and only when something changed. */
import type { WorkerProgress } from '../src-shared/jobs';

/** Throttles one job's snapshots; scans and transfers both emit through it. */
export class ProgressEmitter {
  private lastAt = 0;
  private lastKey = '';

  constructor(
    private readonly throttleMs: number,
    private readonly send: (progress: WorkerProgress) => void,
  ) {}

  /**
   * Offer a snapshot whose state is summed up by `key`. It is built and sent when the key changed and the
   * throttle allows, or at once when `force` (a phase change, pause, the end) and the key changed.
   */
  offer(key: string, build: (now: number) => WorkerProgress, force = false): void {
    const now = Date.now();
    if (key === this.lastKey) return;
    if (!force && now - this.lastAt < this.throttleMs) return;
    this.lastKey = key;
    this.lastAt = now;
    this.send(build(now));
  }
}
