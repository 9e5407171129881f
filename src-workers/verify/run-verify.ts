/**
 * The verify job: choose the reference (ASC MHL history, else checksum files), count the files, read each
 * once hashing it in every format it is compared in, then list what is missing, recompute the directory
 * hashes, and (with `record`) append a generation. Cancelled, it reports what it checked and writes nothing.
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { HASH_FORMATS, type HashFormat } from '../../src-shared/hash-formats';
import type { Phase } from '../../src-shared/jobs';
import type { DirectoryHashMismatch } from '../../src-shared/verify';
import type { VerifyJobSpec } from '../../src-shared/worker-protocol';
import { TransferMeter, freshCounters, type TransferCounters } from '../transfer/transfer-meter';
import { loadHashing } from '../hashing/hasher';
import { dueAt } from '../pacing';
import { ProgressEmitter } from '../progress-emitter';
import type { JobContext, JobOutcome } from '../worker-runtime';
import { DirectoryCheck } from './directory-check';
import type { ExpectedHashes } from './expected-hashes';
import { recordGeneration, type GenerationEntry } from './generation';
import { CHUNK_BYTES, hashFile, ReadCancelled } from './hash-file';
import { writeHandover } from './handover';
import { loadReference } from './reference';
import { VerifyReportWriter, type VerifyReportRow } from './verify-report';
import { verifyResult } from './verify-result';
import { firstMismatch, formatsFor, VerifyTally } from './verify-tally';
import { walkFolder, type FoundFile } from './walk-folder';

/** Verify `spec.root`. */
export async function runVerify(spec: VerifyJobSpec, context: JobContext): Promise<JobOutcome> {
  const { root, reference } = await loadReference(spec.root);
  await loadHashing();
  return new Verification(spec, root, reference, context).run();
}

/** A file as planned: what it is compared with, and what it is hashed in (nothing: not read). */
interface Planned {
  file: FoundFile;
  expected: ReturnType<ExpectedHashes['lookup']>;
  formats: HashFormat[];
  /** One of the reference's own files (a checksum file): not checked, only recorded. */
  sidecar: boolean;
}

function union(...lists: (readonly HashFormat[])[]): HashFormat[] {
  return HASH_FORMATS.filter((format) => lists.some((list) => list.includes(format)));
}

/** One job's state. */
class Verification {
  private readonly startedAt = Date.now();
  private readonly meter = new TransferMeter(this.startedAt);
  private readonly counters: TransferCounters = freshCounters();
  private readonly emitter: ProgressEmitter;
  private readonly tally = new VerifyTally();
  private readonly compared = new Set<HashFormat>();
  private phase: Phase = 'preparing';
  /** The bandwidth limit's clock: bytes read since `paceEpoch` (restarted after a pause). */
  private paceEpoch = Date.now();
  private pacedBytes = 0;
  /** Bytes read of the file being read. */
  private fileBytes = 0;

  constructor(
    private readonly spec: VerifyJobSpec,
    private readonly root: string,
    private readonly reference: ExpectedHashes,
    private readonly context: JobContext,
  ) {
    this.emitter = new ProgressEmitter(spec.throttle_ms, context.progress);
    context.pause.onChange((paused) => {
      if (!paused) this.restartPacing();
      this.emit(true);
    });
  }

