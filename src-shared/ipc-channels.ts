/**
 * The IPC surface in one table: each window.wrangle method, its channel, its arguments and its result. The
 * WrangleApi type, the preload, argument validation in main (ipc-args.ts) and the e2e bridge all derive from
 * it. This file must stay free of zod and Node at runtime (type imports only): the sandboxed preload bundles it.
 */
import type { z } from 'zod';
import type { IpcArgShape, IpcArgShapes } from './ipc-arg-shapes';
import type { ErrorCode, JobInfo, JobResult, ProgressSnapshot } from './jobs';
import type { ScanTree } from './scan-tree';
import type { FolderFiles } from './folder-files';
import type { WatchUpdate } from './watch-shapes';

/** Where the renderer's progress client connects, and how it paces itself. */
export interface ProgressEndpoint {
  url: string;
  token: string;
  heartbeat_interval_ms: number;
  poll_interval_ms: number;
}

/**
 * What starting a scan of one path gave: a job, or why the path cannot be scanned (named, with what to do);
 * `code` NOT_A_DIRECTORY is a file, which the app offers to copy or move instead.
 */
export type StartScanOutcome =
  { ok: true; job: JobInfo } | { ok: false; path: string; error: string; code?: ErrorCode };

export type { TransferRequest } from './jobs';
export type { VerifyRequest } from './verify';

/**
 * The checks a copy or move passes before anything is written, run as the user fills in the dialog: either
 * fine (with the destination's free space), or what is wrong, naming the path.
 */
export type TransferCheck =
  | {
      ok: true;
      /** The destination folder exists already (else it will be created). */
      destination_exists: boolean;
      /** Free bytes on the destination's filesystem, when known. */
      free_bytes: number | null;
    }
  | {
      ok: false;
      code: ErrorCode;
      error: string;
      /** The path the problem is about. */
      path: string;
      /** For a missing parent: the first missing folder, which `create_parents` would create. */
      missing: string | null;
    };

/** Names a method's result type in the table; it holds no value. */
export interface Returns<T> {
  readonly result?: T;
}

function returns<T>(): Returns<T> {
  return {};
}

/** One row of the table. */
interface IpcMethodSpec {
  readonly channel: string;
  /** The arguments in order, by shape name (see ipc-arg-shapes.ts). */
  readonly args: readonly IpcArgShape[];
  readonly result: Returns<unknown>;
}

