/** Every IPC channel between renderer and main, with its argument and result types. */
import { z } from 'zod';
import {
  TransferRequestSchema,
  type ErrorCode,
  type JobInfo,
  type JobResult,
  type ProgressSnapshot,
  type TransferRequest,
} from './jobs';
import type { ScanTree } from './scan-tree';
import { VerifyRequestSchema, type VerifyRequest } from './verify';

/** Where the renderer's progress client connects, and how it paces itself. */
export interface ProgressEndpoint {
  url: string;
  token: string;
  heartbeat_interval_ms: number;
  poll_interval_ms: number;
}

/** What starting a scan of one path gave: a job, or why the path cannot be scanned (named, with what to do). */
export type StartScanOutcome = { ok: true; job: JobInfo } | { ok: false; path: string; error: string };

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

/** Channel name → [argument tuple, result]. The preload exposes one function per entry. */
export interface IpcChannels {
  'jobs:start-scan': [[paths: string[]], StartScanOutcome[]];
  'jobs:start-copy': [[request: TransferRequest], JobInfo];
  'jobs:start-move': [[request: TransferRequest], JobInfo];
  'jobs:check-transfer': [[kind: 'copy' | 'move', request: TransferRequest], TransferCheck];
  'jobs:retry-failed': [[batchId: string], JobInfo];
  'jobs:start-verify': [[request: VerifyRequest], JobInfo];
  'jobs:cancel': [[batchId: string], boolean];
  'jobs:pause': [[batchId: string], boolean];
  'jobs:resume': [[batchId: string], boolean];
  'jobs:get-snapshot': [[batchId: string], ProgressSnapshot | null];
  'jobs:list': [[], JobInfo[]];
  'jobs:get-result': [[batchId: string], JobResult | null];
  'jobs:get-tree': [[batchId: string], ScanTree | null];
  'progress:get-endpoint': [[], ProgressEndpoint];
  'dialog:choose-folder': [[], string | null];
}

export type IpcChannel = keyof IpcChannels;
export type IpcArgs<C extends IpcChannel> = IpcChannels[C][0];
export type IpcResult<C extends IpcChannel> = IpcChannels[C][1];

/** The API the preload puts on window.wrangle. */
export interface WrangleApi {
  startScan(paths: string[]): Promise<StartScanOutcome[]>;
  /** Queue a copy (or move) of folders and files into a destination folder. */
  startCopy(request: TransferRequest): Promise<JobInfo>;
  startMove(request: TransferRequest): Promise<JobInfo>;
  /** Check a copy or move before starting it (as the dialog is filled in). */
  checkTransfer(kind: 'copy' | 'move', request: TransferRequest): Promise<TransferCheck>;
  /** Run a copy's or move's failed entries again, as a new job. */
  retryFailed(batchId: string): Promise<JobInfo>;
  /**
   * Queue a verification of a folder against its ASC MHL history (or its checksum files); `record` appends a
   * verification generation. Refused at once (naming the path) for a missing folder, a file, or a folder with
   * neither a history nor checksum files.
   */
  startVerify(request: VerifyRequest): Promise<JobInfo>;
  cancel(batchId: string): Promise<boolean>;
  /** Pause or resume a running copy or move (within a quarter second, also inside a big file). */
  pause(batchId: string): Promise<boolean>;
  resume(batchId: string): Promise<boolean>;
  getSnapshot(batchId: string): Promise<ProgressSnapshot | null>;
  listJobs(): Promise<JobInfo[]>;
  getResult(batchId: string): Promise<JobResult | null>;
  /** A finished scan's per-folder tree (large: fetched once, when results are opened). */
  getTree(batchId: string): Promise<ScanTree | null>;
  getProgressEndpoint(): Promise<ProgressEndpoint>;
  chooseFolder(): Promise<string | null>;
  /** The file system path of a dropped File. */
  pathForFile(file: File): string;
}

const batchId = z.string().min(1).max(128);
const transferKind = z.enum(['copy', 'move']);

/** Runtime schemas for each channel's arguments; main rejects anything else. */
export const IpcArgSchemas = {
  'jobs:start-scan': z.tuple([z.array(z.string().min(1).max(4096)).min(1).max(1000)]),
  'jobs:start-copy': z.tuple([TransferRequestSchema]),
  'jobs:start-move': z.tuple([TransferRequestSchema]),
  'jobs:check-transfer': z.tuple([transferKind, TransferRequestSchema]),
  'jobs:retry-failed': z.tuple([batchId]),
  'jobs:start-verify': z.tuple([VerifyRequestSchema]),
  'jobs:cancel': z.tuple([batchId]),
  'jobs:pause': z.tuple([batchId]),
  'jobs:resume': z.tuple([batchId]),
  'jobs:get-snapshot': z.tuple([batchId]),
  'jobs:list': z.tuple([]),
  'jobs:get-result': z.tuple([batchId]),
  'jobs:get-tree': z.tuple([batchId]),
  'progress:get-endpoint': z.tuple([]),
  'dialog:choose-folder': z.tuple([]),
} satisfies { [C in IpcChannel]: z.ZodType<IpcArgs<C>> };
