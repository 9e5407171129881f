/**
 * One listed folder's entries when the job writes to several destinations. Each destination decides by the
 * conflict policy on its own (a re-run fills in what one of them lacks); the file is then read once and its
 * bytes go to every destination that takes it. Destinations that need a file replaced and ones that must
 * never replace get separate reads, so "never replace" is never weakened for a shared read.
 */
import { decide, type Decision } from './conflict-decision';

/** A destination's decision to write the file (null where it does not go). */
export type WriteDecision = Extract<Decision, { action: 'write' }>;
import { Errno } from '../../src-node/errno';
import type { DestFolder } from './dest-index';
import { CopyFlag, EntryKind, nameKey, type FsName, type Listing } from './fs-backend';
import { COMPARE_FLAG } from './lane-protocol';
import { BatchQueue, listedEntries } from './listed-entries';
import type { LaneDispatcher } from './lane-dispatcher';
import type { MultiSettler } from './multi-settler';
import {
  factsOf,
  type CopyPassDeps,
  type DestOutcome,
  type FolderWork,
  type MultiFile,
  type Pending,
} from './pass-types';

export class MultiEntries {
  constructor(
    private readonly deps: CopyPassDeps,
    private readonly settler: MultiSettler,
    private readonly lanes: LaneDispatcher,
  ) {}

  /** Decide and start every file and symlink of one listed folder, at every destination. */
  async entries(
    listing: Listing,
    work: FolderWork,
    rel: string,
    base: string,
    whole: boolean,
  ): Promise<void> {
    const { dests, counters, filter } = this.deps;
    const fds = work.dstFds ?? [];
    const folders = work.folders ?? [];
    const existing = dests.map((dest, d) => {
      const folder = folders[d];
      const fd = fds[d] ?? -1;
      return folder && fd >= 0 ? dest.existingNames(folder, fd) : new Map<string, number>();
    });
    const queue = new BatchQueue(this.lanes, work);
    for (const entry of listedEntries(listing, rel, base, whole, filter)) {
      const { name, path, size, facts } = entry;
      const kind = facts.kind;
      const entryRel = entry.rel;
      if (!this.lanes.busy) counters.currentFile = path;
      const file: MultiFile = {
        outcomes: dests.map(() => ({ status: 'none' })),
        remaining: 0,
        hashes: [],
        compare: [],
      };
      const item: Pending = {
        name,
        target: name,
        rel: entryRel,
        path,
        size,
        facts,
        compare: false,
        flags: 0,
        file,
        srcFd: work.srcFd,
      };
      if (entry.problem) {
        const failure: DestOutcome = { status: 'failed', ...entry.problem };
        file.outcomes = dests.map(() => failure);
        this.settler.finish(item);
        continue;
      }
      const decisions = this.decideEach(item, folders, fds, existing);
      if (kind === EntryKind.Symlink) {
        this.settler.symlink(item, work, decisions);
        continue;
      }
      // Destinations that replace and ones that never do: one read each (usually only one of the two).
      const parts: Pending[] = [];
      for (const replace of [false, true]) {
        let mask = 0;
        decisions.forEach((decision, d) => {
          if (decision?.action === 'write' && decision.replace === replace) mask |= 1 << d;
        });
        if (mask === 0) continue;
        file.remaining++;
        parts.push({ ...item, flags: this.laneFlags(replace), outMask: mask });
      }
      // A look-alike already there is hashed with the source, one destination at a time (a re-run's case).
      for (const d of file.compare) {
        file.remaining++;
        parts.push({ ...item, compare: true, flags: COMPARE_FLAG, outMask: 1 << d });
      }
      if (file.remaining === 0) this.settler.finish(item);
      // Queued only once every part is counted: a part settling early must not finish the file.
      for (const part of parts) await queue.add(part);
    }
    await queue.flush();
    this.lanes.closeWhenDone(work);
  }

  /**
   * Each destination's decision (null where the file does not go), with the outcome of those it does not
   * go to already recorded. A renamed copy takes a name free at every destination, so it is one name.
   */
  private decideEach(
    item: Pending,
    folders: (DestFolder | null)[],
    fds: number[],
    existing: Map<string, number>[],
  ): (WriteDecision | null)[] {
    const { dests, spec, tallies } = this.deps;
    const file = item.file as MultiFile;
    const key = nameKey(item.name);
    let target: FsName | null = null;
    return dests.map((dest, d): WriteDecision | null => {
      const folder = folders[d];
      const fd = fds[d] ?? -1;
      const tally = tallies[d];
      if (tally?.stopped) {
        file.outcomes[d] = {
          status: 'failed',
          code: 'NO_SPACE',
          errno: 'ENOSPC',
          cause: `Not copied: ${tally.failure}`,
        };
        return null;
      }
      if (!folder || fd < 0) {
        // A folder that cannot be made for lack of space means the whole destination is full.
        if (folder?.failure?.errno === 'ENOSPC' || folder?.failure?.errno === 'EDQUOT')
          this.settler.stop(d, Errno.ENOSPC);
        const problem = folder?.failure ?? {
          code: 'COPY_IO_ERROR',
          errno: 'EIO',
          cause: 'The folder could not be used',
        };
        file.outcomes[d] = { status: 'failed', ...problem, cause: `${problem.cause} at ${dest.rootPath}` };
        return null;
      }
      const there = existing[d]?.get(key);
      const existingFacts = there === undefined ? null : factsOf(dest.statOf(folder, there), 0);
      const decision = decide({
        policy: spec.policy,
        source: item.facts,
        name: item.name,
        existing: existingFacts,
        justCreated: folder.ours || folder.reserved.has(key),
        windowNs: this.deps.windowNs,
        // With verification, same size and time is only a look-alike until both are hashed (a compare part).
        // A history lists every file with its hash: a look-alike already there is hashed, not assumed.
        verify: this.deps.verify || this.deps.spec.mhl,
        isTaken: (candidate) => {
          const candidateKey = nameKey(candidate);
          return (
            existing.some((names) => names.has(candidateKey)) ||
            folders.some((f) => f?.reserved.has(candidateKey))
          );
        },
      });
      if (decision.action === 'refuse') {
        file.outcomes[d] = {
          status: 'failed',
          code: decision.code,
          errno: 'EEXIST',
          cause: `${decision.why} (policy ${spec.policy})`,
        };
        return null;
      }
      if (decision.action === 'compare') {
        file.outcomes[d] = { status: 'pending' };
        file.compare.push(d);
        return null;
      }
      if (decision.action === 'skip') {
        file.outcomes[d] = decision.identical
          ? { status: 'identical' }
          : { status: 'skipped', cause: `Left in place: ${decision.why} (policy ${spec.policy})` };
        return null;
      }
      // Policy rename: the first destination's free name serves all of them (checked against every one).
      target ??= decision.name;
      folder.reserved.add(nameKey(target));
      item.target = target;
      file.outcomes[d] = { status: 'pending' };
      return { ...decision, name: target };
    });
  }

  private laneFlags(replace: boolean): number {
    const { verify, tmpfile, hashing } = this.deps;
    let flags = 0;
    if (verify) flags |= CopyFlag.Verify;
    else if (hashing) flags |= CopyFlag.Hash;
    if (replace) flags |= CopyFlag.Replace;
    else if (tmpfile) flags |= CopyFlag.Tmpfile;
    // No Move flag: the source goes only once every destination has its verified copy (MultiSettler).
    return flags;
  }
}
