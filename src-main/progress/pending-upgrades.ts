/**
 * Raw sockets that have not become WebSockets yet, bounded in number and in age, so half-open connections
 * from any local user cannot use up the process's file descriptors.
 */
import type { Duplex } from 'node:stream';

/** Tracks not-yet-upgraded sockets: each gets a deadline, and the oldest is dropped when a new one would exceed the cap. */
export class PendingUpgrades {
  // Map order is arrival order, so the first key is the oldest socket.
  private readonly pending = new Map<Duplex, NodeJS.Timeout>();

  constructor(
    private readonly limit: number,
    private readonly timeoutMs: number,
  ) {}

  /** Start tracking a freshly accepted socket. */
  add(socket: Duplex): void {
    // Dropping the oldest rather than the newest means a flood held open cannot lock out a client that comes
    // later: a real upgrade finishes within milliseconds of connecting, long before it becomes the oldest.
    if (this.pending.size >= this.limit) {
      const oldest = this.pending.keys().next();
      if (!oldest.done) this.drop(oldest.value);
    }
    const timer = setTimeout(() => this.drop(socket), this.timeoutMs);
    timer.unref();
    this.pending.set(socket, timer);
    socket.once('close', () => this.settle(socket));
  }

  /** The socket is no longer pending: it became a WebSocket, or it closed. */
  settle(socket: Duplex): void {
    const timer = this.pending.get(socket);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.pending.delete(socket);
  }

  /** Number of sockets still waiting for their upgrade. */
  get size(): number {
    return this.pending.size;
  }

  private drop(socket: Duplex): void {
    this.settle(socket);
    socket.destroy();
  }
}
