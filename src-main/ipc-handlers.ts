/**
 * What each IPC method does, with no Electron in sight: the app wraps these, the e2e bridge calls them. Their
 * arguments arrive validated (src-shared/ipc-args.ts).
 */
import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { ScanTreeSchema } from '../src-shared/scan-tree';
import type { AppInfo, IpcHandlers, StartScanOutcome, TransferCheck } from '../src-shared/ipc-channels';
import type { PickerPurpose } from '../src-shared/picker-options';
import type { Config } from './config';
import type { Engine } from './engine';
import { checkRoot } from '../src-node/check-root';
import { JobError } from '../src-node/job-error';
import { FolderFilesReader } from './jobs/folder-files-reader';
import { findFiles } from './jobs/folder-files-finder';
import { PreflightRefusal, preflightTransfer } from '../src-node/preflight/transfer-preflight';
import { preflightVerify } from '../src-node/preflight/verify-preflight';

export type { IpcHandlers } from '../src-shared/ipc-channels';

/** What the handlers need besides the engine. */
export interface IpcHandlerDeps {
  engine: Engine;
  config: Pick<Config, 'heartbeatIntervalMs' | 'pollIntervalMs'>;
  /** The native picker for `purpose` (Electron's dialog; a stand-in in the e2e bridge): null or [] when cancelled. */
  choosePaths(purpose: PickerPurpose): Promise<string[] | null>;
  /** Show a path in the system file manager (Electron's shell; a recorder in the e2e bridge). */
  revealPath?(path: string): void;
  /** The desktop app's side (main's quit guard and version); without it, no quit is pending to answer. */
  desktop?: DesktopDeps;
}

/** What only the desktop app knows: its version, the quit waiting for the user's answer, launch folders. */
export interface DesktopDeps {
  appInfo: AppInfo;
  answerQuit(confirmed: boolean): void;
  /** Scans started for a launch's folders that the renderer has not been shown (LaunchScans.take). */
  takeStartedScans(): StartScanOutcome[];
}

const noDesktop: DesktopDeps = {
  appInfo: { name: 'Wrangle', version: 'unknown' },
  answerQuit: () => undefined,
  takeStartedScans: () => [],
};

/** Build the handlers for every method of the IPC table. */
export function createIpcHandlers({
  engine,
  config,
  choosePaths,
  revealPath = () => {
    throw new Error('Showing files in the file manager is only possible in the desktop app.');
  },
  desktop = noDesktop,
}: IpcHandlerDeps): IpcHandlers {
  const { manager, server, store } = engine;
  const folderFiles = new FolderFilesReader(manager, (batchId) => store.treePath(batchId));
  return {
    startScan: (paths) =>
      Promise.all(
        paths.map(async (path): Promise<StartScanOutcome> => {
          try {
            // Refuse a missing path or a file here, so the user hears why at once, naming the path.
            return { ok: true, job: manager.startScan(await checkRoot(path)) };
          } catch (error) {
            const code = error instanceof JobError ? error.code : undefined;
            return { ok: false, path, error: (error as Error).message, ...(code && { code }) };
          }
        }),
      ),
    // Refusals (a missing parent, a file as destination, the same place twice) reach the dialog at once.
    startCopy: async (request) => {
      await preflightTransfer('copy', request);
      return manager.startTransfer('copy', request);
    },
    startMove: async (request) => {
      await preflightTransfer('move', request);
      return manager.startTransfer('move', request);
    },
    checkTransfer: async (kind, request): Promise<TransferCheck> => {
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
    retryFailed: (batchId) => manager.retryFailed(batchId),
    // A missing folder, a file, or nothing to verify against is refused at once, naming the path.
    startVerify: async (request) =>
      manager.startVerify({ ...request, root: (await preflightVerify(request.root)).root }),
    cancel: (batchId) => manager.cancel(batchId),
    pause: (batchId) => manager.pause(batchId),
    resume: (batchId) => manager.resume(batchId),
    getSnapshot: (batchId) => manager.getSnapshot(batchId) ?? null,
    startWatch: async (path) => {
      try {
        return { ok: true, job: manager.startWatch(await checkRoot(path)) };
      } catch (error) {
        return { ok: false, path, error: (error as Error).message };
      }
    },
    setWatchFocus: (batchId, folders) => {
      manager.setWatchFocus(batchId, folders);
      return null;
    },
    getWatchState: (batchId) => engine.watches.whole(batchId) ?? null,
    listJobs: () => manager.listJobs(),
    getResult: (batchId) => manager.getResult(batchId) ?? null,
    getTree: async (batchId) => {
      if (!manager.getJob(batchId)) return null;
      const text = await store.readTree(batchId);
      // The tree file is read back from disk, so it is validated like any other input.
      return text === undefined ? null : ScanTreeSchema.parse(JSON.parse(text));
    },
    getFolderFiles: (batchId, folderIndex) => folderFiles.read(batchId, folderIndex),
    findFiles: (batchId, query) =>
      findFiles(manager.getJob(batchId), batchId, store.treePath(batchId), query),
    forgetJob: async (batchId) => {
      await manager.forget(batchId);
      return null;
    },
    revealPath: async (path) => {
      if (!isAbsolute(path)) throw new Error(`Cannot show ${path}: it is not an absolute path.`);
      // The file manager says nothing about a missing path; say it here, naming it.
      await stat(path).catch((error: unknown) => {
        throw new Error(`Cannot show ${path}: it no longer exists.`, { cause: error });
      });
      revealPath(path);
      return null;
    },
    getProgressEndpoint: () => ({
      url: `ws://127.0.0.1:${server.port}/api/v1/ws`,
      token: engine.token,
      heartbeat_interval_ms: config.heartbeatIntervalMs,
      poll_interval_ms: config.pollIntervalMs,
    }),
    choosePaths: async (purpose) => (await choosePaths(purpose)) ?? [],
    getAppInfo: () => desktop.appInfo,
    answerQuit: (confirmed) => {
      desktop.answerQuit(confirmed);
      return null;
    },
    takeStartedScans: () => desktop.takeStartedScans(),
  };
}
