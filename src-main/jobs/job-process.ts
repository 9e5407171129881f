/**
 * One job's worker process: numbered messages out, validated messages in, stop (cancel, a grace period, then
 * kill), and what the process's end means for the job. Knows nothing of queues or records.
 */
import { EventEmitter } from 'node:events';
import {
  WorkerMessageSchema,
  type HostMessage,
  type JobSpec,
  type WorkerMessage,
} from '../../src-shared/worker-protocol';
import type { WorkerExit, WorkerProcess } from './worker-host';

/** A message about the job, from the worker or standing in for one it could not send. */
export type JobMessage = WorkerMessage;

export interface JobProcessOptions {
  /** How long a stopped worker may take to end by itself before it is killed. */
  graceMs: number;
  /** The failure text for a worker that died mid-job (see crash-message.ts). */
  describeCrash(exit: WorkerExit): string;
}

interface JobProcessEvents {
  /**
   * The worker's valid messages, up to the one that ends the job. Exactly one message ends it: the worker's
   * own, or one standing in for it: `failed` for an invalid message (the worker is killed) or a crash,
   * `cancelled` for a stopped worker that ended without saying so.
   */
  message: [JobMessage];
  /** The process is gone; after the job's ending message. */
  exit: [WorkerExit];
}

const ENDING_TYPES: ReadonlySet<JobMessage['type']> = new Set(['completed', 'failed', 'cancelled']);

export class JobProcess extends EventEmitter<JobProcessEvents> {
  private stopping = false;
  private jobEnded = false;
  private killTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly worker: WorkerProcess,
    private readonly options: JobProcessOptions,
  ) {
    super();
    worker.onMessage((raw) => this.receive(raw));
    worker.onExit((exit) => this.exited(exit));
  }

  /** The worker's process id (tests crash it on purpose). */
  get pid(): number | undefined {
    return this.worker.pid;
  }

  /** Hand the worker its job. */
  start(spec: JobSpec): void {
    this.send({ type: 'start', spec });
  }

  /** Send the worker a message (a pause or resume; a scan ignores those). */
  send(message: HostMessage): void {
    this.worker.postMessage(message);
  }

  /** Ask the worker to cancel its job; one that has not ended after the grace period is killed. */
  stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    this.send({ type: 'cancel' });
    // A worker stuck in a system call still has to go.
    this.killTimer = setTimeout(() => this.worker.kill(), this.options.graceMs);
  }

  private receive(raw: unknown): void {
    if (this.jobEnded) return;
    const parsed = WorkerMessageSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]?.message;
      this.endJob({
        type: 'failed',
        code: 'INTERNAL_ERROR',
        error: `The worker sent an invalid message: ${issue}`,
      });
      this.worker.kill();
      return;
    }
    if (ENDING_TYPES.has(parsed.data.type)) this.jobEnded = true;
    this.emit('message', parsed.data);
  }

  private exited(exit: WorkerExit): void {
    clearTimeout(this.killTimer);
    if (!this.jobEnded) {
      this.endJob(
        this.stopping
          ? { type: 'cancelled' }
          : { type: 'failed', code: 'WORKER_CRASHED', error: this.options.describeCrash(exit) },
      );
    }
    this.emit('exit', exit);
  }

  private endJob(message: JobMessage): void {
    this.jobEnded = true;
    this.emit('message', message);
  }
}
