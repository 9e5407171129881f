/** Every IPC channel between renderer and main, with its argument and result types. */
import { z } from 'zod';
import {
  ConflictPolicySchema,
  type ConflictPolicy,
  type JobInfo,
  type JobResult,
  type ProgressSnapshot,
} from './jobs';
import type { ScanTree } from './scan-tree';

/** Where the renderer's progress client connects, and how it paces itself. */
export interface ProgressEndpoint {
  url: string;
  token: string;
  heartbeat_interval_ms: number;
  poll_interval_ms: number;
}

/** What starting a scan of one path gave: a job, or why the path cannot be scanned (named, with what to do). */
export type StartScanOutcome = { ok: true; job: JobInfo } | { ok: false; path: string; error: string };

/** A copy or move request from the renderer. */
export interface TransferRequest {
  sources: string[];
  destination: string;
  policy: ConflictPolicy;
  verify: boolean;
  checksum_file: boolean;
}

/** Channel name → [argument tuple, result]. The preload exposes one function per entry. */
export interface IpcChannels {
  'jobs:start-scan': [[paths: string[]], StartScanOutcome[]];
  'jobs:start-copy': [[request: TransferRequest], JobInfo];
  'jobs:start-move': [[request: TransferRequest], JobInfo];
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
  cancel(batchId: string): Promise<boolean>;
  /** Pause or resume a running copy or move (between files). */
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
const path = z.string().min(1).max(4096);
const transferRequest = z.object({
  sources: z.array(path).min(1).max(1000),
  destination: path,
  policy: ConflictPolicySchema,
  verify: z.boolean(),
  checksum_file: z.boolean(),
});

/** Runtime schemas for each channel's arguments; main rejects anything else. */
export const IpcArgSchemas = {
  'jobs:start-scan': z.tuple([z.array(z.string().min(1).max(4096)).min(1).max(1000)]),
  'jobs:start-copy': z.tuple([transferRequest]),
  'jobs:start-move': z.tuple([transferRequest]),
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
