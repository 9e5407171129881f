/**
 * The queue over job records: jobs wait, run (at most `concurrency` at once, each in its own worker process),
 * end, and are saved at each step. Processes are JobProcess's business, specs job-specs.ts's, and the wire
 * format the progress feed's.
 */
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import {
  isTerminal,
  type ErrorCode,
  type JobInfo,
  type JobKind,
  type JobResult,
  type ProgressSnapshot,
  type TransferRequest,
} from '../../src-shared/jobs';
import type { VerifyRequest } from '../../src-shared/verify';
import type { WatchUpdate } from '../../src-shared/watch-shapes';
import { crashMessage } from './crash-message';
import { claimOwner, ownerIsGone, releaseOwner } from './job-owner';
import { JobProcess, type JobMessage } from './job-process';
import {
  endRecord,
  type EndState,
  interruptedRecord,
  queuedRecord,
  retryParams,
  updateRecord,
} from './job-records';
import type { JobSettings } from './job-settings';
import { jobSpecFor, lastCompletedScan } from './job-specs';
import type { JobRecord, JobStore, TransferParams } from './job-store';
import { RecordSaver } from './record-saver';
import type { WorkerHost } from './worker-host';
import { WorkerLauncher, type WorkerEntries } from './worker-launcher';

// The app, the CLI and the tests name the entries where they build a manager.
export type { WorkerEntries } from './worker-launcher';

export interface JobManagerOptions {
  host: WorkerHost;
  entries: WorkerEntries;
  store: JobStore;
  /** What each kind of worker is told besides its job (config.jobs). */
  settings: JobSettings;
  concurrency: number;
  /** How long a cancelled worker may take to stop before it is killed. */
  cancelGraceMs?: number;
  /** Where problems that are not a job's own (an unreadable or unsaved record) are reported. */
  warn?: (message: string) => void;
}

interface JobManagerEvents {
  /** A job's snapshot changed: it was queued, it started, or its worker reported progress. */
  progress: [ProgressSnapshot];
  /** A job reached completed, failed or cancelled. */
  ended: [JobRecord];
  /** The job list changed: a job was added or changed state. */
  listChanged: [];
  /** A watch job's coalesced changes. */
  watch: [batchId: string, update: WatchUpdate];
}

interface LiveJob {
  record: JobRecord;
  process?: JobProcess;
  done: Promise<JobRecord>;
  settle: (record: JobRecord) => void;
}

/** The engine's front door: main, the CLI and the tests all start jobs here. */
export class JobManager extends EventEmitter<JobManagerEvents> {
  private readonly jobs = new Map<string, LiveJob>();
  private readonly queue: string[] = [];
  private running = 0;
  private closing = false;
  private readonly launcher: WorkerLauncher;
  private readonly saver: RecordSaver;
  /** Written into every record this manager creates: other processes on the data folder leave those alone. */
  private readonly owner = claimOwner();

