/**
 * The destination side of a transfer: every folder it writes into, created or found, opened below the
 * destination root without following symlinks and checked by identity each time it is opened. Also the
 * names in each folder (what was there, and what this job wrote) and the temporary files of dead jobs.
 */
import type { ErrorCode } from '../../src-shared/jobs';
import {
  EntryKind,
  STAT_FIELDS,
  Stat,
  nameKey,
  nameText,
  type FsBackend,
  type FsName,
  type Listing,
  type Times,
} from './fs-backend';
import { Errno, errnoName, isNoSpaceErrno, isPermissionErrno } from '../../src-node/errno';
import type { OutcomeLedger } from './outcome-ledger';
import { ownerState, parseTempName } from './temp-names';

/** How a destination folder came to be. */
export type FolderState = 'created' | 'existing' | 'failed';

/** One destination folder. */
export interface DestFolder {
  key: string;
  /** Path relative to the destination root. */
  rel: FsName;
  /** For messages. */
  path: string;
  state: FolderState;
  dev: number;
  ino: number;
  /** The source folder's mode and times, given to a folder this job created (at the end). */
  mode: number;
  times: Times | null;
  /** What the folder held when the job first listed it (name key → row in `listing`). */
  existing: Map<string, number> | null;
  listing: Listing | null;
  /** Names this job wrote (or is writing) here, while more may be written into it. */
  reserved: Set<string>;
  /** Everything in it was put there by this job (a folder it moved in whole): nothing in it is "already there". */
  ours: boolean;
  /** Folders this job moved into it whole (by one rename). */
  placed: Set<string>;
  /** Why it failed, for the files that would have gone in. */
  failure: { code: ErrorCode; errno: string; cause: string } | null;
}

/** A folder problem, as errno name and words. */
export type FolderProblem = NonNullable<DestFolder['failure']>;

/** The destination root and the folders below it. */
export class DestIndex {
  private readonly folders = new Map<string, DestFolder>();
  private readonly stat = new Float64Array(STAT_FIELDS);
  private readonly euid = process.geteuid?.() ?? -1;

  constructor(
    private readonly backend: FsBackend,
    /** Descriptor of the destination root (the user's folder: never changed by the job). */
    readonly rootFd: number,
    readonly rootPath: string,
    private readonly ledger: OutcomeLedger,
  ) {
    const root: DestFolder = this.blank('', '', rootPath);
    root.state = 'existing';
    if (backend.fstat(rootFd, this.stat) === 0) {
      root.dev = this.stat[Stat.dev] ?? 0;
      root.ino = this.stat[Stat.ino] ?? 0;
    }
    this.folders.set('', root);
  }

  /** The destination root's entry. */
  get root(): DestFolder {
    return this.folders.get('') as DestFolder;
  }

  get(key: string): DestFolder | undefined {
    return this.folders.get(key);
  }

  /** Every folder this job created, deepest last. */
  created(): DestFolder[] {
    return [...this.folders.values()].filter((folder) => folder.state === 'created');
  }

