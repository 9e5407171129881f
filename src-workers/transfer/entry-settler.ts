/**
 * Settling entries: what each result means (copied, skipped, failed and why), counted once in the ledger,
 * the progress counters, the report and the checksum file. A full destination stops the job here.
 */
import { formatBytes } from '../../src-shared/format';
import { Errno, errnoName, isNoSpaceErrno } from '../../src-node/errno';
import type { ErrorCode } from '../../src-shared/jobs';
import { JobError } from '../../src-node/job-error';
import { CopyResult, EntryKind, STAT_FIELDS, Stage, Stat, decodeError, nameText } from './fs-backend';
import { hashValuesOf } from './hash-values';
import { LANE_CANCELLED, OUT_SLOTS, type LaneItemResult } from './lane-protocol';
import { codeFor, type CopyPassDeps, type FolderWork, type Pending } from './pass-types';
import type { FileStatus } from './report-writer';

const scratch = new Float64Array(STAT_FIELDS);

/** Turns outcomes into counts, failures and report rows. */
export class EntrySettler {
  /** Set when the job must stop (the destination is full). */
  fatal: JobError | null = null;

  constructor(private readonly deps: CopyPassDeps) {}

  settleLane(work: FolderWork, item: Pending, result: LaneItemResult): void {
    const { counters } = this.deps;
    if (result.result !== LANE_CANCELLED) {
      counters.bytes += Math.max(0, item.size - result.advanced);
      // A settled file has done its share of reading back, whether or not it needed all of it.
      counters.checked = (counters.checked ?? 0) + (counters.checkFactor ?? 0) * item.size - result.checked;
    }
    const hash = result.sourceHash || undefined;
    // Named once per file: the report and the recorder (histories, checksum files) share them.
    if (result.sourceHashSet.length > 0) item.hashValues = hashValuesOf(result.sourceHashSet);
    if (result.result === CopyResult.Done || result.result === CopyResult.SourceKept) {
      this.record(item, item.compare ? 'identical' : 'copied');
      if (!item.compare && this.deps.verify)
        this.deps.tallies[0]?.readBack((result.outStatuses[OUT_SLOTS / 2] ?? 0) === 1);
    }
    switch (result.result) {
      case CopyResult.Done:
        if (item.compare) {
          this.deps.ledger.tally.verified++;
          if (this.deps.move) {
            const removed = this.removeSourceIfSame(work.srcFd, item);
            if (removed !== 0)
              return this.settle(
                item,
                'left_in_place',
                {
                  code: 'COPY_IO_ERROR',
                  errno: errnoName(removed),
                  cause: `Already at the destination, but the source could not be removed (${errnoName(removed)})`,
                },
                hash,
              );
          }
          return this.settle(item, 'skipped', null, hash);
        }
        work.published++;
        if (this.deps.verify) this.deps.ledger.tally.verified++;
        if (this.deps.move) this.deps.ledger.tally.sourcesRemoved++;
        return this.settle(
          item,
          item.target !== item.name ? 'renamed' : this.deps.move ? 'moved' : 'copied',
          null,
          hash,
        );
      case CopyResult.SourceKept:
        work.published++;
        this.deps.ledger.tally.verified++;
        return this.settle(
          item,
          'left_in_place',
          {
            code: 'SOURCE_CHANGED',
            errno: errnoName(result.removeErrno),
            cause:
              result.removeErrno === Errno.ESTALE
                ? 'Copied and verified, but the source changed after it was copied, so it was kept'
                : `Copied and verified, but the source could not be removed (${errnoName(result.removeErrno)})`,
          },
          hash,
        );
      case CopyResult.Exists:
        return this.settle(item, 'failed', {
          code: 'CONFLICT',
          errno: 'EEXIST',
          cause: 'Appeared at the destination while the job ran; left as is',
        });
      case CopyResult.Changed:
        return this.settle(item, 'failed', {
          code: 'SOURCE_CHANGED',
          errno: 'EAGAIN',
          cause:
            'The source changed during copy (its size or modified time moved); the copy was discarded. Copy it again once it is complete',
        });
      case CopyResult.Mismatch:
        return this.settle(
          item,
          'failed',
          item.compare
            ? {
                code: 'VERIFY_MISMATCH',
                errno: 'EIO',
                cause:
                  'Exists at the destination with the same size and date but different content; left as is',
                detail: `xxh64 ${result.copyHash} there, ${result.sourceHash} in the source`,
              }
            : {
                code: 'VERIFY_MISMATCH',
                errno: 'EIO',
                cause: 'The copy read back differs from the source; it was discarded',
                detail: `xxh64 ${result.copyHash} read back, ${result.sourceHash} in the source`,
              },
        );
      case LANE_CANCELLED:
        return this.report(item, 'cancelled');
      default: {
        const { stage, errno } = decodeError(result.result);
        if (isNoSpaceErrno(errno)) return this.noSpace(item, stage, errno);
        const what = Stage[stage as keyof typeof Stage] ?? 'copy it';
        this.settle(item, 'failed', {
          code: codeFor(stage, errno),
          errno: errnoName(errno),
          cause: `Cannot ${what} (${errnoName(errno)})`,
        });
      }
    }
  }

