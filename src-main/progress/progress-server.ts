/** The WebSocket server that pushes job progress to the renderer and CLI watchers. See docs/protocol.md. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  CloseCodes,
  PROGRESS_PATH,
  TERMINAL_MESSAGE_TYPES,
  nowIso,
  parseClientMessage,
  type ClientMessage,
  type ProtocolErrorCode,
  type ServerMessage,
} from '../../src-shared/progress-protocol';
import { JOBS_KEY, SubscriberConnection } from './subscriber-connection';
import { PendingUpgrades } from './pending-upgrades';
import { checkUpgrade, rejectUpgrade, requestUrl } from './upgrade-guard';

export { newToken } from './token';

/** Where the server reads state from when a client (re)subscribes. JobProgressFeed (src-main/jobs/progress-feed.ts) implements it. */
export interface ProgressFeed {
  /** What brings a new subscriber of a batch up to date: its latest `progress`, or its terminal message; undefined if unknown. */
  latestMessage(batchId: string): ServerMessage | undefined;
  /** The current `jobs_update` message. */
  jobsMessage(): ServerMessage;
  /** A running watch job's whole state (a `watch_update`), sent after the latest message; undefined otherwise. */
  watchMessage?(batchId: string): ServerMessage | undefined;
}

/** Limits and secrets of one ProgressServer. */
export interface ProgressServerOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one, which later restarts reuse. */
  port: number;
  /** Per-launch random token (see newToken()); clients pass it as ?token=. */
  token: string;
  /** Exact Origin values allowed. A request without Origin (non-browser client) is allowed: the token guards it. */
  allowedOrigins: readonly string[];
  /** Close a socket silent this long with CloseCodes.IDLE_TIMEOUT (design: 90 s). */
  idleTimeoutMs: number;
  /** Largest client frame; larger ones make ws close with 1009. */
  maxPayloadBytes: number;
  /** Upgrades beyond this many open sockets are refused with HTTP 503. */
  maxConnections: number;
  /** Raw sockets allowed to wait for their upgrade at once; a new one drops the oldest. Default 16. */
  maxPendingUpgrades?: number;
  /** A socket not upgraded this long after connecting is closed. Default 5000 ms. */
  upgradeTimeoutMs?: number;
  /** Token bucket per client; exceeding it closes the socket with CloseCodes.RATE_LIMITED. */
  rateLimit: { messagesPerSecond: number; burst: number };
  /** Socket bufferedAmount above which progress is coalesced to the newest per batch. Default 64 KiB. */
  slowClientBufferBytes?: number;
  /** How long stop() waits for closing handshakes before cutting sockets. Default 1000 ms. */
  shutdownGraceMs?: number;
}

const DEFAULT_SLOW_CLIENT_BUFFER_BYTES = 64 * 1024;
const DEFAULT_SHUTDOWN_GRACE_MS = 1000;
const DEFAULT_MAX_PENDING_UPGRADES = 16;
const DEFAULT_UPGRADE_TIMEOUT_MS = 5000;