  constructor(private readonly options: JobManagerOptions) {
    super();
    this.launcher = new WorkerLauncher(options.host, options.entries);
    this.saver = new RecordSaver(options.store, options.warn);
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
    if (!this.closing) this.launcher.prewarm(kind);
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
   * Watch a folder until the job is cancelled: its sequences and folder totals arrive as `watch` events. A
   * watch runs at once, beside the queue: it reads little and never ends by itself, so it takes no job's turn.
   */
  startWatch(root: string): JobInfo {
    return this.enqueue('watch', resolve(root), null, null);
  }

  /**
   * Tell a running watch which folders are open (relative to its root): a polled watch polls only these and
   * the root. Throws, saying why, for a job that is not a running watch.
   */
  setWatchFocus(batchId: string, folders: string[]): void {
    const live = this.jobs.get(batchId);
    if (!live) throw new Error(`No job ${batchId}.`);
    if (live.record.info.kind !== 'watch')
      throw new Error(`Job ${batchId} is a ${live.record.info.kind}, not a watch.`);
    if (!live.process || isTerminal(live.record.info.state))
      throw new Error(`The watch ${batchId} is not running.`);
    live.process.send({ type: 'watch_focus', folders });
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

  /** Cancel a queued or running job. Returns false if it is unknown or already ended. */
  cancel(batchId: string): boolean {
    const live = this.jobs.get(batchId);
    if (!live || isTerminal(live.record.info.state)) return false;
    if (live.process) {
      // It ends when its worker says so, or when the process is gone (killed after the grace period).
      live.process.stop();
      return true;
    }
    const queued = this.queue.indexOf(batchId);
    if (queued >= 0) this.queue.splice(queued, 1);
    this.finish(live, 'cancelled');
    return true;
  }

  /**
   * Remove an ended job from the history: its record and its folder in the data folder (job.json, tree, report),
   * never anything of the user's. Throws, saying why, for an unknown job or one still queued or running.
   */
  async forget(batchId: string): Promise<void> {
    const live = this.jobs.get(batchId);
    if (!live) throw new Error(`There is no job ${batchId} in the history.`);
    if (!isTerminal(live.record.info.state))
      throw new Error(`The job ${batchId} is still ${live.record.info.state}; cancel it before removing it.`);
    this.jobs.delete(batchId);
    // A save still in flight would write the folder back after the removal.
    await this.saver.flush();
    await this.options.store.remove(batchId);
    this.emit('listChanged');
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

  /** A job's whole record as it is now; read it, never change it. */
  getRecord(batchId: string): JobRecord | undefined {
    return this.jobs.get(batchId)?.record;
  }

  /** Every job, newest first. */
  listJobs(): JobInfo[] {
    return [...this.jobs.values()].map((live) => live.record.info).reverse();
  }

  /** Resolves with the job's final record once it has ended and its record is saved. */
  whenEnded(batchId: string): Promise<JobRecord> {
    const live = this.jobs.get(batchId);
    if (!live) return Promise.reject(new Error(`Unknown job ${batchId}.`));
    return live.done;
  }

  /** The worker process of a running job (for tests that crash it on purpose). */
  workerPid(batchId: string): number | undefined {
    return this.jobs.get(batchId)?.process?.pid;
  }

  /** Cancel everything, wait for the workers to end and every record to be saved, and stop taking jobs. */
  async shutdown(): Promise<void> {
    this.closing = true;
    this.launcher.close();
    const pending = [...this.jobs.values()].filter((live) => !isTerminal(live.record.info.state));
    for (const live of pending) this.cancel(live.record.info.batch_id);
    await Promise.all(pending.map((live) => live.done));
    await this.saver.flush();
    releaseOwner(this.owner);
  }

  private control(batchId: string, type: 'pause' | 'resume'): boolean {
    const live = this.jobs.get(batchId);
    const kind = live?.record.info.kind;
    if (!live?.process || kind === 'scan' || kind === 'watch' || isTerminal(live.record.info.state))
      return false;
    live.process.send({ type });
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
    void this.saver.save(record);
    this.emit('progress', record.snapshot);
    this.emit('listChanged');
    if (kind === 'watch') this.launch(live);
    else {
      this.queue.push(record.info.batch_id);
      this.pump();
    }
    return record.info;
  }

  private liveFromRecord(record: JobRecord): LiveJob {
    let settle!: (record: JobRecord) => void;
    const done = new Promise<JobRecord>((resolveDone) => (settle = resolveDone));
    if (isTerminal(record.info.state)) settle(record);
    return { record, done, settle };
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
    // Watches run beside the queue (see startWatch).
    const counted = info.kind !== 'watch';
    if (counted) this.running++;
    const worker = new JobProcess(this.launcher.launch(info.kind, info.batch_id), {
      graceMs: this.options.cancelGraceMs ?? 1_000,
      describeCrash: (exit) => crashMessage(live.record, exit),
    });
    live.process = worker;
    updateRecord(
      live.record,
      { state: 'running', started_at: new Date().toISOString() },
      { phase: 'starting' },
    );
    void this.saver.save(live.record);
    this.emit('progress', live.record.snapshot);
    this.emit('listChanged');
    worker.on('message', (message) => this.onJobMessage(live, message));
    worker.on('exit', () => {
      live.process = undefined;
      if (counted) this.running--;
      this.pump();
    });
    const records = [...this.jobs.values()].map((job) => job.record);
    const previous = lastCompletedScan(records, info.root, info.batch_id);
    worker.start(jobSpecFor(live.record, this.options.settings, this.options.store, previous));
  }

  /** A message from the job's worker, or one JobProcess stands in for it (a crash, a stop). */
  private onJobMessage(live: LiveJob, message: JobMessage): void {
    if (isTerminal(live.record.info.state)) return;
    switch (message.type) {
      case 'ready':
        return;
      case 'watch':
        this.emit('watch', live.record.info.batch_id, message.update);
        return;
      case 'progress':
        updateRecord(live.record, {}, message.progress);
        this.emit('progress', live.record.snapshot);
        return;
      case 'completed':
        updateRecord(live.record, {}, message.progress);
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

  private fail(live: LiveJob, code: ErrorCode, error: string): void {
    live.record.info = { ...live.record.info, failure: { error, code } };
    this.finish(live, 'failed');
  }

  private finish(live: LiveJob, state: EndState): void {
    endRecord(live.record, state);
    const saved = this.saver.save(live.record);
    this.emit('ended', live.record);
    this.emit('listChanged');
    // Whoever waits for the end (the CLI before it exits) also gets the record safely on disk.
    void saved.then(() => live.settle(live.record));
  }
}