  async run(): Promise<JobOutcome> {
    const { signal } = this.context;
    this.emit(true);
    const listing = await walkFolder(this.root, {
      ignores: (rel, isDir) => this.reference.ignores(rel, isDir),
      listed: (rel) => this.reference.lookup(rel) !== null,
      signal,
      beforeFolder: () => this.context.pause.wait(signal),
      onFound: (files, bytes, dirs) => {
        Object.assign(this.counters, { files, bytes, dirs });
        this.emit();
      },
    });

    const dirCheck = this.reference.directories ? new DirectoryCheck(this.reference.directories) : null;
    // A generation states every file in the formats its folder hashes are made in.
    const generationFormats = this.spec.record
      ? union(this.reference.directories?.formats ?? [], this.reference.formats)
      : [];
    const extra = union(dirCheck?.formats ?? [], generationFormats);
    const sidecars = this.reference.sidecars ?? new Set<string>();
    const plan: Planned[] = [];
    for (const file of listing.files) {
      if (sidecars.has(file.rel)) {
        // The checksum files themselves: only a recorded generation states them (as original).
        if (generationFormats.length > 0)
          plan.push({ file, expected: null, formats: generationFormats, sidecar: true });
        continue;
      }
      const expected = this.reference.lookup(file.rel);
      plan.push({ file, expected, formats: union(formatsFor(expected, []), extra), sidecar: false });
    }
    const toRead = plan.filter((item) => item.formats.length > 0);
    this.phase = 'verifying';
    Object.assign(this.counters, {
      filesTotal: toRead.length,
      bytesTotal: toRead.reduce((sum, item) => sum + item.file.size, 0),
      files: 0,
      bytes: 0,
    });
    this.restartPacing();
    this.emit(true);

    const report = new VerifyReportWriter(this.spec.report_path, {
      batch_id: this.spec.batch_id,
      root: this.root,
      source: this.reference.source,
      source_files: this.reference.sourceFiles,
    });
    const entries: GenerationEntry[] = [];
    for (const entry of listing.unreadable) {
      this.tally.unreadableEntry(entry);
      dirCheck?.markDirty(entry.path, true);
      report.row({
        path: entry.path,
        status: 'unreadable',
        size: null,
        expected: null,
        actual: null,
        detail: entry.message,
      });
    }
    const buffer = new Uint8Array(CHUNK_BYTES);
    for (const item of plan) {
      if (signal.aborted) break;
      const row = await this.check(item, buffer, entries, dirCheck);
      if (row) report.row(row);
    }

    const found = new Set(listing.files.map((file) => file.rel));
    const skipped = new Set(listing.skipped);
    const unreadable = new Set(listing.unreadable.map((entry) => entry.path));
    if (!signal.aborted) {
      for (const path of this.reference.paths()) {
        if (found.has(path) || unreadable.has(path)) continue;
        dirCheck?.markDirty(path);
        if (skipped.has(path)) {
          const message =
            'It is no longer a regular file (a symlink or a special file now); it was not read.';
          this.tally.unreadableEntry({ path, errno: 'EINVAL', message });
          report.row({
            path,
            status: 'unreadable',
            size: null,
            expected: this.reference.lookup(path),
            actual: null,
            detail: message,
          });
          continue;
        }
        this.tally.missingFile(path);
        report.row({
          path,
          status: 'missing',
          size: null,
          expected: this.reference.lookup(path),
          actual: null,
        });
      }
    }
    this.counters.currentFile = null;
    this.phase = 'finalizing';
    this.emit(true);

    let directories = null;
    let directoryMismatches: DirectoryHashMismatch[] = [];
    if (dirCheck && !signal.aborted) {
      const outcome = dirCheck.finish(listing.dirs);
      directories = outcome.check;
      directoryMismatches = outcome.mismatches;
    }
    let generation: string | null = null;
    let generationError: string | null = null;
    if (this.spec.record) {
      if (signal.aborted) generationError = 'Cancelled before the end: no generation was recorded.';
      else {
        try {
          generation = await recordGeneration(this.root, {
            formats: generationFormats,
            entries,
            dirs: listing.dirs,
            // Folder hashes only when every file is in the generation.
            complete: this.tally.unreadableCount === 0,
          });
        } catch (error) {
          generationError = `No generation was recorded: ${(error as Error).message}`;
        }
      }
    }
    const parts = {
      root: this.root,
      record: this.spec.record,
      reference: this.reference,
      compared: this.compared,
      bytesTotal: this.counters.bytesTotal ?? 0,
      directories,
      generation,
      generationError,
      reportPath: this.spec.report_path,
      startedAt: this.startedAt,
    };
    const state = signal.aborted ? 'cancelled' : 'completed';
    report.closeRows();
    const provisional = verifyResult(this.tally, { ...parts, reportHtml: null, reportCsv: null });
    const handover = await writeHandover(
      this.spec.report_path,
      this.spec.batch_id,
      state,
      provisional,
      report.rows(),
    );
    const warnings = [...this.reference.warnings];
    if ('error' in handover) warnings.push(handover.error);
    const result = verifyResult(this.tally, {
      ...parts,
      reference: { ...this.reference, warnings },
      reportHtml: 'html' in handover ? handover.html : null,
      reportCsv: 'csv' in handover ? handover.csv : null,
    });
    const written = report.complete({ state, result, warnings, directory_mismatches: directoryMismatches });
    if (!written) throw new Error(`Could not write the report ${this.spec.report_path}.`);
    this.counters.errors = this.tally.failed;
    return { progress: this.meter.final(this.counters), result };
  }

