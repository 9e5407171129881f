/** Test helpers for the progress server: a queued WebSocket client, raw upgrades, a never-reading socket, fixtures. */
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { WebSocket, type ClientOptions } from 'ws';
import type { JobInfo, ProgressSnapshot } from '../../src-shared/jobs';
import { nowIso, parseServerMessage, type ServerMessage } from '../../src-shared/progress-protocol';
import type { ProgressFeed, ProgressServerOptions } from '../../src-main/progress/progress-server';

/** How a socket ended. */
export interface CloseInfo {
  code: number;
  reason: string;
}

/** A `ws` client that queues every server message (validated against ServerMessageSchema) for `next()`. */
export class TestClient {
  /** Every message received so far, in order. */
  readonly received: ServerMessage[] = [];
  /** Resolves when the socket closes. */
  readonly closed: Promise<CloseInfo>;
  private cursor = 0;
  private wake: (() => void) | undefined;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      this.received.push(parseServerMessage(String(raw)));
      this.wake?.();
    });
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        this.wake?.();
      });
    });
  }

  /** Open a connection; rejects with the HTTP status on a refused upgrade. */
  static connect(url: string, options: ClientOptions = {}): Promise<TestClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, options);
      const client = new TestClient(ws);
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => {
        reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode }));
        ws.terminate();
      });
      ws.once('error', reject);
    });
  }

  /** Send an object as JSON, or a string as-is. */
  send(message: object | string): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The next unread message (optionally the next of a type, skipping others); rejects after timeoutMs. */
  async next(type?: ServerMessage['type'], timeoutMs = 2000): Promise<ServerMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (this.cursor < this.received.length) {
        const message = this.received[this.cursor++] as ServerMessage;
        if (!type || message.type === type) return message;
      }
      const left = deadline - Date.now();
      if (left <= 0 || this.ws.readyState === WebSocket.CLOSED) {
        throw new Error(`No ${type ?? 'message'} within ${timeoutMs} ms`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Unread messages, consumed. */
  drain(): ServerMessage[] {
    const rest = this.received.slice(this.cursor);
    this.cursor = this.received.length;
    return rest;
  }

  /** Close and wait for the close to finish. */
  async close(): Promise<void> {
    if (this.ws.readyState !== WebSocket.CLOSED) this.ws.close();
    await this.closed;
  }
}

/** Try an upgrade with exactly these headers and return the HTTP status (101 when accepted). */
export function upgradeStatus(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        ...headers,
      },
    });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve(101);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * A client on a raw TCP socket that does the upgrade by hand, then stops reading when paused, so the
 * server's send buffer fills like a real slow consumer. Parses the (unmasked) server frames it reads.
 */
export class RawSlowClient {
  /** Text messages parsed so far. */
  readonly received: ServerMessage[] = [];
  private buffer: Buffer = Buffer.alloc(0);

  private constructor(private readonly socket: Socket) {}

