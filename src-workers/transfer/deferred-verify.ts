/**
 * Verified small files, a batch at a time: each is written first (its copy not yet named), then the
 * destination filesystems are flushed once for all of them (syncfs), then each copy is read back from
 * storage and only then named. One flush per batch instead of one fdatasync per file makes reading back
 * from storage affordable for folders of thousands of frames; what each file proves is the same.
 */
import type { ControlBlock } from './control-block';
import { CopyFlag, CopyResult, type FsBackend } from './fs-backend';
import { COMPARE_FLAG, LANE_CANCELLED } from './lane-protocol';
import { BIG_FILE_BYTES } from './lane-file';
import { driveCopy, openCopy, record, settleCopy, type LaneFile, type OpenCopy } from './lane-task';

/** Copies written and waiting for the flush: bounded, so open descriptors stay far below the limit. */
const MAX_WAITING = 64;

export class DeferredVerify {
  private readonly waiting: OpenCopy[] = [];
  private readonly dirs = new Set<number>();

  constructor(
    private readonly backend: FsBackend,
    private readonly control: ControlBlock,
  ) {}

  /** Whether `file` takes this path: a verified small copy, on the native engine (which can defer). */
  takes(file: LaneFile): boolean {
    return (
      this.backend.kind === 'native' &&
      (file.flags & CopyFlag.Verify) !== 0 &&
      (file.flags & COMPARE_FLAG) === 0 &&
      file.size < BIG_FILE_BYTES
    );
  }

  /** Write `file`'s copy (or copies) now; it is read back and named at the next flush. */
  add(file: LaneFile): void {
    if (!this.control.take(file.size)) return record(file, LANE_CANCELLED, 0, 0);
    const open = openCopy(this.backend, file, true);
    if (typeof open === 'number') return record(file, open, 0, 0);
    const result = driveCopy(this.backend, this.control, open, false);
    if (result !== CopyResult.Copied) return settleCopy(this.backend, open, result);
    this.waiting.push(open);
    if (file.dstDirs && file.outMask) {
      file.dstDirs.forEach((dir, d) => (file.outMask ?? 0) & (1 << d) && this.dirs.add(dir));
    } else this.dirs.add(file.dstDir);
    if (this.waiting.length >= MAX_WAITING) this.flush();
  }

  /** Flush the destinations once, then read back and name every waiting copy. */
  flush(): void {
    if (this.waiting.length === 0) return;
    // A failed flush is no reason to stop: each read-back then flushes its own file (fdatasync).
    for (const dir of this.dirs) this.backend.syncFs(dir);
    for (const open of this.waiting)
      settleCopy(this.backend, open, driveCopy(this.backend, this.control, open, false));
    this.waiting.length = 0;
    this.dirs.clear();
  }
}
