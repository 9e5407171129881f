/** The renderer's progress client: one socket for all jobs, IPC polling while it is down. See docs/protocol.md. */
import type { ProgressEndpoint, WrangleApi } from '../../../../src-shared/ipc-channels';
import type { ClientMessage } from '../../../../src-shared/progress-protocol';
import type { AppStore } from '../../store/app-store';
import { applyFrame } from './apply-message';
import { DEFAULT_BACKOFF_BASE_MS, DEFAULT_BACKOFF_MAX_MS, reconnectDelay } from './backoff';
import { Heartbeat } from './heartbeat';
import { pollRound } from './poll-round';
import { SOCKET_OPEN, socketUrl, type SocketLike } from './socket';
import { defaultTimers, type TimerHandle, type Timers } from './timers';

/** What the client needs from its surroundings; all injectable so it runs in the browser and under vitest. */
export interface ProgressClientDeps {
  api: Pick<WrangleApi, 'getProgressEndpoint' | 'getSnapshot' | 'getResult' | 'listJobs' | 'getWatchState'>;
  /** Opens a socket; the app passes (url) => new WebSocket(url). Tests may pass ws's WebSocket. */
  createSocket(url: string): SocketLike;
  store: AppStore;
  timers?: Timers;
  /** Where dropped frames and connection trouble are reported. Default console.warn. */
  log?: (message: string) => void;
}

/** Tuning knobs; the defaults are the design's. */
export interface ProgressClientOptions {
  /** First reconnect delay (default 1000 ms); delays double up to backoffMaxMs. */
  backoffBaseMs?: number;
  /** Longest reconnect delay (default 16 000 ms). */
  backoffMaxMs?: number;
  /** Poll interval used only when the endpoint itself could not be fetched. Default 1000 ms. */
  fallbackPollIntervalMs?: number;
}

/** Counters for what the client dropped or did; read by tests and diagnostics. */
export interface ProgressClientStats {
  /** Frames that failed ServerMessageSchema (or were binary). */
  invalidFrames: number;
  /** Valid frames that changed nothing: other batches, stale snapshots, protocol errors. */
  ignoredFrames: number;
  /** Polling rounds started. */
  pollRounds: number;
  /** Sockets opened successfully. */
  opens: number;
}

/** Keeps the store current for every subscribed batch, over the socket when it can and over IPC when it cannot. */
export class ProgressClient {
  /** What has been dropped and done so far. */
  readonly stats: ProgressClientStats = { invalidFrames: 0, ignoredFrames: 0, pollRounds: 0, opens: 0 };
  private readonly subscribed = new Set<string>();
  // Batches whose terminal message has been applied: polling has nothing more to ask about them.
  private readonly ended = new Set<string>();
  private readonly timers: Timers;
  private readonly log: (message: string) => void;
  private endpoint: ProgressEndpoint | undefined;
  private socket: SocketLike | undefined;
  private live = false;
  private heartbeat: Heartbeat | undefined;
  private attempt = 0;
  private reconnectTimer: TimerHandle | undefined;
  private pollTimer: TimerHandle | undefined;
  private polling = false;
  private running = false;

  constructor(
    private readonly deps: ProgressClientDeps,
    private readonly options: ProgressClientOptions = {},
  ) {
    this.timers = deps.timers ?? defaultTimers;
    this.log = deps.log ?? ((message) => console.warn(`[progress] ${message}`));
  }

  /** Connect (state 'connecting' until the first open). Resolves once the first attempt is under way. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.deps.store.getState().setConnection('connecting');
    await this.connect();
  }

  /** Follow a batch: its progress and end reach the store from now on. */
  subscribe(batchId: string): void {
    if (this.subscribed.has(batchId)) return;
    this.subscribed.add(batchId);
    this.send({ type: 'subscribe', batch_id: batchId });
  }

  /** Stop following a batch; its later messages are filtered out. */
  unsubscribe(batchId: string): void {
    if (!this.subscribed.delete(batchId)) return;
    this.ended.delete(batchId);
    this.send({ type: 'unsubscribe', batch_id: batchId });
  }

  /** Close the socket and clear every timer. The client can be started again. */
  stop(): void {
    this.running = false;
    this.clearReconnect();
    this.stopPolling();
    this.dropSocket();
  }

  /** True while the socket is open and carrying updates. */
  get isLive(): boolean {
    return this.live;
  }

  // ---- socket ---------------------------------------------------------------------------------

