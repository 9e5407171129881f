/** Runs jobs in worker processes: a queue with a concurrency limit, cancel, snapshots and history. */
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import {
  isTerminal,
  type ErrorCode,
  type JobInfo,
  type JobKind,
  type JobResult,
  type JobState,
  type ProgressSnapshot,
  type TransferRequest,
  type WorkerProgress,
} from '../../src-shared/jobs';
import type { ServerMessage } from '../../src-shared/progress-protocol';
import type { VerifyRequest } from '../../src-shared/verify';
import { WorkerMessageSchema, type HostMessage, type WithoutSeq } from '../../src-shared/worker-protocol';
import { jobsMessage, progressMessage, terminalMessage } from './job-messages';
import type { JobRecord, TransferParams } from './job-store';
import { crashMessage } from './crash-message';
import {
  interruptedRecord,
  jobSpecFor,
  lastCompletedScan,
  queuedRecord,
  retryParams,
  type SpecSettings,
} from './job-specs';
import { claimOwner, ownerIsGone, releaseOwner } from './job-owner';
import type { WorkerExit, WorkerHost, WorkerProcess } from './worker-host';

/** Built worker files, one per job kind. */
export type WorkerEntries = Record<JobKind, string>;

export interface JobManagerOptions extends SpecSettings {
  host: WorkerHost;
  entries: WorkerEntries;
  concurrency: number;
  /** How long a cancelled worker may take to stop before it is killed. */
  cancelGraceMs?: number;
  /** Where problems that are not a job's own (an unreadable history record) are reported. */
  warn?: (message: string) => void;
}

interface JobManagerEvents {
  /** Every message the progress server should publish. */
  message: [ServerMessage];
  /** A job reached completed, failed or cancelled. */
  ended: [JobRecord];
}

interface LiveJob {
  record: JobRecord;
  worker?: WorkerProcess;
  cancelRequested: boolean;
  killTimer?: NodeJS.Timeout;
  seq: number;
  /** Saves of this job's record, chained so they land in order. */
  saving: Promise<void>;
  done: Promise<JobRecord>;
  settle: (record: JobRecord) => void;
}

/** The engine's front door: main, the CLI and the tests all start jobs here. */
export class JobManager extends EventEmitter<JobManagerEvents> {
  private readonly jobs = new Map<string, LiveJob>();
  private readonly queue: string[] = [];
  private running = 0;
  private closing = false;
  /** Workers forked ahead of need, one per kind, so a job does not wait for a process to boot. */
  private readonly spares = new Map<JobKind, WorkerProcess>();
  /** Written into every record this manager creates: other processes on the data folder leave those alone. */
  private readonly owner = claimOwner();

  constructor(private readonly options: JobManagerOptions) {
    super();
  }

  /**
   * Load history from disk. Jobs left unfinished by a process that is gone are marked interrupted; those of a
   * process still running (another CLI, the app, on the same data folder) are its own, and left out.
   */
  async init(): Promise<void> {
    const records = await this.options.store.loadAll((path, reason) =>
      this.options.warn?.(`Skipping unreadable job record ${path}: ${reason}`),
    );
    for (let record of records) {
      if (!isTerminal(record.info.state)) {
        if (!ownerIsGone(record.owner)) continue;
        record = interruptedRecord(record);
        await this.options.store.save(record);
      }
      this.jobs.set(record.info.batch_id, this.liveFromRecord(record));
    }
  }

  /** Fork a worker of `kind` now, for the next job of that kind to adopt. */
  prewarm(kind: JobKind): void {
    if (this.closing || this.spares.has(kind)) return;
    const spare = this.options.host.fork(this.options.entries[kind], `wrangle-${kind}-spare`);
    this.spares.set(kind, spare);
    spare.onExit(() => {
      if (this.spares.get(kind) === spare) this.spares.delete(kind);
    });
  }

  /** Queue a scan of one folder. Returns at once; progress arrives as events. */
  startScan(root: string): JobInfo {
    return this.enqueue('scan', resolve(root), null, null);
  }

  /**
   * Queue a copy or move of `sources` into `destination`. The worker refuses impossible requests (a
   * destination inside a source, a missing source) before it writes anything.
   */
  startTransfer(kind: 'copy' | 'move', params: TransferRequest): JobInfo {
    const transfer: TransferParams = {
      ...params,
      retry_of: null,
      sources: params.sources.map((source) => resolve(source)),
      destination: resolve(params.destination),
    };
    const root =
      transfer.sources.length === 1 ? (transfer.sources[0] as string) : `${transfer.sources.length} items`;
    return this.enqueue(kind, root, transfer.destination, transfer);
  }

