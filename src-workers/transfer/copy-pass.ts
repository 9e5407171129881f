/**
 * The copying pass: folder by folder in walk order. Each folder is created (or found) at the destination,
 * listed again, and its entries handed to FolderEntries; a same-filesystem move renames whole folders the
 * destination does not have; a folder that cannot be used fails as one, with everything below it.
 */
import type { DestFolder, FolderProblem } from './dest-index';
import { Errno, errnoName, isPermissionErrno } from '../../src-node/errno';
import { EntrySettler } from './entry-settler';
import { FolderEntries } from './folder-entries';
import { EntryKind, STAT_FIELDS, Stat, nameText, type FsName, type Listing } from './fs-backend';
import { LaneDispatcher } from './lane-dispatcher';
import { MultiEntries } from './multi-entries';
import { MultiSettler } from './multi-settler';
import type { CopyPassDeps } from './pass-types';
import { retriesFile } from './retry-filter';
import { timesOf, type PlannedSource } from './source-plan';

export type { CopyPassDeps } from './pass-types';

const scratch = new Float64Array(STAT_FIELDS);

/** Runs the copying pass. */
export class CopyPass {
  private readonly destOf: (DestFolder | null)[] = [];
  /** With several destinations: each folder's entry at destinations 1…n. */
  private readonly extraOf: (DestFolder | null)[][] = [];
  /** 1 when a folder's whole subtree is settled already (renamed whole, or failed). */
  private readonly settled: Uint8Array;
  private readonly subFiles: number[];
  private readonly subBytes: number[];
  private readonly settler: EntrySettler;
  private readonly lanes: LaneDispatcher;
  private readonly entries: FolderEntries;

  constructor(private readonly deps: CopyPassDeps) {
    this.settler = new EntrySettler(deps);
    const multi = new MultiSettler(deps, this.settler);
    this.lanes = new LaneDispatcher(deps, this.settler, multi);
    this.entries = new FolderEntries(
      deps,
      this.settler,
      this.lanes,
      new MultiEntries(deps, multi, this.lanes),
    );
    const { folders } = deps;
    this.settled = new Uint8Array(folders.length);
    this.subFiles = [...folders.files];
    this.subBytes = [...folders.bytes];
    for (let row = folders.length - 1; row >= 0; row--) {
      const parent = folders.parent[row] ?? -1;
      if (parent < 0) continue;
      this.subFiles[parent] = (this.subFiles[parent] ?? 0) + (this.subFiles[row] ?? 0);
      this.subBytes[parent] = (this.subBytes[parent] ?? 0) + (this.subBytes[row] ?? 0);
    }
  }

  /** Copy everything; throws the fatal error (no space) after the work in flight has settled. */
  async run(): Promise<void> {
    try {
      await this.looseSources();
      for (let row = 0; row < this.deps.folders.length && !this.settler.fatal; row++) {
        await this.deps.checkpoint();
        await this.folder(row);
      }
    } finally {
      await this.lanes.drain();
    }
    if (this.settler.fatal) throw this.settler.fatal;
  }

  /** The file a copy thread is on now (what the progress line shows), or null when they are idle. */
  currentFile(): string | null {
    return this.lanes.currentFile();
  }

  // ---- sources and folders -----------------------------------------------------------------------------

  /** Files and symlinks given as sources land in the destination root, each decided like a folder's entry. */
  private async looseSources(): Promise<void> {
    const { sources, dest, backend } = this.deps;
    for (const source of sources) {
      if (source.renamed || source.stat[Stat.kind] === EntryKind.Dir) continue;
      if (!retriesFile(this.deps.filter, source.name, false)) continue;
      const srcFd = backend.openBeneath(source.parentFd, '');
      const dstFd = dest.open(dest.root);
      if (srcFd < 0 || dstFd < 0) {
        if (srcFd >= 0) backend.close(srcFd);
        if (dstFd >= 0) backend.close(dstFd);
        this.deps.counters.files++;
        const cause =
          srcFd < 0
            ? 'The folder holding the source cannot be opened any more'
            : 'The destination folder cannot be opened';
        this.deps.ledger.fail({
          path: source.path,
          code: srcFd < 0 ? 'SOURCE_CHANGED' : 'DESTINATION_CHANGED',
          errno: 'ENOENT',
          cause,
        });
        continue;
      }
      const listing = { names: [source.name], stats: source.stat.subarray(0, STAT_FIELDS) };
      const base = source.path.slice(0, -source.name.length);
      const extras = this.deps.dests.slice(1);
      const many =
        extras.length > 0
          ? {
              fds: [dstFd, ...extras.map((each) => each.open(each.root))],
              folders: [dest.root, ...extras.map((each) => each.root)],
            }
          : null;
      await this.entries.entries(
        listing,
        srcFd,
        dstFd,
        dest.root,
        '',
        base,
        true,
        this.sameFsOf(source),
        many,
      );
    }
  }