  /** Read and compare one file; its report row, or null (a cancel stopped it part-way, or a sidecar). */
  private async check(
    item: Planned,
    buffer: Uint8Array,
    entries: GenerationEntry[],
    dirCheck: DirectoryCheck | null,
  ): Promise<VerifyReportRow | null> {
    const { file, expected, formats } = item;
    const base = { path: file.rel, size: file.size, expected };
    if (formats.length === 0) {
      this.tally.newFile(file.rel);
      dirCheck?.markDirty(file.rel);
      return { ...base, status: 'new', actual: null };
    }
    this.counters.currentFile = join(this.root, file.rel);
    this.fileBytes = 0;
    this.emit();
    let hash;
    try {
      hash = await hashFile(join(this.root, file.rel), formats, buffer, {
        signal: this.context.signal,
        pause: this.context.pause,
        onBytes: (bytes) => this.onBytes(bytes),
      });
    } catch (error) {
      if (error instanceof ReadCancelled) return null;
      const errno = (error as NodeJS.ErrnoException).code ?? 'EIO';
      const message = `It could not be read: ${(error as Error).message}`;
      this.tally.unreadableEntry({ path: file.rel, errno, message });
      dirCheck?.markDirty(file.rel);
      this.settleFile(file);
      return { ...base, status: 'unreadable', actual: null, detail: message };
    }
    const entry = { path: file.rel, size: hash.bytes, mtimeMs: file.mtimeMs, hashes: hash.values };
    if (item.sidecar) {
      this.settleFile(file);
      entries.push({ ...entry, action: 'original' });
      return null;
    }
    this.tally.read(hash.bytes, hash.cacheDropped);
    this.settleFile(file);
    dirCheck?.addFile(file.rel, hash.values);
    if (!expected) {
      this.tally.newFile(file.rel);
      dirCheck?.markDirty(file.rel);
      entries.push({ ...entry, action: 'original' });
      return { ...base, status: 'new', actual: hash.values };
    }
    for (const format of formatsFor(expected, [])) this.compared.add(format);
    const mismatch = firstMismatch(expected, hash.values);
    if (mismatch) {
      this.tally.changedFile(file.rel, hash.bytes, mismatch);
      dirCheck?.markDirty(file.rel);
      entries.push({ ...entry, action: 'failed' });
      return {
        ...base,
        status: 'changed',
        actual: hash.values,
        detail: `${mismatch.format} was ${mismatch.expected}, is ${mismatch.actual}`,
      };
    }
    this.tally.verifiedFile();
    entries.push({ ...entry, action: 'verified' });
    return { ...base, status: 'verified', actual: hash.values };
  }

  /** A file is done: the byte count moves to its listed size (it may have been read shorter or longer). */
  private settleFile(file: FoundFile): void {
    this.counters.bytes += file.size - this.fileBytes;
    this.counters.files++;
    this.counters.errors = this.tally.failed;
    this.emit();
  }

  private async onBytes(bytes: number): Promise<void> {
    this.fileBytes += bytes;
    this.counters.bytes += bytes;
    this.counters.written += bytes;
    this.emit();
    const limit = this.spec.max_bytes_per_second;
    if (limit <= 0) return;
    this.pacedBytes += bytes;
    const due = dueAt(this.paceEpoch, this.pacedBytes, limit);
    // In slices, so a cancel or a pause lands at once.
    while (!this.context.signal.aborted && !this.context.pause.paused && Date.now() < due)
      await sleep(Math.min(50, due - Date.now()));
  }

  private restartPacing(): void {
    this.paceEpoch = Date.now();
    this.pacedBytes = 0;
  }

  private emit(force = false): void {
    const phase: Phase = this.context.pause.paused ? 'paused' : this.phase;
    const { files, bytes, errors, currentFile } = this.counters;
    this.emitter.offer(
      `${phase}:${files}:${bytes}:${errors}:${currentFile}`,
      (now) => this.meter.snapshot(phase, this.counters, now),
      force,
    );
  }
}
