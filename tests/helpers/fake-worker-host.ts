/**
 * A stand-in for the WorkerHost boundary: fake worker processes that a test drives by hand, so the JobManager's
 * queue, cancel, kill and crash paths run in milliseconds and on cue. Real workers are tested on their own.
 */
import type { ScanResult, WorkerProgress } from '../../src-shared/jobs';
import type { JobSpec, WorkerMessage } from '../../src-shared/worker-protocol';
import type { WorkerEntries } from '../../src-main/jobs/job-manager';
import type { WorkerExit, WorkerHost, WorkerProcess } from '../../src-main/jobs/worker-host';

/** Entry paths of the fake workers: never run, only named. */
export const FAKE_ENTRIES: WorkerEntries = {
  scan: '/fake/scan-worker.cjs',
  copy: '/fake/transfer-worker.cjs',
  move: '/fake/transfer-worker.cjs',
  verify: '/fake/verify-worker.cjs',
  watch: '/fake/watch-worker.cjs',
};

/** One fake worker process: records what the host sends, and says what the test tells it to. */
export class FakeWorker implements WorkerProcess {
  /** Every message the host sent, in order. */
  readonly received: unknown[] = [];
  /** True once the host asked for the process to be killed, even after it had exited. */
  killed = false;
  exited = false;
  /** What the worker does with `cancel`: stop as real workers do (say `cancelled`, exit 0), or not react. */
  onCancel: 'stop' | 'ignore' = 'stop';
  private readonly messageListeners: ((raw: unknown) => void)[] = [];
  private readonly exitListeners: ((exit: WorkerExit) => void)[] = [];

  constructor(
    readonly entry: string,
    readonly serviceName: string,
    readonly pid: number,
  ) {}

  postMessage(message: unknown): void {
    if (this.exited) return;
    this.received.push(message);
    const type = (message as { type?: unknown }).type;
    // Later, as a real process answers: never from inside the host's own call.
    if (type === 'cancel' && this.onCancel === 'stop') {
      queueMicrotask(() => {
        this.say({ type: 'cancelled' });
        this.exit({ code: 0, signal: null });
      });
    }
  }

  onMessage(listener: (raw: unknown) => void): void {
    this.messageListeners.push(listener);
  }

  onExit(listener: (exit: WorkerExit) => void): void {
    this.exitListeners.push(listener);
  }

  kill(): void {
    this.killed = true;
    if (this.exited) return;
    queueMicrotask(() => this.exit({ code: null, signal: 'SIGKILL' }));
  }

  /** The types of the messages the host sent, in order. */
  receivedTypes(): string[] {
    return this.received.map((message) => String((message as { type?: unknown }).type));
  }

  /** The spec of the `start` message, once the host sent it. */
  get spec(): JobSpec | undefined {
    const start = this.received.find((message) => (message as { type?: unknown }).type === 'start');
    return (start as { spec: JobSpec } | undefined)?.spec;
  }

  /** Send a valid message to the host. */
  say(message: WorkerMessage): void {
    this.send(message);
  }

  /** Send anything at all to the host, valid or not. */
  send(raw: unknown): void {
    if (this.exited) return;
    for (const listener of this.messageListeners) listener(raw);
  }

  /** End the process. */
  exit(exit: WorkerExit): void {
    if (this.exited) return;
    this.exited = true;
    for (const listener of this.exitListeners) listener(exit);
  }

  /** Report progress, then complete with `result` and exit 0, as a scan worker does. */
  complete(result: ScanResult): void {
    this.say({ type: 'completed', progress: progress({ phase: 'done', percentage: 100 }), result });
    this.exit({ code: 0, signal: null });
  }
}

/** A WorkerHost whose processes are FakeWorkers. */
export class FakeWorkerHost implements WorkerHost {
  readonly workers: FakeWorker[] = [];

  fork(entry: string, serviceName: string): FakeWorker {
    const worker = new FakeWorker(entry, serviceName, 70_000 + this.workers.length);
    this.workers.push(worker);
    return worker;
  }

  /** The worker that was given job `batchId`; throws when none was. */
  workerOf(batchId: string): FakeWorker {
    const worker = this.workers.find((candidate) => candidate.spec?.batch_id === batchId);
    if (!worker) throw new Error(`No worker was given job ${batchId}.`);
    return worker;
  }
}

/** A valid progress report, with `changes`. */
export function progress(changes: Partial<WorkerProgress> = {}): WorkerProgress {
  return {
    phase: 'walking',
    files_processed: 0,
    dirs_processed: 0,
    bytes_processed: 0,
    errors_count: 0,
    current_file: null,
    percentage: 0,
    estimate: 'tree',
    files_total: null,
    bytes_total: null,
    rate: { files_per_second: 0, bytes_per_second: 0 },
    eta_ms: null,
    emitted_at: Date.now(),
    ...changes,
  };
}

/** A valid scan result for `root`. */
export function scanResult(root: string, files = 3): ScanResult {
  return {
    kind: 'scan',
    root,
    total_size: files * 100,
    file_count: files,
    directory_count: 1,
    symlink_count: 0,
    other_count: 0,
    error_count: 0,
    errors: [],
    largest_dirs: [],
    largest_files: [],
    sequences: [],
    sequence_count: 0,
    problem_sequence_count: 0,
    zero_byte_files: [],
    zero_byte_file_count: 0,
    empty_folders: [],
    empty_folder_count: 0,
    file_types: [],
    scanned_at: new Date().toISOString(),
    duration_ms: 5,
  };
}