  private sameFsOf(source: PlannedSource): boolean {
    return this.deps.move && (this.deps.sameFs[source.index] ?? false);
  }

  private async folder(row: number): Promise<void> {
    const { folders, sources, dest, backend } = this.deps;
    const parent = folders.parent[row] ?? -1;
    if (parent >= 0 && this.settled[parent]) {
      this.settled[row] = 1;
      return;
    }
    const source = sources[folders.source[row] ?? 0] as PlannedSource;
    const parentDest = parent < 0 ? dest.root : this.destOf[parent];
    if (!parentDest) {
      this.settled[row] = 1;
      return;
    }
    const name = folders.name[row] as FsName;
    const rel = folders.relative(row);
    const base = source.path.slice(0, -source.name.length);
    const srcPath = `${base}${nameText(rel)}`;
    const sameFs = this.sameFsOf(source);
    if (sameFs && this.renameWhole(row, source, parentDest, name, srcPath)) return;

    const times = folders.times[row] ?? timesOf(scratch);
    const { folder, fd: dstFd } = dest.ensure(parentDest, name, {
      mode: folders.mode[row] ?? 0o755,
      times,
      dev: folders.dev[row] ?? -1,
      ino: folders.ino[row] ?? -1,
    });
    this.destOf[row] = folder;
    const extra = this.ensureExtras(row, parent, name, times);
    if (dstFd < 0 && extra.every(({ fd }) => fd < 0)) {
      for (const { fd } of extra) if (fd >= 0) backend.close(fd);
      return this.failSubtree(row, srcPath, folder.failure);
    }
    const srcFd = backend.openBeneath(source.parentFd, rel);
    let problem: FolderProblem | null = null;
    let listing: Listing | number = -1;
    if (srcFd < 0) {
      problem = {
        code: 'SOURCE_CHANGED',
        errno: errnoName(-srcFd),
        cause: `The source folder cannot be opened any more (${errnoName(-srcFd)})`,
      };
    } else if (
      backend.fstat(srcFd, scratch) !== 0 ||
      scratch[Stat.ino] !== folders.ino[row] ||
      scratch[Stat.dev] !== folders.dev[row]
    ) {
      problem = {
        code: 'SOURCE_CHANGED',
        errno: 'ESTALE',
        cause: 'The source folder was replaced while the job ran',
      };
    } else {
      // The counting pass's listing when it was kept (the copy thread's fstat of each file is the fresh look).
      listing = folders.takeListing(row) ?? backend.listAt(srcFd);
      if (typeof listing === 'number') {
        problem = {
          code: 'COPY_IO_ERROR',
          errno: errnoName(listing),
          cause: `Cannot read the folder (${errnoName(listing)})`,
        };
      }
    }
    if (problem || typeof listing === 'number') {
      if (srcFd >= 0) backend.close(srcFd);
      if (dstFd >= 0) backend.close(dstFd);
      for (const { fd } of extra) if (fd >= 0) backend.close(fd);
      return this.failSubtree(row, srcPath, problem);
    }
    this.deps.counters.dirs++;
    const whole = folders.whole[row] === 1;
    const many =
      extra.length > 0
        ? {
            fds: [dstFd, ...extra.map(({ fd }) => fd)],
            folders: [folder, ...extra.map((each) => each.folder)],
          }
        : null;
    await this.entries.entries(listing, srcFd, dstFd, folder, nameText(rel), base, whole, sameFs, many);
  }