  /**
   * Queue a verification of one folder against its ASC MHL history (or its checksum files). The worker refuses
   * a folder with neither, and a history that does not hold together, before it reads or writes anything.
   */
  startVerify(request: VerifyRequest): JobInfo {
    const verify: VerifyRequest = { ...request, root: resolve(request.root) };
    return this.enqueue('verify', verify.root, null, null, verify);
  }

  /**
   * Run the entries an ended copy or move could not transfer, as a new job with the same settings. Throws
   * (with a message saying why) when the job is unknown, still running, or has nothing to retry.
   */
  retryFailed(batchId: string): JobInfo {
    const record = this.jobs.get(batchId)?.record;
    const params = retryParams(record, batchId);
    const { kind, root, destination } = (record as JobRecord).info;
    return this.enqueue(kind, root, destination, params);
  }

  /** Pause a running copy, move or verification. Returns false if there is nothing to pause. */
  pause(batchId: string): boolean {
    return this.control(batchId, 'pause');
  }

  /** Resume a paused copy, move or verification. */
  resume(batchId: string): boolean {
    return this.control(batchId, 'resume');
  }

  private control(batchId: string, type: 'pause' | 'resume'): boolean {
    const live = this.jobs.get(batchId);
    if (!live?.worker || live.record.info.kind === 'scan' || isTerminal(live.record.info.state)) return false;
    this.send(live, { type });
    return true;
  }

  private enqueue(
    kind: JobKind,
    root: string,
    destination: string | null,
    transfer: TransferParams | null,
    verify: VerifyRequest | null = null,
  ): JobInfo {
    if (this.closing) throw new Error('Wrangle is shutting down; no new jobs.');
    const record = queuedRecord(randomUUID(), kind, root, destination, transfer, verify, this.owner);
    const live = this.liveFromRecord(record);
    this.jobs.set(record.info.batch_id, live);
    this.queue.push(record.info.batch_id);
    this.persist(live);
    this.emit('message', progressMessage(record.snapshot));
    this.emitJobs();
    this.pump();
    return record.info;
  }

  /** Cancel a queued or running job. Returns false if it is unknown or already ended. */
  cancel(batchId: string): boolean {
    const live = this.jobs.get(batchId);
    if (!live || isTerminal(live.record.info.state)) return false;
    live.cancelRequested = true;
    if (!live.worker) {
      this.queue.splice(this.queue.indexOf(batchId), 1);
      this.finish(live, 'cancelled');
      return true;
    }
    this.send(live, { type: 'cancel' });
    // A worker stuck in a system call still has to go.
    live.killTimer = setTimeout(() => live.worker?.kill(), this.options.cancelGraceMs ?? 1_000);
    return true;
  }

  /** The latest snapshot of a job: what polling reads. */
  getSnapshot(batchId: string): ProgressSnapshot | undefined {
    return this.jobs.get(batchId)?.record.snapshot;
  }

  /** One job's list entry. */
  getJob(batchId: string): JobInfo | undefined {
    return this.jobs.get(batchId)?.record.info;
  }

  /** A finished job's result, from memory or history. */
  getResult(batchId: string): JobResult | undefined {
    return this.jobs.get(batchId)?.record.result ?? undefined;
  }

  /** Every job, newest first. */
  listJobs(): JobInfo[] {
    return [...this.jobs.values()].map((live) => live.record.info).reverse();
  }

  /** Resolves with the job's final record once it has ended. */
  whenEnded(batchId: string): Promise<JobRecord> {
    const live = this.jobs.get(batchId);
    if (!live) return Promise.reject(new Error(`Unknown job ${batchId}.`));
    return live.done;
  }

  /** The worker process of a running job (for tests that crash it on purpose). */
  workerPid(batchId: string): number | undefined {
    return this.jobs.get(batchId)?.worker?.pid;
  }

  /** ProgressFeed: brings a new subscriber up to date. */
  latestMessage(batchId: string): ServerMessage | undefined {
    const live = this.jobs.get(batchId);
    if (!live) return undefined;
    return terminalMessage(live.record) ?? progressMessage(live.record.snapshot);
  }

  /** ProgressFeed: the current job list. */
  jobsMessage(): ServerMessage {
    return jobsMessage(this.listJobs());
  }

  /** Cancel everything, wait for the workers to end, and stop taking jobs. */
  async shutdown(): Promise<void> {
    this.closing = true;
    for (const spare of this.spares.values()) spare.kill();
    this.spares.clear();
    const pending = [...this.jobs.values()].filter((live) => !isTerminal(live.record.info.state));
    for (const live of pending) this.cancel(live.record.info.batch_id);
    await Promise.all(pending.map((live) => live.done));
    releaseOwner(this.owner);
  }