  /** Connect and complete the WebSocket handshake on `path`. */
  static async connect(port: number, path: string): Promise<RawSlowClient> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    const client = new RawSlowClient(socket);
    await new Promise<void>((resolve, reject) => {
      let head = Buffer.alloc(0);
      const onData = (chunk: Buffer): void => {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        socket.off('data', onData);
        const status = head.subarray(0, end).toString().split('\r\n')[0] ?? '';
        if (!status.includes(' 101 ')) return reject(new Error(`Upgrade refused: ${status}`));
        client.buffer = head.subarray(end + 4);
        socket.on('data', (data: Buffer) => client.onData(data));
        resolve();
      };
      socket.on('data', onData);
    });
    return client;
  }

  /** Stop reading from the socket: the kernel buffers fill and the server sees backpressure. */
  pause(): void {
    this.socket.pause();
  }

  /** Start reading again. */
  resume(): void {
    this.socket.resume();
  }

  /** Send a masked text frame (the server requires client frames to be masked). */
  send(message: object): void {
    const payload = Buffer.from(JSON.stringify(message));
    if (payload.length > 125) throw new Error('RawSlowClient.send only does short frames');
    const mask = Buffer.from([1, 2, 3, 4]);
    const masked = Buffer.from(payload.map((b, i) => b ^ (mask[i % 4] as number)));
    this.socket.write(Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]));
  }

  /** Resolve once a message satisfies `done`, or reject after timeoutMs. */
  async waitFor(done: (m: ServerMessage) => boolean, timeoutMs = 5000): Promise<ServerMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.received.find(done);
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`Not received within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Close the TCP socket. */
  destroy(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const b = this.buffer;
      if (b.length < 2) return;
      const opcode = (b[0] as number) & 0x0f;
      let length = (b[1] as number) & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (b.length < 4) return;
        length = b.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (b.length < 10) return;
        length = Number(b.readBigUInt64BE(2));
        offset = 10;
      }
      if (b.length < offset + length) return;
      const payload = b.subarray(offset, offset + length);
      this.buffer = b.subarray(offset + length);
      if (opcode === 1) this.received.push(parseServerMessage(payload.toString('utf8')));
    }
  }
}

// ---- fixtures -----------------------------------------------------------------------------------

/** A valid progress snapshot; `currentFile` pads the message to a chosen size. */
export function snapshot(
  batchId: string,
  files: number,
  currentFile = `/shots/a/f${files}.exr`,
): ProgressSnapshot {
  return {
    batch_id: batchId,
    kind: 'scan',
    root: '/shots',
    state: 'running',
    phase: 'walking',
    files_total: null,
    bytes_total: null,
    files_processed: files,
    dirs_processed: 1,
    bytes_processed: files * 1000,
    errors_count: 0,
    current_file: currentFile,
    percentage: Math.min(99, files / 100),
    estimate: 'tree',
    rate: { files_per_second: 10, bytes_per_second: 10_000 },
    eta_ms: null,
    emitted_at: Date.now(),
    updated_at: nowIso(),
  };
}

/** A `progress` message. */
export function progressMessage(batchId: string, files: number, currentFile?: string): ServerMessage {
  return {
    type: 'progress',
    batch_id: batchId,
    data: snapshot(batchId, files, currentFile),
    timestamp: nowIso(),
  };
}

/** A `completed` message for a scan. */
export function completedMessage(batchId: string, files: number): ServerMessage {
  const snap = {
    ...snapshot(batchId, files),
    state: 'completed' as const,
    phase: 'done' as const,
    percentage: 100,
  };
  return {
    type: 'completed',
    batch_id: batchId,
    data: {
      snapshot: snap,
      result: {
        kind: 'scan',
        root: '/shots',
        sequences: [],
        sequence_count: 0,
        problem_sequence_count: 0,
        zero_byte_files: [],
        zero_byte_file_count: 0,
        empty_folders: [],
        empty_folder_count: 0,
        file_types: [],
        total_size: files * 1000,
        file_count: files,
        directory_count: 1,
        symlink_count: 0,
        other_count: 0,
        error_count: 0,
        errors: [],
        largest_dirs: [],
        largest_files: [],
        scanned_at: nowIso(),
        duration_ms: 5,
      },
    },
    timestamp: nowIso(),
  };
}

/** A `jobs_update` message listing these batch ids as running scans. */
export function jobsMessage(batchIds: string[]): ServerMessage {
  const jobs: JobInfo[] = batchIds.map((id) => ({
    batch_id: id,
    kind: 'scan',
    destination: null,
    root: '/shots',
    state: 'running',
    created_at: nowIso(),
    started_at: nowIso(),
    finished_at: null,
    failure: null,
    failed_count: 0,
    retry_of: null,
  }));
  return { type: 'jobs_update', data: jobs, timestamp: nowIso() };
}

/** An in-memory ProgressFeed: remembers the newest message per batch, as the JobManager does. */
export class MemoryFeed implements ProgressFeed {
  private readonly latest = new Map<string, ServerMessage>();
  jobs: ServerMessage = jobsMessage([]);

  /** Remember a message as the batch's latest. */
  record(message: ServerMessage): void {
    if ('batch_id' in message && message.batch_id) this.latest.set(message.batch_id, message);
    if (message.type === 'jobs_update') this.jobs = message;
  }

  latestMessage(batchId: string): ServerMessage | undefined {
    return this.latest.get(batchId);
  }

  jobsMessage(): ServerMessage {
    return this.jobs;
  }
}

/** Options for a test server: ephemeral port, fixed token, generous limits unless overridden. */
export function testOptions(overrides: Partial<ProgressServerOptions> = {}): ProgressServerOptions {
  return {
    port: 0,
    token: 'test-token-0123456789',
    allowedOrigins: ['http://localhost:5173', 'app://wrangle'],
    idleTimeoutMs: 30_000,
    maxPayloadBytes: 4096,
    maxConnections: 32,
    rateLimit: { messagesPerSecond: 1000, burst: 1000 },
    ...overrides,
  };
}