  /**
   * Make sure the folder `name` exists in `parent` and open it: create it (private until its contents are in),
   * or use the one that is there. Resolves to an open descriptor, or the folder records why it cannot be used.
   */
  ensure(
    parent: DestFolder,
    name: FsName,
    source: { mode: number; times: Times; dev: number; ino: number },
  ): { folder: DestFolder; fd: number } {
    const rel: FsName = parent.rel === '' ? name : joinRel(parent.rel, name);
    const key = parent.key === '' ? nameKey(name) : `${parent.key}/${nameKey(name)}`;
    const known = this.folders.get(key);
    if (known) {
      // A second source folder of the same name merges into it.
      const fd = known.state === 'failed' ? -1 : this.open(known);
      return { folder: known, fd };
    }
    const folder = this.blank(key, rel, `${this.rootPath}/${nameText(rel)}`);
    folder.mode = source.mode;
    folder.times = source.times;
    this.folders.set(key, folder);
    parent.reserved.add(nameKey(name));
    const parentFd = this.open(parent);
    if (parentFd < 0) return this.failed(folder, parent.failure ?? changed());
    try {
      // Owner rwx while the job fills it; the source's exact mode comes at the end (also on cancel).
      const made = this.backend.mkdirAt(parentFd, name, 0o700);
      if (made !== 0 && made !== Errno.EEXIST) return this.failed(folder, mkdirProblem(made));
      const fd = this.backend.openBeneath(parentFd, name);
      // What is in the way of a folder we just made was swapped in after we made it.
      if (fd < 0) return this.failed(folder, made === 0 ? changed() : inTheWay(-fd));
      if (this.backend.fstat(fd, this.stat) !== 0) {
        this.backend.close(fd);
        return this.failed(folder, changed());
      }
      folder.dev = this.stat[Stat.dev] ?? 0;
      folder.ino = this.stat[Stat.ino] ?? 0;
      if (folder.dev === source.dev && folder.ino === source.ino) {
        this.backend.close(fd);
        return this.failed(folder, {
          code: 'SAME_PATH',
          errno: 'EEXIST',
          cause: `${folder.path} is the source folder itself (reached by another path)`,
        });
      }
      if (made === 0) {
        // We just made it: anything else there now (another owner) was swapped in.
        if (this.euid >= 0 && this.stat[Stat.uid] !== this.euid) {
          this.backend.close(fd);
          return this.failed(folder, changed());
        }
        folder.state = 'created';
        this.ledger.tally.dirsCreated++;
        this.backend.setFdAttrs(fd, source.mode | 0o700, source.times);
      } else {
        folder.state = 'existing';
        folder.ours = parent.ours || parent.placed.has(nameKey(name));
      }
      return { folder, fd };
    } finally {
      this.backend.close(parentFd);
    }
  }

  /**
   * Open a known folder again, checking it is still the very folder (a symlink or another folder swapped in
   * meanwhile is refused). -1 when it cannot be used; its `failure` says why.
   */
  open(folder: DestFolder): number {
    if (folder.state === 'failed') return -1;
    const fd =
      folder.key === ''
        ? this.backend.openBeneath(this.rootFd, '')
        : this.backend.openBeneath(this.rootFd, folder.rel);
    if (fd < 0) {
      folder.failure = changed();
      return -1;
    }
    if (
      this.backend.fstat(fd, this.stat) !== 0 ||
      this.stat[Stat.dev] !== folder.dev ||
      this.stat[Stat.ino] !== folder.ino
    ) {
      this.backend.close(fd);
      folder.failure = changed();
      return -1;
    }
    return fd;
  }

  /**
   * What `folder` held before this job wrote into it (listed once). Temporary files of dead Wrangle jobs are
   * removed on the way, and reported.
   */
  existingNames(folder: DestFolder, fd: number): Map<string, number> {
    if (folder.existing) return folder.existing;
    const names = new Map<string, number>();
    folder.existing = names;
    if (folder.state === 'created' && folder.reserved.size === 0) return names;
    const listing = this.backend.listAt(fd);
    if (typeof listing === 'number') return names;
    folder.listing = listing;
    listing.names.forEach((name, row) => {
      if (this.isDeadTemp(listing, row, name) && this.backend.unlinkAt(fd, name, false) === 0) {
        this.ledger.removedTemp(`${folder.path}/${nameText(name)}`);
        return;
      }
      names.set(nameKey(name), row);
    });
    return names;
  }

  /** This job moved `name` into `parent` whole: it and everything in it count as written by this job. */
  placedWhole(parent: DestFolder, name: FsName): void {
    parent.reserved.add(nameKey(name));
    parent.placed.add(nameKey(name));
  }

  /**
   * Drop what a folder held when listed. `done`: nothing more will be written into it (each source has a
   * name of its own, so no later source merges into it), and the names this job wrote can go too: a job
   * of a million files would otherwise keep a million names to the end.
   */
  forgetListing(folder: DestFolder, done = false): void {
    folder.existing = null;
    folder.listing = null;
    if (done && folder.rel !== '') folder.reserved = new Set();
  }

