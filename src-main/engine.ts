/** Assembles the engine (store, JobManager, ProgressServer) the same way for the app, the CLI and tests. */
import type { JobKind } from '../src-shared/jobs';
import type { Config } from './config';
import { JobManager, type WorkerEntries } from './jobs/job-manager';
import { JobStore } from './jobs/job-store';
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
  server: ProgressServer;
  store: JobStore;
  token: string;
  /** Cancel running jobs, end their workers, close the progress server. */
  stop(): Promise<void>;
}

/** Start the job manager and the progress server, wired together. */
export async function startEngine(options: EngineOptions): Promise<Engine> {
  const { config } = options;
  const store = new JobStore(options.dataDir ?? config.dataDir);
  const manager = new JobManager({
    host: options.host,
    entries: options.entries,
    store,
    concurrency: config.jobConcurrency,
    progressThrottleMs: config.progressThrottleMs,
    scanThreads: config.scanThreads,
    scanLister: config.scanLister,
    scanMaxDirsPerSecond: config.scanMaxDirsPerSecond,
    scanSequences: config.scanSequences,
    copy: {
      maxBytesPerSecond: config.copyMaxBytesPerSecond,
      engine: config.copyEngine,
      publish: config.copyPublish,
      threads: config.copyThreads,
    },
    ...(options.warn ? { warn: options.warn } : {}),
  });
  if (options.prewarm) manager.prewarm(options.prewarm);
  await manager.init();
  const token = newToken();
  const server = new ProgressServer(manager, {
    port: config.progressPort,
    token,
    allowedOrigins: config.allowedOrigins,
    idleTimeoutMs: config.idleTimeoutMs,
    maxPayloadBytes: config.maxPayloadBytes,
    maxConnections: config.maxConnections,
    rateLimit: { messagesPerSecond: config.rateLimitPerSecond, burst: config.rateLimitBurst },
  });
  await server.start();
  manager.on('message', (message) => server.publish(message));
  let stopping: Promise<void> | undefined;
  return {
    manager,
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
