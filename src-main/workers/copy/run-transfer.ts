/** The copy and move job: refuse bad paths, count, transfer file by file, finish folders, report. */
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmdirSync,
  statfsSync,
  statSync,
  unlinkSync,
  utimesSync,
  type Stats,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import {
  MAX_REPORTED_PATHS,
  type Phase,
  type TransferFailure,
  type TransferResult,
} from '../../../src-shared/jobs';
import type { TransferJobSpec } from '../../../src-shared/worker-protocol';
import { JobError } from '../job-error';
import type { JobContext, JobOutcome } from '../worker-runtime';
import { checkTransferPaths, type CheckedPaths } from './check-paths';
import { freeName, isNewer, looksIdentical } from './conflict';
import { EntryList, Kind } from './entry-list';
import { errnoOf, failureCode, isNoSpace, messageOf } from './errno-codes';
import { asyncOps, syncOps } from './file-ops';
import {
  PART_MARKER,
  PlaceCancelled,
  VerifyMismatch,
  partName,
  placeFile,
  placeSymlink,
} from './place-entry';
import { TransferMeter, type TransferCounters } from './transfer-meter';
import { checksumLines, writeAtomically, writeReport, type FileStatus } from './transfer-report';
import { walkSource } from './walk-sources';
import { loadXxhash } from './xxhash';

/** Files from this size on are copied with async calls, so progress and cancel keep flowing meanwhile. */
const ASYNC_FROM_BYTES = 4 * 1024 * 1024;
/** Longest run of sync work before the event loop gets a turn (IPC, timers). */
const SLICE_MS = 10;
/** Another job's temporary files younger than this may still be in use, so they are left alone. */
const STALE_PART_MS = 10 * 60 * 1000;

/** Folder states on the destination side. */
const Dest = { Unknown: 0, Created: 1, Existing: 2, Failed: 3 } as const;

class Cancelled extends Error {}

/** Copy or move `spec.sources` into `spec.destination`. */
export async function runTransfer(spec: TransferJobSpec, context: JobContext): Promise<JobOutcome> {
  const paths = checkTransferPaths(spec);
  await loadXxhash();
  return new Transfer(spec, context, paths).run();
}

/** One job's state. */
class Transfer {
  private readonly startedAt = Date.now();
  private readonly meter = new TransferMeter(this.startedAt);
  private readonly list = new EntryList();
  private readonly counters: TransferCounters = {
    filesTotal: null,
    bytesTotal: null,
    files: 0,
    bytes: 0,
    dirs: 0,
    errors: 0,
    currentFile: null,
  };
  private readonly move: boolean;
  /** Hash source and copy: asked for, implied by a checksum file, and always on for a move that copies. */
  private readonly verify: boolean;
  private readonly sync = syncOps();
  private readonly async = asyncOps();
  private readonly destination: string;
  private destDev = 0;
  private phase: Phase = 'preparing';
  private sliceStart = Date.now();
  private lastEmitAt = 0;
  private lastEmitted = '';
  /** The large file being copied right now, so progress can show its partial bytes. */
  private inFlight: { part: string; size: number } | null = null;
  private destState: Uint8Array = new Uint8Array(0);
  private destRootState: number = Dest.Unknown;
  /** Names present in destination folders that existed before the job (only those can conflict). */
  private readonly existingNames = new Map<number, Set<string>>();
  /** Source folders each row lives in; same-filesystem sources that had to be merged move by rename. */
  private sameFs: boolean[] = [];
  private status: Uint8Array = new Uint8Array(0);
  private readonly hashes = new Map<number, string>();
  private readonly renamedTo = new Map<number, string>();
  private readonly failures: TransferFailure[] = [];
  private readonly leftInPlace: TransferFailure[] = [];
  private readonly wholeRenames: { source: string; destination: string }[] = [];
  private readonly tally = {
    filesCopied: 0,
    bytesCopied: 0,
    filesSkipped: 0,
    filesRenamed: 0,
    symlinks: 0,
    verified: 0,
    sourcesRemoved: 0,
  };

