/** Saves job records as they change, in order per job, without ever failing the job for it. */
import type { JobRecord, JobStore } from './job-store';

export class RecordSaver {
  /** The last save of each job still in flight: the next one waits for it, so an older copy never lands last. */
  private readonly pending = new Map<string, Promise<void>>();

  constructor(
    private readonly store: JobStore,
    private readonly warn?: (message: string) => void,
  ) {}

  /**
   * Save a copy of `record` as it is now. Resolves once it is on disk, or once saving it failed (reported
   * through `warn`): a job goes on, and ends, whether or not its record could be written.
   */
  save(record: JobRecord): Promise<void> {
    const copy = structuredClone(record);
    const batchId = copy.info.batch_id;
    const saved = (this.pending.get(batchId) ?? Promise.resolve())
      .then(() => this.store.save(copy))
      .catch((error: unknown) =>
        this.warn?.(`Could not save job ${batchId} to ${this.store.jobsDir}: ${(error as Error).message}`),
      );
    this.pending.set(batchId, saved);
    void saved.then(() => {
      if (this.pending.get(batchId) === saved) this.pending.delete(batchId);
    });
    return saved;
  }

  /** Resolves once every save asked for so far has landed (or failed). */
  async flush(): Promise<void> {
    await Promise.all(this.pending.values());
  }
}
