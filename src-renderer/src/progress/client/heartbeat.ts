/** Client-side heartbeat: ping on a fixed interval and notice a socket that has gone silent. */
import type { TimerHandle, Timers } from './timers';

/** Silence longer than this many intervals means the socket is dead. */
export const DEAD_AFTER_INTERVALS = 2;

/** Pings every `intervalMs`; calls `onDead` once nothing has arrived for DEAD_AFTER_INTERVALS intervals. */
export class Heartbeat {
  private timer: TimerHandle | undefined;
  private lastSeen = 0;

  constructor(
    private readonly timers: Timers,
    private readonly intervalMs: number,
    private readonly ping: () => void,
    private readonly onDead: () => void,
  ) {}

  /** Start (or restart) the clock, counting from now. */
  start(): void {
    this.stop();
    this.lastSeen = this.timers.now();
    this.schedule();
  }

  /** Something arrived from the server: the socket is alive. */
  touch(): void {
    this.lastSeen = this.timers.now();
  }

  /** Stop pinging and watching. */
  stop(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    this.timer = this.timers.setTimeout(() => this.tick(), this.intervalMs);
  }

  private tick(): void {
    this.timer = undefined;
    // A half-open TCP connection never reports a close by itself; silence is the only sign.
    if (this.timers.now() - this.lastSeen >= DEAD_AFTER_INTERVALS * this.intervalMs) {
      this.onDead();
      return;
    }
    this.ping();
    this.schedule();
  }
}