/** Serves PROGRESS_PATH on 127.0.0.1: authenticates upgrades, answers the protocol, fans out published messages. */
export class ProgressServer {
  private http: Server | undefined;
  private wss: WebSocketServer | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private boundPort: number;
  private stopping: Promise<void> | undefined;
  private pending: PendingUpgrades | undefined;
  private readonly clients = new Set<SubscriberConnection>();
  // Every raw TCP socket, so stop() can cut half-open upgrades and unresponsive clients.
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly feed: ProgressFeed,
    private readonly options: ProgressServerOptions,
  ) {
    this.boundPort = options.port;
  }

  /** Start listening on 127.0.0.1. Resolves once bound; a no-op while already running. */
  async start(): Promise<void> {
    if (this.stopping) await this.stopping;
    if (this.http) return;
    const http = createServer((req, res) => {
      const [status, body] =
        requestUrl(req)?.pathname === PROGRESS_PATH ? [426, 'WebSocket only.\n'] : [404, 'Not found.\n'];
      // Close at once: nothing legitimate talks plain HTTP here, so the socket should not linger.
      res.writeHead(status, { 'Content-Type': 'text/plain', Connection: 'close' }).end(body);
    });
    const maxPending = this.options.maxPendingUpgrades ?? DEFAULT_MAX_PENDING_UPGRADES;
    const pending = new PendingUpgrades(
      maxPending,
      this.options.upgradeTimeoutMs ?? DEFAULT_UPGRADE_TIMEOUT_MS,
    );
    // A hard cap on descriptors: Node closes a connection over it as soon as it is accepted. Upgraded sockets
    // stay counted, so the cap is the WebSocket cap plus room for handshakes in flight.
    http.maxConnections = this.options.maxConnections + maxPending;
    http.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      pending.add(socket);
    });
    this.pending = pending;
    http.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket, head));
    this.wss = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      maxPayload: this.options.maxPayloadBytes,
      perMessageDeflate: false,
    });
    this.http = http;
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(this.boundPort, '127.0.0.1', () => {
        http.off('error', reject);
        resolve();
      });
    }).catch((err: unknown) => {
      this.http = undefined;
      this.wss = undefined;
      throw err;
    });
    const address = http.address();
    if (address && typeof address === 'object') this.boundPort = address.port;
    // Sweep several times per timeout so a silent socket is closed within ~1.25 × idleTimeoutMs.
    const every = Math.max(10, Math.min(1000, this.options.idleTimeoutMs / 4));
    this.sweepTimer = setInterval(() => this.sweepIdle(), every);
    this.sweepTimer.unref();
  }

  /** The bound port (the requested one before start()). */
  get port(): number {
    return this.boundPort;
  }

  /** The URL clients connect to, token included. */
  get url(): string {
    return `ws://127.0.0.1:${this.boundPort}${PROGRESS_PATH}?token=${encodeURIComponent(this.options.token)}`;
  }

  /** Number of open client sockets. */
  get clientCount(): number {
    return this.clients.size;
  }

  /**
   * Fan a message out: batch messages to that batch's subscribers, jobs_update to subscribe_jobs clients.
   * Serialized once; never waits on any client.
   */
  publish(message: ServerMessage): void {
    if (this.clients.size === 0) return;
    if (message.type === 'jobs_update') {
      let data: Buffer | undefined;
      for (const client of this.clients) {
        if (!client.wantsJobs || client.closing) continue;
        data ??= Buffer.from(JSON.stringify(message));
        client.deliver(data, JOBS_KEY, true);
      }
      return;
    }
    if (message.type === 'pong' || message.type === 'error') return; // replies to one client, never broadcast
    const batchId = message.batch_id;
    const latestOnly = message.type === 'progress';
    let data: Buffer | undefined;
    for (const client of this.clients) {
      if (!client.batches.has(batchId) || client.closing) continue;
      data ??= Buffer.from(JSON.stringify(message));
      client.deliver(data, batchId, latestOnly);
    }
  }

  /** Close every client with CloseCodes.SHUTDOWN and stop listening. Idempotent; start() works again after. */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown().finally(() => {
      this.stopping = undefined;
    });
    return this.stopping;
  }

  private async shutdown(): Promise<void> {
    const http = this.http;
    if (!http) return;
    clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
    const closed = new Promise<void>((resolve) => http.close(() => resolve()));
    const waits = [...this.clients].map((client) => {
      const done = new Promise<void>((resolve) => client.ws.once('close', () => resolve()));
      this.closeClient(client, CloseCodes.SHUTDOWN, 'Server shutting down.');
      return done;
    });
    // A client that does not answer the close frame in time is cut; so is a half-finished upgrade.
    const grace = this.options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(waits), new Promise((r) => (timer = setTimeout(r, grace)))]);
    clearTimeout(timer);
    for (const client of this.clients) client.ws.terminate();
    for (const socket of this.sockets) socket.destroy();
    await closed;
    this.clients.clear();
    this.wss?.close();
    this.wss = undefined;
    this.http = undefined;
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const wss = this.wss;
    if (!wss || this.stopping) return rejectUpgrade(socket, 503, 'Server shutting down.');
    const verdict = checkUpgrade(req, {
      path: PROGRESS_PATH,
      port: this.boundPort,
      token: this.options.token,
      allowedOrigins: this.options.allowedOrigins,
    });
    if (!verdict.ok) return rejectUpgrade(socket, verdict.status, verdict.reason);
    if (this.clients.size >= this.options.maxConnections) {
      return rejectUpgrade(socket, 503, 'Too many connections.');
    }
    this.pending?.settle(socket);
    wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws));
  }

  private onConnection(ws: WebSocket): void {
    const client = new SubscriberConnection(
      ws,
      this.options.slowClientBufferBytes ?? DEFAULT_SLOW_CLIENT_BUFFER_BYTES,
      this.options.rateLimit,
    );
    this.clients.add(client);
    ws.on('message', (raw, isBinary) => this.onMessage(client, raw, isBinary));
    ws.on('ping', () => (client.lastSeen = performance.now()));
    // ws already closes on a protocol error (1009 for an oversized frame); a listener just keeps it from throwing.
    ws.on('error', () => undefined);
    ws.on('close', () => this.clients.delete(client));
  }

  private onMessage(client: SubscriberConnection, raw: RawData, isBinary: boolean): void {
    if (client.closing) return;
    client.lastSeen = performance.now();
    if (!client.bucket.take()) {
      const { messagesPerSecond, burst } = this.options.rateLimit;
      this.closeClient(
        client,
        CloseCodes.RATE_LIMITED,
        `Rate limit: ${messagesPerSecond}/s, burst ${burst}.`,
      );
      return;
    }
    if (isBinary) {
      this.reply(
        client,
        this.errorMessage('INVALID_MESSAGE', 'Binary frames are not supported; send JSON text.'),
      );
      return;
    }
    const buffer = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
    const text = buffer.toString('utf8');
    const parsed = parseClientMessage(text);
    if (!parsed.ok) {
      this.reply(client, this.errorMessage(parsed.code, parsed.error));
      return;
    }
    this.handle(client, parsed.message);
  }

  private handle(client: SubscriberConnection, message: ClientMessage): void {
    switch (message.type) {
      case 'ping':
        this.reply(client, { type: 'pong', timestamp: nowIso() });
        return;
      case 'subscribe': {
        client.batches.add(message.batch_id);
        const latest = this.feed.latestMessage(message.batch_id);
        if (latest) {
          const terminal = TERMINAL_MESSAGE_TYPES.includes(latest.type);
          client.deliver(Buffer.from(JSON.stringify(latest)), message.batch_id, !terminal);
          // Updates are changes; the first one a subscriber gets is the whole state to apply them to.
          const watch = this.feed.watchMessage?.(message.batch_id);
          if (watch) client.deliver(Buffer.from(JSON.stringify(watch)), undefined, false);
        } else {
          // The subscription stays, so a batch that starts later still reaches this client.
          const id = message.batch_id;
          this.reply(
            client,
            this.errorMessage('UNKNOWN_BATCH', `No job with batch_id ${JSON.stringify(id)} yet.`, id),
          );
        }
        return;
      }
      case 'unsubscribe':
        client.batches.delete(message.batch_id);
        client.forget(message.batch_id);
        return;
      case 'subscribe_jobs':
        client.wantsJobs = true;
        client.deliver(Buffer.from(JSON.stringify(this.feed.jobsMessage())), JOBS_KEY, true);
        return;
    }
  }

  private reply(client: SubscriberConnection, message: ServerMessage): void {
    client.deliver(Buffer.from(JSON.stringify(message)), undefined, false);
  }

  private errorMessage(code: ProtocolErrorCode, error: string, batchId?: string): ServerMessage {
    const message: ServerMessage = { type: 'error', data: { error, code }, timestamp: nowIso() };
    if (batchId !== undefined) message.batch_id = batchId;
    return message;
  }

  private closeClient(client: SubscriberConnection, code: number, reason: string): void {
    client.closing = true;
    client.ws.close(code, reason);
  }

  private sweepIdle(): void {
    const cutoff = performance.now() - this.options.idleTimeoutMs;
    for (const client of this.clients) {
      if (!client.closing && client.lastSeen < cutoff) {
        this.closeClient(client, CloseCodes.IDLE_TIMEOUT, `No message for ${this.options.idleTimeoutMs} ms.`);
      }
    }
  }
}
