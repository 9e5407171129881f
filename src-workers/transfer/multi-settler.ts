/**
 * Settling a file that went to several destinations: each destination's outcome is counted in its own
 * tally, then the file is settled once (copied only when every destination has it). A destination that
 * runs out of space stops taking copies while the others go on; a move removes the source only when every
 * destination holds a verified copy.
 */
import { Errno, errnoName, isNoSpaceErrno } from '../../src-node/errno';
import { CopyResult, Stage, decodeError, nameText } from './fs-backend';
import { LANE_CANCELLED, OUT_SLOTS, type LaneItemResult } from './lane-protocol';
import {
  codeFor,
  type CopyPassDeps,
  type DestOutcome,
  type FolderWork,
  type MultiFile,
  type Pending,
} from './pass-types';
import type { EntrySettler } from './entry-settler';
import type { WriteDecision } from './multi-entries';
import type { FileStatus } from './report-writer';
import { hashValuesOf } from './hash-values';
import type { HashValues } from '../../src-shared/hash-formats';

export class MultiSettler {
  constructor(
    private readonly deps: CopyPassDeps,
    private readonly single: EntrySettler,
  ) {}

  /** One lane item (some of a file's destinations) is back. */
  settleLane(work: FolderWork, item: Pending, result: LaneItemResult): void {
    const file = item.file as MultiFile;
    if (result.sourceHashSet.length > 0) file.hashes = result.sourceHashSet;
    const mask = item.outMask ?? 0;
    for (let d = 0; d < this.deps.dests.length; d++) {
      if (!(mask & (1 << d))) continue;
      if (item.compare) {
        file.outcomes[d] = this.compared(d, result);
        continue;
      }
      const status =
        result.result === LANE_CANCELLED ? LANE_CANCELLED : (result.outStatuses[d] ?? result.result);
      const dropped = (result.outStatuses[OUT_SLOTS / 2 + d] ?? 0) === 1;
      file.outcomes[d] = this.outcomeOf(d, status, dropped);
    }
    // Progress counts each file's bytes once, however many reads it took (a compare and a copy).
    const { counters } = this.deps;
    if (file.counted) {
      counters.bytes -= result.advanced;
      counters.checked = (counters.checked ?? 0) - result.checked;
    } else if (result.result !== LANE_CANCELLED) {
      counters.bytes += Math.max(0, item.size - result.advanced);
      // A settled file has done its share of reading back (one per copy), whether it needed all of it or not.
      counters.checked = (counters.checked ?? 0) + (counters.checkFactor ?? 0) * item.size - result.checked;
      file.counted = true;
    }
    if (--file.remaining === 0) {
      work.published++;
      this.finish(item);
    }
  }

  private outcomeOf(d: number, status: number, dropped: boolean): DestOutcome {
    const where = this.deps.dests[d]?.rootPath ?? '';
    switch (status) {
      case CopyResult.Done:
        return { status: 'copied', dropped: this.deps.verify ? dropped : null };
      case LANE_CANCELLED:
        return { status: 'cancelled' };
      case CopyResult.Exists:
        return {
          status: 'failed',
          code: 'CONFLICT',
          errno: 'EEXIST',
          cause: `Appeared at ${where} while the job ran; left as is`,
        };
      case CopyResult.Changed:
        return {
          status: 'failed',
          code: 'SOURCE_CHANGED',
          errno: 'EAGAIN',
          cause:
            'The source changed during copy (its size or modified time moved); the copies were discarded. Copy it again once it is complete',
        };
      case CopyResult.Mismatch:
        return {
          status: 'failed',
          code: 'VERIFY_MISMATCH',
          errno: 'EIO',
          cause: `The copy read back at ${where} differs from the source; it was discarded`,
        };
      default: {
        const { stage, errno } = decodeError(status);
        const full = isNoSpaceErrno(errno);
        if (full) this.stop(d, errno);
        const what = Stage[stage as keyof typeof Stage] ?? 'copy it';
        return {
          status: 'failed',
          code: full ? 'NO_SPACE' : codeFor(stage, errno),
          errno: errnoName(errno),
          cause: `Cannot ${what} at ${where} (${errnoName(errno)})`,
        };
      }
    }
  }

  /** A look-alike at destination `d` hashed with the source: identical, or a different file left alone. */
  private compared(d: number, result: LaneItemResult): DestOutcome {
    const where = this.deps.dests[d]?.rootPath ?? '';
    if (result.result === CopyResult.Done) return { status: 'identical' };
    if (result.result === CopyResult.Mismatch)
      return {
        status: 'failed',
        code: 'VERIFY_MISMATCH',
        errno: 'EIO',
        cause: `Exists at ${where} with the same size and date but different content; left as is`,
        detail: `xxh64 ${result.copyHash} there, ${result.sourceHash} in the source`,
      };
    return this.outcomeOf(d, result.result, false);
  }

  /** A destination is full: it takes no more copies; the others go on. When none is left, the job stops. */
  stop(d: number, errno: number): void {
    const tally = this.deps.tallies[d];
    if (!tally || tally.stopped) return;
    tally.failure = `No space left on ${tally.path} (${errnoName(errno)}): it stopped taking copies; files already there are complete`;
    if (this.deps.tallies.every((each) => each.stopped) && !this.single.fatal) {
      this.single.fail(
        `No space left on any destination: ${this.deps.tallies.map((each) => each.path).join(', ')}. Files already copied are complete; make room and run the job again.`,
      );
    }
  }