  private async connect(): Promise<void> {
    this.reconnectTimer = undefined;
    if (!this.running) return;
    if (!this.endpoint) {
      try {
        this.endpoint = await this.deps.api.getProgressEndpoint();
      } catch (err) {
        this.log(`cannot get the progress endpoint: ${String(err)}`);
      }
      if (!this.running) return;
      if (!this.endpoint) return this.onSocketGone();
    }
    let socket: SocketLike;
    try {
      socket = this.deps.createSocket(socketUrl(this.endpoint));
    } catch (err) {
      this.log(`cannot open the progress socket: ${String(err)}`);
      return this.onSocketGone();
    }
    this.socket = socket;
    // Events from a socket we have already given up on are ignored, so each loss is handled once.
    socket.addEventListener('open', () => socket === this.socket && this.onOpen());
    socket.addEventListener('message', (event) => socket === this.socket && this.onFrame(event.data));
    socket.addEventListener('error', () => socket === this.socket && this.onSocketGone());
    socket.addEventListener('close', () => socket === this.socket && this.onSocketGone());
  }

  private onOpen(): void {
    const endpoint = this.endpoint as ProgressEndpoint;
    this.live = true;
    this.attempt = 0;
    this.stats.opens++;
    this.stopPolling();
    this.deps.store.getState().setConnection('live');
    // Resubscribing makes the server send each batch's latest snapshot (or its end) at once.
    this.send({ type: 'subscribe_jobs' });
    for (const batchId of this.subscribed) this.send({ type: 'subscribe', batch_id: batchId });
    this.heartbeat = new Heartbeat(
      this.timers,
      endpoint.heartbeat_interval_ms,
      () => this.send({ type: 'ping' }),
      () => {
        this.log('no message for two heartbeat intervals; reconnecting');
        this.onSocketGone();
      },
    );
    this.heartbeat.start();
  }

  private onFrame(data: unknown): void {
    this.heartbeat?.touch();
    const outcome = applyFrame(this.deps.store, data, this.subscribed);
    if (outcome.kind === 'invalid') {
      this.stats.invalidFrames++;
      this.log(`invalid frame ignored: ${outcome.reason}`);
    } else if (outcome.kind === 'ignored') {
      this.stats.ignoredFrames++;
    } else if (outcome.ended) {
      this.ended.add(outcome.ended);
    }
  }

  /** The socket closed, failed to open or went silent: poll, and try again after the backoff. */
  private onSocketGone(): void {
    this.dropSocket();
    if (!this.running) return;
    this.deps.store.getState().setConnection('polling');
    this.startPolling();
    if (this.reconnectTimer !== undefined) return;
    const delay = reconnectDelay(
      this.attempt++,
      this.options.backoffBaseMs ?? DEFAULT_BACKOFF_BASE_MS,
      this.options.backoffMaxMs ?? DEFAULT_BACKOFF_MAX_MS,
    );
    this.reconnectTimer = this.timers.setTimeout(() => void this.connect(), delay);
  }

  private dropSocket(): void {
    this.live = false;
    this.heartbeat?.stop();
    this.heartbeat = undefined;
    const socket = this.socket;
    this.socket = undefined;
    if (!socket) return;
    try {
      // 4000 says "idle" in this protocol's terms; browsers accept only 1000 or 3000–4999 from a client.
      socket.close(4000, 'Client closing.');
    } catch {
      // Closing a socket that never opened can throw in some environments; it is gone either way.
    }
  }

  private send(message: ClientMessage): void {
    if (!this.live || this.socket?.readyState !== SOCKET_OPEN) return;
    this.socket.send(JSON.stringify(message));
  }

  private clearReconnect(): void {
    if (this.reconnectTimer !== undefined) this.timers.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
  }

  // ---- polling --------------------------------------------------------------------------------

  private startPolling(): void {
    if (this.polling) return;
    this.polling = true;
    this.schedulePoll();
  }

  private stopPolling(): void {
    this.polling = false;
    if (this.pollTimer !== undefined) this.timers.clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
  }

  private schedulePoll(): void {
    const interval = this.endpoint?.poll_interval_ms ?? this.options.fallbackPollIntervalMs ?? 1000;
    this.pollTimer = this.timers.setTimeout(() => void this.poll(), interval);
  }

  private async poll(): Promise<void> {
    this.pollTimer = undefined;
    if (!this.polling) return;
    this.stats.pollRounds++;
    const batchIds = [...this.subscribed].filter((id) => !this.ended.has(id));
    try {
      const ended = await pollRound(this.deps.api, this.deps.store, batchIds);
      for (const id of ended) if (this.subscribed.has(id)) this.ended.add(id);
    } catch (err) {
      this.log(`polling failed: ${String(err)}`);
    }
    // The next round starts only after this one, so slow IPC never stacks rounds up.
    if (this.polling && this.pollTimer === undefined) this.schedulePoll();
  }
}

/** Build and start the app's client over the browser WebSocket; call stop() on the result to end it. */
export function startProgressClient(api: ProgressClientDeps['api'], store: AppStore): ProgressClient {
  const client = new ProgressClient({ api, store, createSocket: (url) => new WebSocket(url) });
  void client.start();
  return client;
}