/** Every IPC method: window.wrangle.<method>(...args) is sent on `channel`; main answers with `result`. */
export const wrangleIpc = {
  startScan: { channel: 'jobs:start-scan', args: ['scanPaths'], result: returns<StartScanOutcome[]>() },
  /** Queue a copy of folders and files into a destination folder. */
  startCopy: { channel: 'jobs:start-copy', args: ['transferRequest'], result: returns<JobInfo>() },
  /** Queue a move of folders and files into a destination folder. */
  startMove: { channel: 'jobs:start-move', args: ['transferRequest'], result: returns<JobInfo>() },
  /** Check a copy or move before starting it (as the dialog is filled in). */
  checkTransfer: {
    channel: 'jobs:check-transfer',
    args: ['transferKind', 'transferRequest'],
    result: returns<TransferCheck>(),
  },
  /** Run a copy's or move's failed entries again, as a new job. */
  retryFailed: { channel: 'jobs:retry-failed', args: ['batchId'], result: returns<JobInfo>() },
  /**
   * Queue a verification of a folder against its ASC MHL history (or its checksum files); `record` appends a
   * verification generation. Refused at once (naming the path) for a missing folder, a file, or a folder with
   * neither a history nor checksum files.
   */
  startVerify: { channel: 'jobs:start-verify', args: ['verifyRequest'], result: returns<JobInfo>() },
  cancel: { channel: 'jobs:cancel', args: ['batchId'], result: returns<boolean>() },
  /** Pause a running copy or move (within a quarter second, also inside a big file). */
  pause: { channel: 'jobs:pause', args: ['batchId'], result: returns<boolean>() },
  /** Resume a paused copy or move. */
  resume: { channel: 'jobs:resume', args: ['batchId'], result: returns<boolean>() },
  getSnapshot: {
    channel: 'jobs:get-snapshot',
    args: ['batchId'],
    result: returns<ProgressSnapshot | null>(),
  },
  /**
   * Keep a folder's sequences and folder totals live until the job is cancelled; refused at once (naming the
   * path) for a missing folder or a file. Its changes arrive as `watch_update` messages.
   */
  startWatch: { channel: 'jobs:start-watch', args: ['folderPath'], result: returns<StartScanOutcome>() },
  /** A running watch's whole state (what polling reads while the socket is down); null when none. */
  getWatchState: {
    channel: 'jobs:get-watch-state',
    args: ['batchId'],
    result: returns<WatchUpdate | null>(),
  },
  /**
   * The folders open in a watch's results (relative to its root): a polled watch (network filesystem or
   * WRANGLE_WATCH_POLL) polls these and the root; others wait for the reconcile. Rejects, saying why, for a
   * job that is not a running watch. Returns null.
   */
  setWatchFocus: {
    channel: 'jobs:set-watch-focus',
    args: ['batchId', 'watchFocus'],
    result: returns<null>(),
  },
  listJobs: { channel: 'jobs:list', args: [], result: returns<JobInfo[]>() },
  getResult: { channel: 'jobs:get-result', args: ['batchId'], result: returns<JobResult | null>() },
  /** A finished scan's per-folder tree (large: fetched once, when results are opened). */
  getTree: { channel: 'jobs:get-tree', args: ['batchId'], result: returns<ScanTree | null>() },
  /**
   * The files directly in one folder of a finished scan's tree, largest first (read from disk when the folder
   * is expanded). Rejects, saying why, for an unknown job, a job that is not a scan, or a folder not in its tree.
   */
  getFolderFiles: {
    channel: 'jobs:get-folder-files',
    args: ['batchId', 'folderIndex'],
    result: returns<FolderFiles>(),
  },
  /**
   * The files of a finished scan whose names contain `query` (case-insensitive), anywhere in its tree, by
   * folder index; at most FIND_FILES_LIMIT. Rejects, saying why, like getFolderFiles.
   */
  findFiles: {
    channel: 'jobs:find-files',
    args: ['batchId', 'findQuery'],
    result: returns<FoundFiles>(),
  },
  /**
   * Remove an ended job from the history: its record and the files Wrangle wrote for it in its own data
   * folder (never the user's files). Rejects, saying why, for an unknown job or one still queued or running.
   */
  forgetJob: { channel: 'jobs:forget', args: ['batchId'], result: returns<null>() },
  /** Show a file or folder in the system file manager. Rejects a relative or missing path, naming it. */
  revealPath: { channel: 'shell:reveal-path', args: ['revealPath'], result: returns<null>() },
  getProgressEndpoint: { channel: 'progress:get-endpoint', args: [], result: returns<ProgressEndpoint>() },
  /**
   * The native picker, titled for its purpose (src-shared/picker-options.ts): the chosen paths, none when
   * cancelled. Only 'sources' may return several, and files as well as folders.
   */
  choosePaths: { channel: 'dialog:choose-paths', args: ['pickerPurpose'], result: returns<string[]>() },
  /** The app's name and version (for the About panel). */
  getAppInfo: { channel: 'app:get-info', args: [], result: returns<AppInfo>() },
  /** The user's answer to onQuitRequested: true quits and cancels the transfers, false keeps running. */
  answerQuit: { channel: 'app:answer-quit', args: ['confirmed'], result: returns<null>() },
  /**
   * The renderer listens for onScansStarted: the scans main started for a launch's folders before then (the
   * first launch's command line), once. Later ones arrive as onScansStarted.
   */
  takeStartedScans: { channel: 'app:take-started-scans', args: [], result: returns<StartScanOutcome[]>() },
} as const satisfies Record<string, IpcMethodSpec>;

/** At most this many files come back from one findFiles. */
export const FIND_FILES_LIMIT = 2000;

/** Files found by name: each folder (its index in the tree) with the matching names, largest first. */
export interface FoundFiles {
  folders: { folder: number; names: string[]; sizes: number[] }[];
  /** More files matched than FIND_FILES_LIMIT. */
  truncated: boolean;
}

/** The app's name and version. */
export interface AppInfo {
  name: string;
  version: string;
}

/** Main asks before a quit would cancel copies or moves: how many would be cancelled. */
export interface QuitRequest {
  transfers: number;
}

/** A native menu item the renderer carries out (it owns the dialogs these open). */
export type MenuCommand = 'scan-folder' | 'copy-or-move' | 'shortcuts' | 'about';

/** One main → renderer event: window.wrangle.<event>(listener) subscribes and returns the unsubscribe. */
interface IpcEventSpec {
  readonly channel: string;
  readonly payload: Returns<unknown>;
}

/**
 * The other half of the table: every event main sends to the renderer, by its subscription function's name.
 * Channels must differ from the methods' channels.
 */
export const wrangleEvents = {
  /** A quit would cancel running copies or moves: ask, then answer with answerQuit. */
  onQuitRequested: { channel: 'app:quit-requested', payload: returns<QuitRequest>() },
  /** A native menu item was chosen. */
  onMenuCommand: { channel: 'app:menu-command', payload: returns<MenuCommand>() },
  /** Main started scans itself (folders given to a launch): show them as if dropped. */
  onScansStarted: { channel: 'app:scans-started', payload: returns<StartScanOutcome[]>() },
} as const satisfies Record<string, IpcEventSpec>;

