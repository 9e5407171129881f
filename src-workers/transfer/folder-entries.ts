/**
 * One listed folder's files and symlinks: each is decided (conflict-decision.ts), then renamed (a
 * same-filesystem move), recreated (a symlink) or batched for the copy threads.
 */
import { decide } from './conflict-decision';
import { Errno, errnoName } from '../../src-node/errno';
import type { DestFolder } from './dest-index';
import type { EntrySettler } from './entry-settler';
import { CopyFlag, EntryKind, Stat, nameKey, nameText, type Listing } from './fs-backend';
import { BatchQueue, listedEntries } from './listed-entries';
import type { LaneDispatcher } from './lane-dispatcher';
import type { MultiEntries } from './multi-entries';
import { COMPARE_FLAG } from './lane-protocol';
import { codeFor, factsOf, type CopyPassDeps, type FolderWork, type Pending } from './pass-types';
import { timesOf } from './source-plan';
import { currentOwner, tempNameFor } from './temp-names';

/** Decides and starts the entries of listed folders. */
export class FolderEntries {
  /** Temporary names made here are numbered apart from the copy threads' (which count from 1). */
  private tempCounter = 1_000_000_000;

  constructor(
    private readonly deps: CopyPassDeps,
    private readonly settler: EntrySettler,
    private readonly lanes: LaneDispatcher,
    private readonly multi: MultiEntries,
  ) {}

  /** Decide and start every file and symlink of one listed folder. */
  async entries(
    listing: Listing,
    srcFd: number,
    dstFd: number,
    folder: DestFolder,
    rel: string,
    base: string,
    whole: boolean,
    sameFs: boolean,
    many: { fds: number[]; folders: (DestFolder | null)[] } | null = null,
  ): Promise<void> {
    if (many) {
      const srcDev = listing.names.length > 0 ? (listing.stats[Stat.dev] ?? -1) : -1;
      const work: FolderWork = {
        srcFd,
        dstFd,
        srcDev,
        folder,
        published: 0,
        batches: [],
        dstFds: many.fds,
        folders: many.folders,
      };
      return this.multi.entries(listing, work, rel, base, whole);
    }
    const { dest, spec, counters, filter } = this.deps;
    const existing = dest.existingNames(folder, dstFd);
    // The folder's files share its device: the copy threads need not fstat each copy to learn it.
    const srcDev = listing.names.length > 0 ? (listing.stats[Stat.dev] ?? -1) : -1;
    const work: FolderWork = { srcFd, dstFd, srcDev, folder, published: 0, batches: [] };
    const queue = new BatchQueue(this.lanes, work);
    for (const entry of listedEntries(listing, rel, base, whole, filter)) {
      const { name, path, size, facts, offset } = entry;
      const kind = facts.kind;
      const entryRel = entry.rel;
      if (!this.lanes.busy) counters.currentFile = path;
      if (entry.problem) {
        const item = { name, target: name, rel: entryRel, path, size, facts, compare: false, flags: 0 };
        this.settler.settle(item, 'failed', entry.problem);
        continue;
      }
      const key = nameKey(name);
      const there = existing.get(key);
      const existingFacts = there === undefined ? null : factsOf(dest.statOf(folder, there), 0);
      if (kind === EntryKind.Symlink && existingFacts?.kind === EntryKind.Symlink) {
        const mine = this.deps.backend.readlinkAt(srcFd, name);
        const theirs = this.deps.backend.readlinkAt(dstFd, name);
        if (typeof mine !== 'number') facts.linkTarget = mine;
        if (typeof theirs !== 'number') existingFacts.linkTarget = theirs;
      }
      const decision = decide({
        policy: spec.policy,
        source: facts,
        name,
        existing: existingFacts,
        justCreated: folder.ours || folder.reserved.has(key),
        windowNs: this.deps.windowNs,
        // A history lists every file with its hash: a look-alike already there is hashed, not assumed.
        verify: this.deps.verify || this.deps.spec.mhl,
        isTaken: (candidate) => {
          const candidateKey = nameKey(candidate);
          return existing.has(candidateKey) || folder.reserved.has(candidateKey);
        },
      });
      const item: Pending = {
        name,
        target: name,
        rel: entryRel,
        path,
        size,
        facts,
        compare: false,
        flags: 0,
      };
      if (decision.action === 'refuse') {
        this.settler.settle(item, 'failed', {
          code: decision.code,
          errno: 'EEXIST',
          cause: `${decision.why} (policy ${spec.policy})`,
        });
        continue;
      }
      if (decision.action === 'skip') {
        this.settler.settle(
          item,
          'skipped',
          decision.identical
            ? null
            : {
                code: 'CONFLICT',
                errno: 'EEXIST',
                cause: `Left in place: ${decision.why} (policy ${spec.policy})`,
              },
        );
        continue;
      }
      if (decision.action === 'compare') {
        item.compare = true;
      } else {
        item.target = decision.name;
        folder.reserved.add(nameKey(decision.name));
        if (sameFs && this.renameEntry(item, srcFd, dstFd, decision.replace)) continue;
        if (kind === EntryKind.Symlink) {
          this.copySymlink(item, srcFd, dstFd, decision.replace, listing.stats, offset);
          continue;
        }
      }
      item.flags = this.laneFlags(item, decision.action === 'write' && decision.replace);
      await queue.add(item);
    }
    await queue.flush();
    this.lanes.closeWhenDone(work);
  }