  /** Stop the job with `message` (every destination is full): files in flight settle first. */
  fail(message: string): void {
    this.fatal ??= new JobError(message, 'NO_SPACE');
    this.deps.control.cancel();
  }

  /** The destination is full: the job stops (files already placed stay, complete). */
  private noSpace(item: Pending, stage: number, errno: number): void {
    this.report(item, 'cancelled');
    if (this.fatal) return;
    const { backend, dest, counters } = this.deps;
    const fs = new Float64Array(6);
    const known = backend.statfs(dest.rootFd, fs) === 0;
    const [, bsize = 0, , bavail = 0, files = 0, ffree = 0] = fs;
    const where = dest.rootPath;
    const message =
      known && files > 0 && ffree === 0
        ? `No free inodes left on the destination ${where}: its filesystem can hold no more files or folders (0 of ${files} inodes free), although ${formatBytes(bavail * bsize)} of space is free. Files already copied are complete; delete files there or choose another destination, then run the job again.`
        : `No space left on the destination ${where} (${errnoName(errno)} while trying to ${Stage[stage as keyof typeof Stage] ?? 'copy'} ${item.path}): about ${formatBytes(Math.max(0, (counters.bytesTotal ?? 0) - counters.bytes))} more is needed for the rest of the job, ${known ? formatBytes(bavail * bsize) : 'an unknown amount'} is free. Files already copied are complete; make room and run the job again.`;
    this.fatal = new JobError(message, 'NO_SPACE');
    this.deps.control.cancel();
  }

  /** Count one entry as done: tallies, failures, the report, the checksum file. */
  settle(
    item: Pending,
    status: FileStatus,
    problem: { code: ErrorCode; errno: string; cause: string; detail?: string } | null,
    hash?: string,
  ): void {
    const { ledger, counters } = this.deps;
    counters.files++;
    if (status === 'failed' && problem) {
      counters.errors++;
      ledger.fail({ path: item.path, ...problem });
      if (this.deps.move) ledger.leave({ path: item.path, ...problem });
    } else if (status === 'skipped') {
      ledger.tally.filesSkipped++;
      ledger.tally.bytesSkipped += item.size;
      if (problem && this.deps.move) ledger.leave({ path: item.path, ...problem });
    } else if (status === 'left_in_place') {
      this.countCopied(item);
      if (problem) ledger.leave({ path: item.path, ...problem });
    } else if (status === 'copied' || status === 'moved' || status === 'renamed') {
      this.countCopied(item);
      if (status === 'renamed') ledger.tally.filesRenamed++;
    }
    this.report(item, status, hash);
  }

  /** Tell the recorder (histories, checksum files) about a file now at the destination. */
  private record(item: Pending, action: 'copied' | 'identical'): void {
    if (item.facts.kind !== EntryKind.File || !item.hashValues) return;
    const mtime = { s: item.facts.mtimeS, ns: item.facts.mtimeNs };
    this.deps.recorder?.file(0, this.destRel(item), item.size, mtime, item.hashValues, action);
  }

  /** Regular files count as copied files; symlinks have their own count. */
  private countCopied(item: Pending): void {
    if (item.facts.kind !== EntryKind.File) return;
    this.deps.ledger.tally.filesCopied++;
    this.deps.ledger.tally.bytesCopied += item.size;
  }

  private destRel(item: Pending): string {
    if (item.target === item.name) return item.rel;
    const cut = item.rel.lastIndexOf('/');
    return `${cut < 0 ? '' : item.rel.slice(0, cut + 1)}${nameText(item.target)}`;
  }

  report(item: Pending, status: FileStatus, hash?: string): void {
    this.deps.report.row({
      path: item.rel,
      status,
      size: item.size,
      ...(item.target !== item.name ? { destination: this.destRel(item) } : {}),
      ...(hash ? { xxh64: hash } : {}),
      ...(item.hashValues ? { hashes: item.hashValues } : {}),
    });
  }

  /** Unlink a source entry only if it is still the one that was listed. 0 or errno. */
  removeSourceIfSame(srcFd: number, item: Pending): number {
    const { backend } = this.deps;
    const err = backend.statAt(srcFd, item.name, scratch);
    if (err !== 0) return err;
    if (
      scratch[Stat.dev] !== item.facts.dev ||
      scratch[Stat.ino] !== item.facts.ino ||
      scratch[Stat.size] !== item.facts.size ||
      scratch[Stat.mtimeS] !== item.facts.mtimeS ||
      scratch[Stat.mtimeNs] !== item.facts.mtimeNs
    ) {
      return Errno.ESTALE; // changed since it was listed
    }
    const removed = backend.unlinkAt(srcFd, item.name, false);
    if (removed === 0) this.deps.ledger.tally.sourcesRemoved++;
    return removed;
  }
}
