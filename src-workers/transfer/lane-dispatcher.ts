/** Hands batches of files to the copy threads, keeps memory flat, and settles their results as they come. */
import { JobError } from '../../src-node/job-error';
import type { EntrySettler } from './entry-settler';
import type { MultiSettler } from './multi-settler';
import { itemResult } from './lane-protocol';
import type { CopyPassDeps, FolderWork, Pending } from './pass-types';

/** The copy threads' side of the pass. */
export class LaneDispatcher {
  private readonly inFlight = new Set<Promise<void>>();
  private batchId = 0;
  /** The entries of each batch in the threads' hands, for the current file. */
  private readonly batchItems = new Map<number, Pending[]>();

  constructor(
    private readonly deps: CopyPassDeps,
    private readonly settler: EntrySettler,
    private readonly multi: MultiSettler,
  ) {}

  /** True while batches are in the threads' hands. */
  get busy(): boolean {
    return this.inFlight.size > 0;
  }

  /** The file a copy thread is on now (what the progress line shows), or null when they are idle. */
  currentFile(): string | null {
    for (const { batch, item } of this.deps.control.laneItems()) {
      const entry = this.batchItems.get(batch)?.[item];
      if (entry) return entry.path;
    }
    return null;
  }

  /** Wait for every batch in flight. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Hand one folder's files to the copy threads; resolves once the queue has room (their results come later). */
  async dispatch(work: FolderWork, pending: Pending[]): Promise<void> {
    // Keep every lane busy and one batch waiting for each, no more: memory stays flat.
    while (this.deps.pool.pending >= this.deps.lanes * 2 && this.inFlight.size > 0)
      await Promise.race([...this.inFlight]);
    const batch = {
      type: 'batch' as const,
      id: this.batchId++,
      srcDir: work.srcFd,
      dstDir: work.dstFd,
      srcDev: work.srcDev,
      dstDev: work.folder.dev,
      names: pending.map((item) => item.name),
      targets: pending.map((item) => (item.target === item.name ? null : item.target)),
      sizes: Float64Array.from(pending, (item) => item.size),
      flags: Int32Array.from(pending, (item) => item.flags),
      hashMask: this.deps.hashMask,
      ...(work.dstFds
        ? {
            dstDirs: Int32Array.from(work.dstFds),
            outMasks: Int32Array.from(pending, (item) => item.outMask ?? 0),
          }
        : {}),
    };
    this.batchItems.set(batch.id, pending);
    const done = this.deps.pool.run(batch).then(
      (results) => {
        this.batchItems.delete(batch.id);
        pending.forEach((item, index) => {
          const result = itemResult(results, index);
          if (item.file) this.multi.settleLane(work, item, result);
          else this.settler.settleLane(work, item, result);
        });
      },
      (error: unknown) => {
        this.settler.fatal ??= new JobError(
          `A copy thread failed: ${(error as Error).message}`,
          'INTERNAL_ERROR',
        );
        this.deps.control.cancel();
      },
    );
    const tracked: Promise<void> = done.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
    work.batches.push(tracked);
  }

  /** Once a folder's batches have settled: close its descriptors, and check its folder is still where it was. */
  closeWhenDone(work: FolderWork): void {
    const closing = Promise.all(work.batches).then(() => {
      const { backend, dest } = this.deps;
      backend.close(work.srcFd);
      backend.close(work.dstFd);
      work.dstFds?.forEach((fd, d) => d > 0 && fd >= 0 && backend.close(fd));
      // Its listing is not needed any more (a later merge into it lists it again): memory stays flat.
      dest.forgetListing(work.folder, this.deps.visitedOnce);
      work.folders?.forEach(
        (folder, d) => folder && d > 0 && this.deps.dests[d]?.forgetListing(folder, this.deps.visitedOnce),
      );
      if (work.published === 0 || work.folder.state === 'failed') return;
      const check = dest.open(work.folder);
      if (check >= 0) return backend.close(check);
      this.deps.ledger.fail(
        {
          path: work.folder.path,
          code: 'DESTINATION_CHANGED',
          errno: 'ELOOP',
          cause:
            'The destination folder was moved or replaced while files were written into it: they are in the folder that was moved away',
        },
        { folder: true, count: work.published },
      );
    });
    const tracked: Promise<void> = closing.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }
}
