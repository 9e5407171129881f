/** Forks the worker process for a job, keeping a spare per kind booted ahead of need when asked. */
import type { JobKind } from '../../src-shared/jobs';
import type { WorkerHost, WorkerProcess } from './worker-host';

/** Built worker files, one per job kind. */
export type WorkerEntries = Record<JobKind, string>;

export class WorkerLauncher {
  /** Workers forked ahead of need, one per kind, so a job does not wait for a process to boot. */
  private readonly spares = new Map<JobKind, WorkerProcess>();
  private closed = false;

  constructor(
    private readonly host: WorkerHost,
    private readonly entries: WorkerEntries,
  ) {}

  /** Fork a worker of `kind` now, for the next job of that kind to adopt. */
  prewarm(kind: JobKind): void {
    if (this.closed || this.spares.has(kind)) return;
    const spare = this.host.fork(this.entries[kind], `wrangle-${kind}-spare`);
    this.spares.set(kind, spare);
    spare.onExit(() => {
      if (this.spares.get(kind) === spare) this.spares.delete(kind);
    });
  }

  /** The worker for job `batchId`: the spare of its kind when one is up, else a new process. */
  launch(kind: JobKind, batchId: string): WorkerProcess {
    const spare = this.spares.get(kind);
    this.spares.delete(kind);
    return spare ?? this.host.fork(this.entries[kind], `wrangle-${kind}-${batchId}`);
  }

  /** End the spares and fork no more: a spare would keep the process alive with nothing to do. */
  close(): void {
    this.closed = true;
    for (const spare of this.spares.values()) spare.kill();
    this.spares.clear();
  }
}