  private laneFlags(item: Pending, replace: boolean): number {
    const { verify, tmpfile, move } = this.deps;
    if (item.compare) return COMPARE_FLAG;
    let flags = 0;
    if (verify) flags |= CopyFlag.Verify;
    // A history or checksum file needs the source's hashes even when nothing is read back.
    else if (this.deps.hashing) flags |= CopyFlag.Hash;
    if (replace) flags |= CopyFlag.Replace;
    else if (tmpfile) flags |= CopyFlag.Tmpfile;
    // A move across filesystems (or a same-filesystem one that could not rename) deletes after the verified copy.
    if (move) flags |= CopyFlag.Move;
    return flags;
  }

  /** A same-filesystem move of one entry: renamed into place (never over anything unless the policy replaces). */
  private renameEntry(item: Pending, srcFd: number, dstFd: number, replace: boolean): boolean {
    const err = this.deps.backend.renameAt(srcFd, item.name, dstFd, item.target, !replace);
    if (err === Errno.EXDEV) return false;
    if (err === 0) this.settler.settle(item, item.target === item.name ? 'moved' : 'renamed', null);
    else if (err === Errno.EEXIST)
      this.settler.settle(item, 'failed', {
        code: 'CONFLICT',
        errno: 'EEXIST',
        cause: 'Appeared at the destination while the job ran; left as is',
      });
    else
      this.settler.settle(item, 'failed', {
        code: codeFor(6, err),
        errno: errnoName(err),
        cause: `Cannot move it (${errnoName(err)})`,
      });
    return true;
  }

  /** Recreate a symlink (the same target text) under its name; a move then removes the source link. */
  private copySymlink(
    item: Pending,
    srcFd: number,
    dstFd: number,
    replace: boolean,
    stats: Float64Array,
    offset: number,
  ): void {
    const { backend } = this.deps;
    const target = backend.readlinkAt(srcFd, item.name);
    if (typeof target === 'number') {
      this.settler.settle(item, 'failed', {
        code: codeFor(1, target),
        errno: errnoName(target),
        cause: `Cannot read the symlink (${errnoName(target)})`,
      });
      return;
    }
    // A symlink is created whole, so it needs no temporary name unless it replaces something.
    const temp = replace
      ? tempNameFor(nameText(item.target), currentOwner(), this.tempCounter++)
      : item.target;
    let err = backend.symlinkAt(target, dstFd, temp);
    if (err === 0) err = backend.setTimesAt(dstFd, temp, timesOf(stats, offset));
    if (err === 0 && replace) err = backend.renameAt(dstFd, temp, dstFd, item.target, false);
    if (err !== 0) {
      if (replace) backend.unlinkAt(dstFd, temp, false);
      const code = err === Errno.EEXIST ? 'CONFLICT' : codeFor(2, err);
      const cause =
        err === Errno.EEXIST
          ? 'Appeared at the destination while the job ran; left as is'
          : `Cannot create the symlink (${errnoName(err)})`;
      this.settler.settle(item, 'failed', { code, errno: errnoName(err), cause });
      return;
    }
    this.deps.ledger.tally.symlinks++;
    if (this.deps.move) {
      const removed = this.settler.removeSourceIfSame(srcFd, item);
      this.settler.settle(
        item,
        removed === 0 ? 'moved' : 'left_in_place',
        removed === 0
          ? null
          : {
              code: 'COPY_IO_ERROR',
              errno: errnoName(removed),
              cause: `Copied, but the source link could not be removed (${errnoName(removed)})`,
            },
      );
      return;
    }
    this.settler.settle(item, item.target === item.name ? 'copied' : 'renamed', null);
  }
}