  constructor(
    private readonly spec: TransferJobSpec,
    private readonly context: JobContext,
    private readonly paths: CheckedPaths,
  ) {
    this.move = spec.kind === 'move';
    this.verify = spec.verify || spec.checksum_file || this.move;
    this.destination = paths.destination;
  }

  async run(): Promise<JobOutcome> {
    const timer = setInterval(() => this.emit(), this.spec.throttle_ms);
    this.context.pause.onChange(() => this.emit(true));
    let checksumPath: string | null = null;
    try {
      this.prepareDestination();
      this.emit(true);
      await this.prepare();
      this.phase = this.move ? 'moving' : 'copying';
      this.emit(true);
      await this.transferAll();
      this.phase = 'finalizing';
      this.emit(true);
      this.finishFolders();
      if (this.spec.checksum_file) checksumPath = this.writeChecksums();
    } catch (error) {
      clearInterval(timer);
      const cancelled = error instanceof Cancelled || this.context.signal.aborted;
      this.markUnfinished();
      this.saveReport(cancelled ? 'cancelled' : 'failed', messageOf(error), null);
      if (cancelled) throw new Error('Transfer cancelled.', { cause: error });
      throw error;
    }
    clearInterval(timer);
    const result = this.result(null);
    const final = this.meter.final(this.counters);
    result.checksum_file = checksumPath;
    this.saveReport('completed', null, checksumPath);
    return { progress: final, result };
  }

  // ---- setup -------------------------------------------------------------------------------------------

  /** Create the destination folder (and parents) when missing. */
  private prepareDestination(): void {
    let existed = true;
    try {
      const stats = statSync(this.destination);
      if (!stats.isDirectory()) {
        throw new JobError(`The destination is not a folder: ${this.destination}`, 'NOT_A_DIRECTORY');
      }
    } catch (error) {
      if (error instanceof JobError) throw error;
      existed = false;
      try {
        mkdirSync(this.destination, { recursive: true });
      } catch (mkdirError) {
        if (isNoSpace(mkdirError)) throw this.noSpace(mkdirError, this.destination);
        throw new JobError(
          `Cannot create the destination ${this.destination}: ${messageOf(mkdirError)}`,
          failureCode(mkdirError, false) === 'COPY_PERMISSION_ERROR'
            ? 'COPY_PERMISSION_ERROR'
            : 'COPY_IO_ERROR',
        );
      }
    }
    this.destRootState = existed ? Dest.Existing : Dest.Created;
    this.destDev = statSync(this.destination).dev;
  }

  /** The preparing phase: whole-source renames for same-filesystem moves are noted, everything else walked. */
  private async prepare(): Promise<void> {
    const walkCounts = { files: 0, bytes: 0, dirs: 0 };
    this.counters.filesTotal = 0;
    this.counters.bytesTotal = 0;
    const hooks = {
      counts: walkCounts,
      fail: (failure: TransferFailure) => this.fail(failure, true),
      checkpoint: () => {
        this.counters.filesTotal = walkCounts.files;
        this.counters.bytesTotal = walkCounts.bytes;
        return this.checkpoint();
      },
    };
    for (const [index, source] of this.paths.sources.entries()) {
      this.sameFs[index] = this.move && source.dev === this.destDev;
      const target = join(this.destination, source.name);
      if (this.sameFs[index] && !this.exists(target)) {
        await this.checkpoint();
        try {
          // Instant and atomic: the entry keeps its inode, nothing is copied or counted.
          renameSync(source.path, target);
          this.wholeRenames.push({ source: source.path, destination: target });
          continue;
        } catch (error) {
          if (errnoOf(error) !== 'EXDEV') {
            const message = `Cannot move ${source.path} to ${target}: ${messageOf(error)}`;
            this.fail({ path: source.path, code: failureCode(error, false), errno: errnoOf(error), message });
            this.leave(source.path, failureCode(error, false), errnoOf(error), message);
            continue;
          }
          // Same device number but another mount (a bind mount): copy and verify instead.
          this.sameFs[index] = false;
        }
      }
      await walkSource(this.list, source.path, source.name, index, hooks);
    }
    this.counters.filesTotal = walkCounts.files;
    this.counters.bytesTotal = walkCounts.bytes;
    this.status = new Uint8Array(this.list.length);
    this.destState = new Uint8Array(this.list.length);
  }

