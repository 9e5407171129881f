/** What each IPC channel does, with no Electron in sight: the app wraps these, the e2e bridge calls them. */
import { ScanTreeSchema } from '../src-shared/scan-tree';
import type {
  IpcArgs,
  IpcChannel,
  IpcResult,
  StartScanOutcome,
  TransferCheck,
} from '../src-shared/ipc-channels';
import type { Config } from './config';
import type { Engine } from './engine';
import { checkRootAsync } from './workers/scan/check-root';
import { PreflightRefusal, preflightTransfer } from './preflight/transfer-preflight';
import { preflightVerify } from './preflight/verify-preflight';

/** One handler per channel. */
export type IpcHandlers = {
  [C in IpcChannel]: (...args: IpcArgs<C>) => IpcResult<C> | Promise<IpcResult<C>>;
};

/** What the handlers need besides the engine. */
export interface IpcHandlerDeps {
  engine: Engine;
  config: Pick<Config, 'heartbeatIntervalMs' | 'pollIntervalMs'>;
  /** The native folder picker (Electron's dialog; a stand-in in the e2e bridge). */
  chooseFolder(): Promise<string | null>;
}

/** Build the handlers for every channel. */
export function createIpcHandlers({ engine, config, chooseFolder }: IpcHandlerDeps): IpcHandlers {
  const { manager, server, store } = engine;
  return {
    'jobs:start-scan': (paths) =>
      Promise.all(
        paths.map(async (path): Promise<StartScanOutcome> => {
          try {
            // Refuse a missing path or a file here, so the user hears why at once, naming the path.
            return { ok: true, job: manager.startScan(await checkRootAsync(path)) };
          } catch (error) {
            return { ok: false, path, error: (error as Error).message };
          }
        }),
      ),
    // Refusals (a missing parent, a file as destination, the same place twice) reach the dialog at once.
    'jobs:start-copy': async (request) => {
      await preflightTransfer('copy', request);
      return manager.startTransfer('copy', request);
    },
    'jobs:start-move': async (request) => {
      await preflightTransfer('move', request);
      return manager.startTransfer('move', request);
    },
    'jobs:check-transfer': async (kind, request): Promise<TransferCheck> => {
      try {
        const checked = await preflightTransfer(kind, request);
        return { ok: true, destination_exists: checked.destinationExists, free_bytes: checked.freeBytes };
      } catch (error) {
        if (!(error instanceof PreflightRefusal)) throw error;
        return {
          ok: false,
          code: error.code,
          error: error.message,
          path: error.path,
          missing: error.missing,
        };
      }
    },
    'jobs:retry-failed': (batchId) => manager.retryFailed(batchId),
    // A missing folder, a file, or nothing to verify against is refused at once, naming the path.
    'jobs:start-verify': async (request) =>
      manager.startVerify({ ...request, root: (await preflightVerify(request.root)).root }),
    'jobs:cancel': (batchId) => manager.cancel(batchId),
    'jobs:pause': (batchId) => manager.pause(batchId),
    'jobs:resume': (batchId) => manager.resume(batchId),
    'jobs:get-snapshot': (batchId) => manager.getSnapshot(batchId) ?? null,
    'jobs:list': () => manager.listJobs(),
    'jobs:get-result': (batchId) => manager.getResult(batchId) ?? null,
    'jobs:get-tree': async (batchId) => {
      if (!manager.getJob(batchId)) return null;
      const text = await store.readTree(batchId);
      // The tree file is read back from disk, so it is validated like any other input.
      return text === undefined ? null : ScanTreeSchema.parse(JSON.parse(text));
    },
    'progress:get-endpoint': () => ({
      url: `ws://127.0.0.1:${server.port}/api/v1/ws`,
      token: engine.token,
      heartbeat_interval_ms: config.heartbeatIntervalMs,
      poll_interval_ms: config.pollIntervalMs,
    }),
    'dialog:choose-folder': () => chooseFolder(),
  };
}