  /** The folder at each further destination (created there when new); fd -1 where it cannot be used. */
  private ensureExtras(
    row: number,
    parent: number,
    name: FsName,
    times: ReturnType<typeof timesOf>,
  ): { folder: DestFolder | null; fd: number }[] {
    const { folders, dests } = this.deps;
    const at: (DestFolder | null)[] = [];
    this.extraOf[row] = at;
    return dests.slice(1).map((dest, index) => {
      const parentDest = parent < 0 ? dest.root : (this.extraOf[parent]?.[index] ?? null);
      if (!parentDest) {
        at.push(null);
        return { folder: null, fd: -1 };
      }
      const { folder, fd } = dest.ensure(parentDest, name, {
        mode: folders.mode[row] ?? 0o755,
        times,
        dev: folders.dev[row] ?? -1,
        ino: folders.ino[row] ?? -1,
      });
      at.push(folder);
      return { folder, fd };
    });
  }

  /** A same-filesystem move of a folder the destination does not have: one rename for all of it. */
  private renameWhole(
    row: number,
    source: PlannedSource,
    parentDest: DestFolder,
    name: FsName,
    srcPath: string,
  ): boolean {
    const { folders, backend, dest } = this.deps;
    // A retry renames a folder whole only when it runs all of it.
    if (this.deps.filter && (folders.whole[row] !== 1 || this.deps.filter.done)) return false;
    const parent = folders.parent[row] ?? -1;
    const srcParent =
      parent < 0
        ? backend.openBeneath(source.parentFd, '')
        : backend.openBeneath(source.parentFd, folders.relative(parent));
    const dstParent = dest.open(parentDest);
    try {
      if (srcParent < 0 || dstParent < 0) return false;
      // Only the very folder that was counted; another one under its name is left to the checks below.
      if (
        backend.statAt(srcParent, name, scratch) !== 0 ||
        scratch[Stat.dev] !== folders.dev[row] ||
        scratch[Stat.ino] !== folders.ino[row]
      )
        return false;
      const err = backend.renameAt(srcParent, name, dstParent, name, true);
      if (err === Errno.EEXIST || err === Errno.ENOTEMPTY) return false;
      if (err === Errno.EXDEV) {
        // Another mount of the same filesystem (a bind mount): copy and verify instead.
        this.deps.sameFs[folders.source[row] ?? 0] = false;
        return false;
      }
      if (err !== 0) {
        this.failSubtree(row, srcPath, {
          code: isPermissionErrno(err) ? 'COPY_PERMISSION_ERROR' : 'COPY_IO_ERROR',
          errno: errnoName(err),
          cause: `Cannot move the folder (${errnoName(err)})`,
        });
        return true;
      }
      const files = this.subFiles[row] ?? 0;
      const bytes = this.subBytes[row] ?? 0;
      const { tally } = this.deps.ledger;
      tally.filesRenamedInPlace += files;
      tally.bytesRenamedInPlace += bytes;
      this.deps.counters.files += files;
      this.deps.counters.bytes += bytes;
      this.deps.renamedWhole(srcPath, `${parentDest.path}/${nameText(name)}`);
      dest.placedWhole(parentDest, name);
      this.settled[row] = 1;
      return true;
    } finally {
      if (srcParent >= 0) backend.close(srcParent);
      if (dstParent >= 0) backend.close(dstParent);
    }
  }

  /** A folder could not be used: one failure for everything below it (one blocked folder is one line). */
  private failSubtree(row: number, path: string, problem: FolderProblem | null): void {
    this.settled[row] = 1;
    const files = this.subFiles[row] ?? 0;
    const cause = problem ?? { code: 'COPY_IO_ERROR', errno: 'EIO', cause: 'The folder could not be used' };
    this.deps.ledger.fail(
      { path, code: cause.code, errno: cause.errno, cause: cause.cause },
      { folder: true, count: Math.max(1, files) },
    );
    if (this.deps.move)
      this.deps.ledger.leave({
        path,
        code: cause.code,
        errno: cause.errno,
        cause: `Left in place: ${cause.cause}`,
      });
    this.deps.counters.files += files;
    this.deps.counters.bytes += this.subBytes[row] ?? 0;
    this.deps.counters.errors++;
  }
}