type IpcTable = typeof wrangleIpc;

/** The name of an IPC method (a function on window.wrangle). */
export type IpcMethod = keyof IpcTable;
/** The name of an IPC channel. */
export type IpcChannel = IpcTable[IpcMethod]['channel'];

/** What each named shape parses to. */
type ArgTypes<A extends readonly IpcArgShape[]> = {
  -readonly [I in keyof A]: A[I] extends IpcArgShape ? z.output<(typeof IpcArgShapes)[A[I]]> : never;
};
/** A method's argument tuple, as main's handler receives it after validation. */
export type IpcArgs<M extends IpcMethod> = ArgTypes<IpcTable[M]['args']>;
/** A method's result. */
export type IpcResult<M extends IpcMethod> = IpcTable[M]['result'] extends Returns<infer R> ? R : never;

/** One function per method, each sending its arguments on its channel: what the preload exposes. */
export type IpcInvokers = {
  [M in keyof IpcTable]: (...args: IpcArgs<M>) => Promise<IpcResult<M>>;
};

/** One handler per method, in main; a missing or extra handler is a type error. */
export type IpcHandlers = {
  [M in keyof IpcTable]: (...args: IpcArgs<M>) => IpcResult<M> | Promise<IpcResult<M>>;
};

type EventTable = typeof wrangleEvents;

/** The name of a main → renderer event (a subscription function on window.wrangle). */
export type IpcEvent = keyof EventTable;
/** The name of an event's channel. */
export type IpcEventChannel = EventTable[IpcEvent]['channel'];
/** What an event carries. */
export type IpcEventPayload<E extends IpcEvent> =
  EventTable[E]['payload'] extends Returns<infer P> ? P : never;

/** One subscription function per event; each returns its unsubscribe. */
export type IpcSubscribers = {
  [E in keyof EventTable]: (listener: (payload: IpcEventPayload<E>) => void) => () => void;
};

/** The API the preload puts on window.wrangle: the table's methods and events, and one that needs no IPC. */
export type WrangleApi = IpcInvokers &
  IpcSubscribers & {
    /** The file system path of a dropped File. */
    pathForFile(file: File): string;
  };

/** Every method, in table order. */
export const ipcMethods = Object.keys(wrangleIpc) as IpcMethod[];

/** Each method's channel, as plain data (the e2e bridge hands it to the page). */
export function ipcChannelMap(): Record<IpcMethod, IpcChannel> {
  return Object.fromEntries(ipcMethods.map((method) => [method, wrangleIpc[method].channel])) as Record<
    IpcMethod,
    IpcChannel
  >;
}

/** The method a channel belongs to; undefined for anything else (a caller may send any string). */
export function ipcMethodOf(channel: unknown): IpcMethod | undefined {
  return ipcMethods.find((method) => wrangleIpc[method].channel === channel);
}

/** Every event, in table order. */
export const ipcEvents = Object.keys(wrangleEvents) as IpcEvent[];

/** Each event's channel, as plain data (the e2e bridge hands it to the page). */
export function ipcEventChannelMap(): Record<IpcEvent, IpcEventChannel> {
  return Object.fromEntries(ipcEvents.map((event) => [event, wrangleEvents[event].channel])) as Record<
    IpcEvent,
    IpcEventChannel
  >;
}

/**
 * Build window.wrangle's subscription functions over `listen` (ipcRenderer.on in the preload), which returns
 * the unsubscribe. Payloads come from main only.
 */
export function ipcSubscribers(
  listen: (channel: IpcEventChannel, listener: (payload: unknown) => void) => () => void,
): IpcSubscribers {
  const entries = ipcEvents.map((event) => {
    const { channel } = wrangleEvents[event];
    return [event, (listener: (payload: unknown) => void) => listen(channel, listener)];
  });
  // As in ipcInvokers: each entry is built from its own row, which Object.fromEntries cannot type.
  return Object.fromEntries(entries) as IpcSubscribers;
}

/** Build window.wrangle's IPC functions over `send` (ipcRenderer.invoke in the preload). */
export function ipcInvokers(send: (channel: IpcChannel, args: unknown[]) => Promise<unknown>): IpcInvokers {
  const entries = ipcMethods.map((method) => {
    const { channel } = wrangleIpc[method];
    return [method, (...args: unknown[]) => send(channel, args)];
  });
  // Object.fromEntries cannot carry per-key types; each entry is built from its own row above.
  return Object.fromEntries(entries) as IpcInvokers;
}
