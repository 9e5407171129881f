/** One connected socket: its subscriptions, its liveness, and a send path that coalesces under backpressure. */
import type { WebSocket } from 'ws';
import { TokenBucket } from './token-bucket';

/** The coalescing key for `jobs_update`; batch ids are never empty, so this cannot collide. */
export const JOBS_KEY = '';

/** Server-side state of one WebSocket subscriber (the browser-side client is src-renderer/src/progress/progress-client.ts). */
export class SubscriberConnection {
  /** Batch ids this client is subscribed to. */
  readonly batches = new Set<string>();
  /** Whether this client asked for `jobs_update`. */
  wantsJobs = false;
  /** When the client last sent anything (performance.now() ms). */
  lastSeen = performance.now();
  /** Set once we have started closing, so late frames are ignored. */
  closing = false;
  /** Messages skipped because a newer one for the same key replaced them while the socket was backed up. */
  coalesced = 0;
  readonly bucket: TokenBucket;
  // Newest undelivered state message per key (batch id or JOBS_KEY), kept only while the socket is backed up.
  private readonly pending = new Map<string, Buffer>();

  constructor(
    readonly ws: WebSocket,
    private readonly slowBufferBytes: number,
    rate: { messagesPerSecond: number; burst: number },
  ) {
    this.bucket = new TokenBucket(rate.messagesPerSecond, rate.burst);
  }

  /** True while more than the threshold is waiting in the socket buffers. */
  get backedUp(): boolean {
    return this.ws.bufferedAmount > this.slowBufferBytes;
  }

  /**
   * Deliver a message. A `latestOnly` message (progress, jobs_update) is held back while the socket is
   * backed up, replacing any older one for the same key; anything else is always sent and, when keyed,
   * discards the pending state message it supersedes (a terminal message ends the batch's progress).
   */
  deliver(data: Buffer, key: string | undefined, latestOnly: boolean): void {
    if (latestOnly && key !== undefined && this.backedUp) {
      if (this.pending.has(key)) this.coalesced++;
      this.pending.set(key, data);
      return;
    }
    if (key !== undefined) this.pending.delete(key);
    this.write(data);
  }

  /** Forget a held-back message, e.g. after unsubscribe. */
  forget(key: string): void {
    this.pending.delete(key);
  }

  /** Number of messages currently held back. */
  get pendingCount(): number {
    return this.pending.size;
  }

  private write(data: Buffer): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    // The callback runs once the frame has left the user-space buffer: the moment to flush held-back state.
    this.ws.send(data, { binary: false }, (err) => {
      if (!err) this.flush();
    });
  }

  private flush(): void {
    for (const [key, data] of this.pending) {
      if (this.backedUp) return;
      this.pending.delete(key);
      this.write(data);
    }
  }
}