  private liveFromRecord(record: JobRecord): LiveJob {
    let settle!: (record: JobRecord) => void;
    const done = new Promise<JobRecord>((resolveDone) => (settle = resolveDone));
    const live: LiveJob = { record, cancelRequested: false, seq: 0, saving: Promise.resolve(), done, settle };
    if (isTerminal(record.info.state)) settle(record);
    return live;
  }

  private pump(): void {
    while (this.running < this.options.concurrency && this.queue.length > 0) {
      const batchId = this.queue.shift();
      const live = batchId ? this.jobs.get(batchId) : undefined;
      if (live) this.launch(live);
    }
  }

  private launch(live: LiveJob): void {
    const { info } = live.record;
    this.running++;
    const spare = this.spares.get(info.kind);
    this.spares.delete(info.kind);
    const worker =
      spare ??
      this.options.host.fork(this.options.entries[info.kind], `wrangle-${info.kind}-${info.batch_id}`);
    live.worker = worker;
    this.update(live, { state: 'running', started_at: new Date().toISOString() }, { phase: 'starting' });
    this.persist(live);
    this.emit('message', progressMessage(live.record.snapshot));
    this.emitJobs();
    worker.onMessage((raw) => this.onWorkerMessage(live, raw));
    worker.onExit((exit) => this.onWorkerExit(live, exit));
    const records = [...this.jobs.values()].map((job) => job.record);
    const previous = lastCompletedScan(records, info.root, info.batch_id);
    this.send(live, { type: 'start', spec: jobSpecFor(live.record, this.options, previous) });
  }

  private onWorkerMessage(live: LiveJob, raw: unknown): void {
    if (isTerminal(live.record.info.state)) return;
    const parsed = WorkerMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.fail(
        live,
        'INTERNAL_ERROR',
        `The worker sent an invalid message: ${parsed.error.issues[0]?.message}`,
      );
      live.worker?.kill();
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'ready':
        return;
      case 'progress':
        this.update(live, {}, message.progress);
        this.emit('message', progressMessage(live.record.snapshot));
        return;
      case 'completed':
        this.update(live, {}, message.progress);
        live.record.result = message.result;
        this.finish(live, 'completed');
        return;
      case 'failed':
        if (message.result) live.record.result = message.result;
        this.fail(live, message.code, message.error);
        return;
      case 'cancelled':
        if (message.result) live.record.result = message.result;
        this.finish(live, 'cancelled');
        return;
    }
  }

  private onWorkerExit(live: LiveJob, exit: WorkerExit): void {
    clearTimeout(live.killTimer);
    live.worker = undefined;
    this.running--;
    if (!isTerminal(live.record.info.state)) {
      if (live.cancelRequested) this.finish(live, 'cancelled');
      else {
        this.fail(live, 'WORKER_CRASHED', crashMessage(live.record, exit));
      }
    }
    this.pump();
  }

  private fail(live: LiveJob, code: ErrorCode, error: string): void {
    live.record.info = { ...live.record.info, failure: { error, code } };
    this.finish(live, 'failed');
  }

  private finish(live: LiveJob, state: Extract<JobState, 'completed' | 'failed' | 'cancelled'>): void {
    const result = live.record.result;
    if (result && result.kind !== 'scan')
      live.record.info = { ...live.record.info, failed_count: result.failed_count };
    this.update(
      live,
      { state, finished_at: new Date().toISOString() },
      state === 'completed' ? { phase: 'done' } : {},
    );
    const saved = this.persist(live);
    const message = terminalMessage(live.record);
    if (message) this.emit('message', message);
    this.emitJobs();
    this.emit('ended', live.record);
    // Whoever waits for the end (the CLI before it exits) also gets the record safely on disk.
    void saved.then(() => live.settle(live.record));
  }

  private update(live: LiveJob, info: Partial<JobInfo>, progress: Partial<WorkerProgress>): void {
    const record = live.record;
    record.info = { ...record.info, ...info };
    const previous = record.snapshot;
    record.snapshot = {
      ...previous,
      ...progress,
      // Never let a late or reordered message move the bar backwards.
      percentage: Math.max(previous.percentage, progress.percentage ?? previous.percentage),
      state: record.info.state,
      updated_at: new Date().toISOString(),
    };
  }

  private send(live: LiveJob, message: WithoutSeq<HostMessage>): void {
    live.worker?.postMessage({ ...message, seq: live.seq++ });
  }

  private emitJobs(): void {
    this.emit('message', this.jobsMessage());
  }

  private persist(live: LiveJob): Promise<void> {
    const copy = structuredClone(live.record);
    live.saving = live.saving
      .then(() => this.options.store.save(copy))
      .catch((error: unknown) =>
        this.options.warn?.(
          `Could not save job ${copy.info.batch_id} to ${this.options.store.jobsDir}: ${(error as Error).message}`,
        ),
      );
    return live.saving;
  }
}