  /** Every part of the file is back (or it never needed a read): count it once. */
  finish(item: Pending): void {
    const file = item.file as MultiFile;
    // Named once: every destination's record and the report row share them.
    const values = file.hashes.length > 0 ? hashValuesOf(file.hashes) : null;
    const { ledger, counters, tallies, move } = this.deps;
    let failed = false;
    let cancelled = false;
    let copied = 0;
    file.outcomes.forEach((outcome, d) => {
      const tally = tallies[d];
      if (!tally) return;
      if (outcome.status === 'copied') {
        copied++;
        if (item.facts.kind === 1) {
          tally.filesCopied++;
          tally.bytesCopied += item.size;
        }
        if (outcome.dropped !== null) tally.readBack(outcome.dropped);
        this.record(d, item, values, 'copied');
      } else if (outcome.status === 'identical') {
        this.record(d, item, values, 'identical');
      } else if (outcome.status === 'failed') {
        failed = true;
        tally.failed++;
        ledger.fail({
          path: item.path,
          code: outcome.code,
          errno: outcome.errno,
          cause: outcome.cause,
          detail: outcome.detail,
        });
      } else if (outcome.status === 'cancelled' || outcome.status === 'pending') cancelled = true;
    });
    let status: FileStatus = failed ? 'failed' : cancelled ? 'cancelled' : copied > 0 ? 'copied' : 'skipped';
    if (move && !failed && !cancelled) {
      // Every destination holds it (verified, or found identical): only now may the source go.
      const removed = this.single.removeSourceIfSame(this.sourceFd(item), item);
      status = removed === 0 ? 'moved' : 'left_in_place';
      if (removed !== 0)
        ledger.leave({
          path: item.path,
          code: 'SOURCE_CHANGED',
          errno: errnoName(removed),
          cause:
            removed === Errno.ESTALE
              ? 'Copied and verified, but the source changed after it was copied, so it was kept'
              : `Copied and verified, but the source could not be removed (${errnoName(removed)})`,
        });
    } else if (move) {
      const first = file.outcomes.find((outcome) => outcome.status === 'failed');
      ledger.leave({
        path: item.path,
        code: first?.status === 'failed' ? first.code : 'INTERRUPTED',
        errno: first?.status === 'failed' ? first.errno : 'EINTR',
        cause: 'Kept: not every destination holds a verified copy',
      });
    }
    counters.files++;
    if (failed) counters.errors++;
    else if (status === 'copied' || status === 'moved') {
      if (item.facts.kind === 1) {
        ledger.tally.filesCopied++;
        ledger.tally.bytesCopied += item.size;
        if (this.deps.verify) ledger.tally.verified++;
      }
    } else if (status === 'skipped') {
      ledger.tally.filesSkipped++;
      ledger.tally.bytesSkipped += item.size;
    }
    this.deps.report.row({
      path: item.rel,
      status,
      size: item.size,
      ...(item.target !== item.name ? { destination: this.destRel(item) } : {}),
      ...(values ? { hashes: values } : {}),
      outs: file.outcomes.map((outcome) => ({
        status: outStatus(outcome),
        ...('cause' in outcome ? { cause: outcome.cause } : {}),
      })),
    });
  }

  /** Symlinks are recreated at each destination that does not have the name (never replacing anything). */
  symlink(item: Pending, work: FolderWork, decisions: (WriteDecision | null)[]): void {
    const { backend } = this.deps;
    const file = item.file as MultiFile;
    const target = backend.readlinkAt(this.sourceFd(item), item.name);
    decisions.forEach((decision, d) => {
      if (!decision) return;
      const dir = work.dstFds?.[d] ?? -1;
      const err = typeof target === 'number' ? target : backend.symlinkAt(target, dir, decision.name);
      file.outcomes[d] =
        err === 0
          ? { status: 'copied', dropped: null }
          : {
              status: 'failed',
              code: codeFor(2, err),
              errno: errnoName(err),
              cause: `Cannot create the symlink (${errnoName(err)})`,
            };
    });
    if (file.outcomes.some((outcome) => outcome.status === 'copied')) this.deps.ledger.tally.symlinks++;
    this.finish(item);
  }

  private record(d: number, item: Pending, values: HashValues | null, action: 'copied' | 'identical'): void {
    if (item.facts.kind !== 1 || !values) return;
    this.deps.recorder?.file(
      d,
      this.destRel(item),
      item.size,
      { s: item.facts.mtimeS, ns: item.facts.mtimeNs },
      values,
      action,
    );
  }

  private destRel(item: Pending): string {
    if (item.target === item.name) return item.rel;
    const cut = item.rel.lastIndexOf('/');
    return `${cut < 0 ? '' : item.rel.slice(0, cut + 1)}${nameText(item.target)}`;
  }

  /** The source folder's descriptor, kept on the item by the pass. */
  private sourceFd(item: Pending): number {
    return item.srcFd ?? -1;
  }
}

function outStatus(outcome: DestOutcome): FileStatus {
  switch (outcome.status) {
    case 'copied':
      return 'copied';
    case 'identical':
    case 'skipped':
    case 'none':
      return 'skipped';
    case 'failed':
      return 'failed';
    default:
      return 'cancelled';
  }
}
