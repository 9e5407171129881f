/** Assembles the engine (store, JobManager, progress feed, ProgressServer) alike for the app, the CLI and tests. */
import type { JobKind } from '../src-shared/jobs';
import { dataDirStartError, portStartError, type Config } from './config';
import { JobManager, type WorkerEntries } from './jobs/job-manager';
import { JobStore } from './jobs/job-store';
import { JobProgressFeed } from './jobs/progress-feed';
import { WatchStates } from './jobs/watch-states';
import type { WorkerHost } from './jobs/worker-host';
import { newToken, ProgressServer } from './progress/progress-server';

export interface EngineOptions {
  config: Config;
  host: WorkerHost;
  entries: WorkerEntries;
  /** Overrides config.dataDir (Electron passes its userData folder). */
  dataDir?: string;
  /** Fork a worker of this kind before loading history and opening the socket, so the first job starts at once. */
  prewarm?: JobKind;
  warn?: (message: string) => void;
}

/** A running engine. */
export interface Engine {
  manager: JobManager;
  /** The manager's events as progress-protocol messages, as the ProgressServer publishes them. */
  feed: JobProgressFeed;
  /** Each running watch job's whole state (for late subscribers and polling). */
  watches: WatchStates;
  server: ProgressServer;
  store: JobStore;
  token: string;
  /** Cancel running jobs, end their workers, close the progress server. */
  stop(): Promise<void>;
}

/**
 * Start the job manager and the progress server, wired together. A data folder that cannot hold records, or a
 * port in use, throws a ConfigError saying what to change; on any failure nothing is left running.
 */
export async function startEngine(options: EngineOptions): Promise<Engine> {
  const { config } = options;
  const dataDir = options.dataDir ?? config.dataDir;
  const store = new JobStore(dataDir);
  const manager = new JobManager({
    host: options.host,
    entries: options.entries,
    store,
    settings: config.jobs,
    concurrency: config.jobConcurrency,
    ...(options.warn ? { warn: options.warn } : {}),
  });
  const watches = new WatchStates(manager);
  const feed = new JobProgressFeed(manager, watches);
  if (options.prewarm) manager.prewarm(options.prewarm);
  const token = newToken();
  const server = new ProgressServer(feed, {
    port: config.progressPort,
    token,
    allowedOrigins: config.allowedOrigins,
    idleTimeoutMs: config.idleTimeoutMs,
    maxPayloadBytes: config.maxPayloadBytes,
    maxConnections: config.maxConnections,
    rateLimit: { messagesPerSecond: config.rateLimitPerSecond, burst: config.rateLimitBurst },
  });
  try {
    await store.prepare().catch((error: unknown) => {
      throw dataDirStartError(error, dataDir, options.dataDir !== undefined) ?? error;
    });
    await manager.init();
    await server.start().catch((error: unknown) => {
      throw portStartError(error, config.progressPort) ?? error;
    });
  } catch (error) {
    // The spare worker would keep the process alive with nothing to do.
    await manager.shutdown();
    throw error;
  }
  feed.on('message', (message) => server.publish(message));
  let stopping: Promise<void> | undefined;
  return {
    manager,
    feed,
    watches,
    server,
    store,
    token,
    stop: () =>
      (stopping ??= (async () => {
        await manager.shutdown();
        await server.stop();
      })()),
  };
}