  // ---- the transfer ------------------------------------------------------------------------------------

  private async transferAll(): Promise<void> {
    const list = this.list;
    for (let row = 0; row < list.length; row++) {
      await this.checkpoint();
      const kind = list.kind[row];
      if (kind === Kind.Dir) this.makeFolder(row);
      else if (kind === Kind.File || kind === Kind.Symlink) await this.transferEntry(row);
    }
  }

  /** Between entries: let the event loop run now and then, wait while paused, stop when cancelled. */
  private async checkpoint(): Promise<void> {
    if (Date.now() - this.sliceStart >= SLICE_MS) {
      await yieldToLoop();
      this.sliceStart = Date.now();
    }
    if (this.context.pause.paused) {
      this.emit(true);
      await this.context.pause.wait(this.context.signal);
      this.sliceStart = Date.now();
      this.emit(true);
    }
    if (this.context.signal.aborted) throw new Cancelled('Transfer cancelled.');
    await this.keepToBandwidth();
  }

  /** With a bandwidth limit, wait until the bytes written so far are due (short sleeps, so pause and cancel land). */
  private async keepToBandwidth(): Promise<void> {
    const limit = this.spec.max_bytes_per_second;
    if (limit <= 0) return;
    let wait = this.startedAt + (this.counters.bytes / limit) * 1000 - Date.now();
    while (wait > 0 && !this.context.signal.aborted && !this.context.pause.paused) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 50)));
      wait = this.startedAt + (this.counters.bytes / limit) * 1000 - Date.now();
    }
    this.sliceStart = Date.now();
  }

  /** Create (or merge into) the destination folder of a source folder. */
  private makeFolder(row: number): void {
    const parentState = this.parentState(row);
    const target = this.destPath(row);
    if (parentState === Dest.Failed) {
      this.destState[row] = Dest.Failed;
      return;
    }
    try {
      mkdirSync(target, { mode: 0o700 });
      this.destState[row] = Dest.Created;
      this.counters.dirs++;
    } catch (error) {
      if (errnoOf(error) === 'EEXIST' && this.isDir(target)) {
        this.destState[row] = Dest.Existing;
        return;
      }
      if (isNoSpace(error)) throw this.noSpace(error, target);
      this.destState[row] = Dest.Failed;
      this.fail({
        path: this.sourcePath(row),
        code: failureCode(error, false),
        errno: errnoOf(error),
        message: `Cannot create folder ${target}: ${messageOf(error)}`,
      });
    }
  }

  /** Transfer one file or symlink under the conflict policy. */
  private async transferEntry(row: number): Promise<void> {
    const list = this.list;
    const source = this.sourcePath(row);
    const name = list.nameAt(row);
    const size = list.sizeAt(row);
    const parent = list.parentAt(row);
    const dir = parent < 0 ? this.destination : this.destPath(parent);
    this.counters.currentFile = source;
    try {
      if (this.parentState(row) === Dest.Failed) {
        this.fail({
          path: source,
          code: 'COPY_IO_ERROR',
          errno: 'ENOENT',
          message: `Not copied: its destination folder ${dir} could not be created.`,
        });
        return;
      }
      const existing = this.existingAt(parent, dir, name);
      let targetName = name;
      if (existing) {
        const decided = await this.resolveConflict(row, source, join(dir, name), existing);
        if (decided === null) return;
        targetName = decided;
      }
      if (this.move && this.sameFs[list.sourceAt(row)]) {
        // Same filesystem: a rename per entry, never a copy.
        renameSync(source, join(dir, targetName));
        this.done(row, targetName === name ? 'moved' : 'renamed', targetName, name);
        return;
      }
      const ops = size >= ASYNC_FROM_BYTES ? this.async : this.sync;
      const request = {
        source,
        dir,
        name: targetName,
        part: partName(targetName, this.spec.batch_id, row),
        atimeMs: list.atimeAt(row),
        mtimeMs: list.mtimeAt(row),
        verify: this.verify && list.kind[row] === Kind.File,
        signal: this.context.signal,
      };
      if (list.kind[row] === Kind.Symlink) {
        await placeSymlink(ops, request);
        this.tally.symlinks++;
      } else {
        if (ops === this.async) this.inFlight = { part: join(dir, request.part), size };
        try {
          const hash = await placeFile(ops, request);
          if (hash !== null) {
            this.hashes.set(row, hash);
            this.tally.verified++;
          }
        } finally {
          this.inFlight = null;
        }
      }
      if (this.move) this.removeSource(source);
      this.done(row, targetName === name ? (this.move ? 'moved' : 'copied') : 'renamed', targetName, name);
    } catch (error) {
      this.entryFailed(row, source, dir, error);
    } finally {
      this.counters.files++;
      this.counters.bytes += size;
    }
  }

  /**
   * Apply the policy to an existing destination entry. Returns the name to write to, or null when the
   * entry is settled (skipped or reported).
   */
  private async resolveConflict(
    row: number,
    source: string,
    target: string,
    existing: Stats,
  ): Promise<string | null> {
    const list = this.list;
    const name = list.nameAt(row);
    const parent = list.parentAt(row);
    const size = list.sizeAt(row);
    const mtimeMs = list.mtimeAt(row);
    const isLink = list.kind[row] === Kind.Symlink;
    switch (this.spec.policy) {
      case 'overwrite':
        return existing.isDirectory() ? this.conflict(row, source, target, 'is a folder') : name;
      case 'rename': {
        const renamed = freeName(
          name,
          (candidate) => this.existingAt(parent, dirname(target), candidate) !== null,
        );
        this.tally.filesRenamed++;
        return renamed;
      }
      case 'newer':
        if (existing.isDirectory()) return this.conflict(row, source, target, 'is a folder');
        if (isNewer(mtimeMs, existing)) return name;
        this.skipped(row, source, `the destination ${target} is as new or newer`);
        return null;
      case 'skip': {
        const same = isLink
          ? existing.isSymbolicLink() && this.sync.readlink(target) === this.sync.readlink(source)
          : looksIdentical(size, mtimeMs, existing);
        if (!same) {
          // A different file under the same name (or a truncated leftover from another tool) never counts as done.
          return this.conflict(row, source, target, 'differs in size or date');
        }
        if (this.verify && !isLink) {
          const ops = size >= ASYNC_FROM_BYTES ? this.async : this.sync;
          const [a, b] = [
            await ops.hash(source, this.context.signal),
            await ops.hash(target, this.context.signal),
          ];
          if (a !== b) {
            this.fail({
              path: source,
              code: 'VERIFY_MISMATCH',
              errno: 'EIO',
              message: `The existing ${target} has the same size and date but different content (xxh64 ${b}, source ${a}); left as is under policy skip.`,
            });
            if (this.move) this.leave(source, 'VERIFY_MISMATCH', 'EIO', 'the existing destination differs');
            this.status[row] = STATUS.failed;
            return null;
          }
          this.hashes.set(row, a);
          this.tally.verified++;
        }
        // Identical: counts as done. A move removes the source, whose copy is already there.
        this.tally.filesSkipped++;
        this.status[row] = STATUS.skipped;
        if (this.move) this.removeSource(source);
        return null;
      }
    }
  }

  /** A different entry holds the name: leave it, report it (and for a move, leave the source). */
  private conflict(row: number, source: string, target: string, why: string): null {
    const message = `Not ${this.move ? 'moved' : 'copied'}: ${target} already exists and ${why} (policy ${this.spec.policy}).`;
    this.fail({ path: source, code: 'COPY_IO_ERROR', errno: 'EEXIST', message });
    if (this.move) this.leave(source, 'COPY_IO_ERROR', 'EEXIST', message);
    this.status[row] = STATUS.failed;
    return null;
  }

  private skipped(row: number, source: string, why: string): void {
    this.tally.filesSkipped++;
    this.status[row] = STATUS.skipped;
    if (this.move)
      this.leave(source, 'COPY_IO_ERROR', 'EEXIST', `Left in place: ${why} (policy ${this.spec.policy}).`);
  }

  private done(row: number, status: FileStatus, targetName: string, name: string): void {
    this.status[row] = STATUS[status];
    // A later source name must see this one as taken (policy rename can write "a (1).ext" before it).
    this.existingNames.get(this.list.parentAt(row))?.add(targetName);
    if (targetName !== name) this.renamedTo.set(row, targetName);
    if (this.list.kind[row] === Kind.File) {
      this.tally.filesCopied++;
      this.tally.bytesCopied += this.list.sizeAt(row);
    }
  }

  /** A move deletes a source file only after its copy is in place (and verified, across filesystems). */
  private removeSource(source: string): void {
    try {
      unlinkSync(source);
      this.tally.sourcesRemoved++;
    } catch (error) {
      this.leave(
        source,
        failureCode(error, false),
        errnoOf(error),
        `Copied, but the source could not be removed: ${messageOf(error)}`,
      );
    }
  }

  private entryFailed(row: number, source: string, dir: string, error: unknown): void {
    if (error instanceof PlaceCancelled || this.context.signal.aborted)
      throw new Cancelled('Transfer cancelled.');
    if (isNoSpace(error)) throw this.noSpace(error, dir);
    this.status[row] = STATUS.failed;
    if (error instanceof VerifyMismatch) {
      this.fail({
        path: source,
        code: 'VERIFY_MISMATCH',
        errno: 'EIO',
        message: `${source}: ${error.message}`,
      });
      if (this.move) this.leave(source, 'VERIFY_MISMATCH', 'EIO', error.message);
      return;
    }
    const gone = !this.exists(source);
    const failure = {
      path: source,
      code: failureCode(error, gone),
      errno: errnoOf(error),
      message: gone ? `The source vanished before it could be copied: ${source}` : `${messageOf(error)}`,
    };
    this.fail(failure);
    if (this.move && !gone) this.leave(source, failure.code, failure.errno, failure.message);
  }

  /** Set folder modes and times once their contents are written (deepest first); a move removes empty sources. */
  private finishFolders(): void {
    const list = this.list;
    for (let row = list.length - 1; row >= 0; row--) {
      if (list.kind[row] !== Kind.Dir) continue;
      const state = this.destState[row];
      if (state === Dest.Created || state === Dest.Existing) {
        const target = this.destPath(row);
        try {
          chmodSync(target, list.modeAt(row));
          utimesSync(target, list.atimeAt(row) / 1000, list.mtimeAt(row) / 1000);
        } catch (error) {
          this.fail({
            path: target,
            code: failureCode(error, false),
            errno: errnoOf(error),
            message: `Cannot set the mode or times of ${target}: ${messageOf(error)}`,
          });
        }
      }
      if (this.move && state !== Dest.Failed) {
        try {
          rmdirSync(this.sourcePath(row));
        } catch {
          // Not empty: something was left in place, and is listed as such.
        }
      }
    }
  }

  // ---- destination lookups -----------------------------------------------------------------------------

  private parentState(row: number): number {
    const parent = this.list.parentAt(row);
    return parent < 0 ? this.destRootState : (this.destState[parent] ?? Dest.Failed);
  }

  /** lstat of `dir/name` when that folder existed before the job and holds the name; null otherwise. */
  private existingAt(parent: number, dir: string, name: string): Stats | null {
    const state = parent < 0 ? this.destRootState : this.destState[parent];
    // A folder this job created holds only what this job wrote, and source names are unique per folder.
    if (state !== Dest.Existing) return null;
    let names = this.existingNames.get(parent);
    if (!names) {
      names = this.readExisting(dir);
      this.existingNames.set(parent, names);
    }
    if (!names.has(name)) return null;
    try {
      return lstatSync(join(dir, name));
    } catch {
      return null;
    }
  }

  /** Names in a folder that existed before the job; stale temporary files found there are removed. */
  private readExisting(dir: string): Set<string> {
    const names = new Set<string>();
    for (const name of readdirSync(dir)) {
      if (name.includes(PART_MARKER) && this.isStalePart(join(dir, name), name)) {
        try {
          unlinkSync(join(dir, name));
        } catch {
          // Someone else removed it first.
        }
        continue;
      }
      names.add(name);
    }
    return names;
  }

  /** A temp file of this batch is always a leftover; another job's only once it has not changed in a while. */
  private isStalePart(path: string, name: string): boolean {
    if (name.includes(`${PART_MARKER}${this.spec.batch_id.replace(/[^A-Za-z0-9_-]/g, '_')}`)) return true;
    try {
      return Date.now() - lstatSync(path).ctimeMs > STALE_PART_MS;
    } catch {
      return false;
    }
  }

  private sourcePath(row: number): string {
    const source = this.paths.sources[this.list.sourceAt(row)];
    return join(dirname(source?.path ?? '/'), this.list.relative(row));
  }

  private destPath(row: number): string {
    return join(this.destination, this.list.relative(row));
  }

  private exists(path: string): boolean {
    try {
      lstatSync(path);
      return true;
    } catch {
      return false;
    }
  }

  private isDir(path: string): boolean {
    try {
      return lstatSync(path).isDirectory();
    } catch {
      return false;
    }
  }

  // ---- reporting ---------------------------------------------------------------------------------------

  private fail(failure: TransferFailure, counted = true): void {
    this.failures.push(failure);
    if (counted) this.counters.errors++;
  }

  private leave(path: string, code: TransferFailure['code'], errno: string, message: string): void {
    this.leftInPlace.push({ path, code, errno, message });
  }

  /** Send a snapshot when the throttle allows and something changed (or at once when `force`). */
  private emit(force = false): void {
    const now = Date.now();
    const phase: Phase = this.context.pause.paused && this.phase !== 'finalizing' ? 'paused' : this.phase;
    let counters = this.counters;
    if (this.inFlight) {
      // A large file in the kernel's hands: its temp file's size is how far the copy got.
      try {
        const partial = Math.min(this.inFlight.size, statSync(this.inFlight.part).size);
        counters = { ...counters, bytes: counters.bytes + partial };
      } catch {
        // Not created yet, or just renamed.
      }
    }
    const state = `${phase}|${counters.files}|${counters.bytes}|${counters.dirs}|${counters.errors}|${counters.filesTotal}|${counters.bytesTotal}`;
    if (state === this.lastEmitted) return;
    if (!force && now - this.lastEmitAt < this.spec.throttle_ms) return;
    this.lastEmitted = state;
    this.lastEmitAt = now;
    this.context.progress(this.meter.snapshot(phase, counters, now));
  }

  /** The job stops: the destination is full. Says where, how much is free and roughly how much is needed. */
  private noSpace(error: unknown, where: string): JobError {
    let free = 'unknown';
    try {
      const fs = statfsSync(this.destination);
      free = formatBytes(fs.bavail * fs.bsize);
    } catch {
      // Keep "unknown".
    }
    const needed = Math.max(0, (this.counters.bytesTotal ?? 0) - this.counters.bytes);
    return new JobError(
      `No space left on the destination ${this.destination} (${errnoOf(error)} writing in ${where}): ` +
        `about ${formatBytes(needed)} more is needed for the rest of the job, ${free} is free. ` +
        `Files already copied are complete; run the job again after making room.`,
      'NO_SPACE',
    );
  }

  /** Rows never reached (cancel or a fatal stop) are marked so the report says so. */
  private markUnfinished(): void {
    for (let row = 0; row < this.status.length; row++) {
      const kind = this.list.kind[row];
      if ((kind === Kind.File || kind === Kind.Symlink) && this.status[row] === STATUS.none) {
        this.status[row] = STATUS.cancelled;
      }
    }
  }

  private result(checksumPath: string | null): TransferResult {
    return {
      kind: this.spec.kind,
      sources: this.paths.sources.map((source) => source.path),
      destination: this.destination,
      policy: this.spec.policy,
      verify: this.verify,
      files_total: this.counters.filesTotal ?? 0,
      bytes_total: this.counters.bytesTotal ?? 0,
      files_copied: this.tally.filesCopied,
      bytes_copied: this.tally.bytesCopied,
      files_skipped: this.tally.filesSkipped,
      files_renamed: this.tally.filesRenamed,
      entries_renamed_in_place: this.wholeRenames.length,
      symlinks_copied: this.tally.symlinks,
      dirs_created: this.counters.dirs,
      verified_files: this.tally.verified,
      sources_removed: this.tally.sourcesRemoved,
      failed_count: this.failures.length,
      failures: this.failures.slice(0, MAX_REPORTED_PATHS),
      left_in_place: this.leftInPlace.slice(0, MAX_REPORTED_PATHS),
      report_path: this.spec.report_path,
      checksum_file: checksumPath,
      finished_at: new Date().toISOString(),
      duration_ms: Date.now() - this.startedAt,
    };
  }

  private saveReport(
    state: 'completed' | 'cancelled' | 'failed',
    error: string | null,
    checksumPath: string | null,
  ): void {
    const list = this.list;
    const files = [];
    for (let row = 0; row < list.length; row++) {
      const kind = list.kind[row];
      if (kind !== Kind.File && kind !== Kind.Symlink) continue;
      const path = list.relative(row);
      const renamed = this.renamedTo.get(row);
      const hash = this.hashes.get(row);
      files.push({
        path,
        status: STATUS_NAMES[this.status[row] ?? 0] ?? 'cancelled',
        size: list.sizeAt(row),
        ...(renamed === undefined ? {} : { destination: join(dirname(path), renamed) }),
        ...(hash === undefined ? {} : { xxh64: hash }),
      });
    }
    try {
      writeReport(this.spec.report_path, {
        version: 1,
        batch_id: this.spec.batch_id,
        state,
        error,
        result: this.result(checksumPath),
        failures: this.failures,
        left_in_place: this.leftInPlace,
        renamed_in_place: this.wholeRenames,
        files,
      });
    } catch (writeError) {
      if (state === 'completed') {
        throw new JobError(
          `Cannot write the report ${this.spec.report_path}: ${messageOf(writeError)}`,
          'COPY_IO_ERROR',
        );
      }
    }
  }

  /** `<destination>/.wrangle-<batch>.xxh64`, paths relative to the destination (`xxh64sum -c` from there). */
  private writeChecksums(): string {
    const rows: { path: string; xxh64: string }[] = [];
    for (const [row, hash] of this.hashes) {
      const path = this.list.relative(row);
      const renamed = this.renamedTo.get(row);
      rows.push({ path: renamed === undefined ? path : join(dirname(path), renamed), xxh64: hash });
    }
    const path = join(
      this.destination,
      `.wrangle-${this.spec.batch_id.replace(/[^A-Za-z0-9_-]/g, '_')}.xxh64`,
    );
    writeAtomically(path, checksumLines(rows));
    return path;
  }
}

const STATUS_NAMES: readonly FileStatus[] = [
  'cancelled',
  'copied',
  'renamed',
  'skipped',
  'failed',
  'moved',
  'left_in_place',
  'cancelled',
];
const STATUS = {
  none: 0,
  copied: 1,
  renamed: 2,
  skipped: 3,
  failed: 4,
  moved: 5,
  left_in_place: 6,
  cancelled: 7,
} as const;

function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]} (${bytes} bytes)`;
}