  /** The stat row of `name` in the folder's listing (for conflict decisions). */
  statOf(folder: DestFolder, row: number): Float64Array {
    const stats = folder.listing?.stats ?? new Float64Array(STAT_FIELDS);
    return stats.subarray(row * STAT_FIELDS, row * STAT_FIELDS + STAT_FIELDS);
  }

  /** Exactly one of our temporary names, a regular file of ours, whose writer has ended. */
  private isDeadTemp(listing: Listing, row: number, name: FsName): boolean {
    if (typeof name !== 'string') return false;
    const owner = parseTempName(name);
    if (!owner) return false;
    const base = row * STAT_FIELDS;
    if (listing.stats[base + Stat.kind] !== EntryKind.File) return false;
    if (this.euid >= 0 && listing.stats[base + Stat.uid] !== this.euid) return false;
    return ownerState(owner) === 'dead';
  }

  /** Give each folder this job created its source's mode and times, deepest first (after their contents). */
  finishCreated(): void {
    const created = this.created().sort((a, b) => depth(b.rel) - depth(a.rel));
    for (const folder of created) {
      const fd = this.open(folder);
      if (fd < 0 || !folder.times) {
        if (fd < 0) {
          const problem = folder.failure ?? changed();
          this.ledger.fail({ path: folder.path, ...problem }, { folder: true });
        }
        continue;
      }
      const err = this.backend.setFdAttrs(fd, folder.mode, folder.times);
      this.backend.close(fd);
      if (err !== 0) {
        this.ledger.fail({
          path: folder.path,
          code: 'COPY_IO_ERROR',
          errno: errnoName(err),
          cause: `Cannot set the mode or times of the folder (${errnoName(err)})`,
        });
      }
    }
  }

  private blank(key: string, rel: FsName, path: string): DestFolder {
    return {
      key,
      rel,
      path,
      state: 'failed',
      dev: -1,
      ino: -1,
      mode: 0o755,
      times: null,
      existing: null,
      listing: null,
      reserved: new Set(),
      ours: false,
      placed: new Set(),
      failure: null,
    };
  }

  private failed(folder: DestFolder, problem: FolderProblem): { folder: DestFolder; fd: number } {
    folder.state = 'failed';
    folder.failure = problem;
    return { folder, fd: -1 };
  }
}

function joinRel(parent: FsName, name: FsName): FsName {
  if (typeof parent === 'string' && typeof name === 'string') return `${parent}/${name}`;
  return Buffer.concat([Buffer.from(parent), Buffer.from('/'), Buffer.from(name)]);
}

function depth(rel: FsName): number {
  let count = 0;
  for (const byte of Buffer.from(rel)) if (byte === 0x2f) count++;
  return count;
}

function changed(): FolderProblem {
  return {
    code: 'DESTINATION_CHANGED',
    errno: 'ELOOP',
    cause:
      'The destination folder was replaced or moved while the job ran (a symlink or another folder is there now); nothing was written through it',
  };
}

function inTheWay(errno: number): FolderProblem {
  if (errno === Errno.ENOTDIR)
    return {
      code: 'CONFLICT',
      errno: 'ENOTDIR',
      cause: 'A file of the same name is in the way of this folder at the destination',
    };
  if (errno === Errno.ELOOP)
    return {
      code: 'CONFLICT',
      errno: 'ELOOP',
      cause: 'A symlink of the same name is in the way of this folder at the destination (never followed)',
    };
  return mkdirProblem(errno);
}

function mkdirProblem(errno: number): FolderProblem {
  const name = errnoName(errno);
  if (isNoSpaceErrno(errno))
    return { code: 'NO_SPACE', errno: name, cause: 'No space left to create the folder at the destination' };
  const permission = isPermissionErrno(errno);
  return {
    code: permission ? 'COPY_PERMISSION_ERROR' : 'COPY_IO_ERROR',
    errno: name,
    cause: `Cannot create the folder at the destination (${name})`,
  };
}
