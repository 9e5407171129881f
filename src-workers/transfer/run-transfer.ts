/**
 * The copy and move job, phase by phase: preflight, preparing (counting and the space check, see
 * transfer-setup.ts), the copying pass, finishing folders, the report. Whatever the ending (done, cancelled,
 * failed), folders it created get their modes and the result says what was done.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Phase } from '../../src-shared/jobs';
import type { TransferJobSpec } from '../../src-shared/worker-protocol';
import {
  PreflightRefusal,
  preflightTransfer,
  type PreflightResult,
} from '../../src-node/preflight/transfer-preflight';
import { collectGarbage } from '../collect-garbage';
import { JobCancelled, JobError } from '../../src-node/job-error';
import { ProgressEmitter } from '../progress-emitter';
import type { JobContext, JobOutcome } from '../worker-runtime';
import { ADDON_PATH, chooseBackend } from './backend-choice';
import { HASH_FORMATS, formatMask, type HashFormat } from '../../src-shared/hash-formats';
import { handoverPaths, writeHandoverReports } from '../reports';
import { DestinationTally } from './destination-tally';
import { TransferRecorder } from './file-recorder';
import { ControlBlock } from './control-block';
import { CopyPass } from './copy-pass';
import { EntryKind, Stat, type FsBackend } from './fs-backend';
import { LanePool } from './lane-pool';
import { OutcomeLedger } from './outcome-ledger';
import { ReportWriter } from './report-writer';
import type { PlanTotals } from './source-plan';
import { currentOwner, tempTag } from './temp-names';
import { TransferMeter, freshCounters, type TransferCounters } from './transfer-meter';
import { progressTally, reportTail, transferResult } from './transfer-result';
import { setUpTransfer, type Setup } from './transfer-setup';

/** Longest run of work before the event loop gets a turn (progress, pause and cancel messages). */
const SLICE_MS = 10;

class Cancelled extends Error {}

/** Copy or move `spec.sources` into `spec.destination`. */
export async function runTransfer(spec: TransferJobSpec, context: JobContext): Promise<JobOutcome> {
  let checked: PreflightResult;
  try {
    checked = await preflightTransfer(spec.kind, spec);
  } catch (error) {
    if (error instanceof PreflightRefusal) throw new JobError(error.message, error.code);
    throw error;
  }
  mkdirSync(dirname(spec.report_path), { recursive: true });
  const { backend, fallbackReason } = await chooseBackend(spec.engine);
  if (backend.kind === 'node' && needsNative(spec)) {
    throw new JobError(
      `Copies to several destinations, hash formats other than xxh64 and ASC MHL histories need the native file engine${fallbackReason ? `, which did not load (${fallbackReason})` : ''}. Rebuild it with "npm run build:native", or copy to one destination with xxh64.`,
      'INTERNAL_ERROR',
    );
  }
  return new Transfer(spec, context, checked, backend, fallbackReason).run();
}

/** What only the native engine does: one read to several places, every hash format, histories. */
function needsNative(spec: TransferJobSpec): boolean {
  return spec.also.length > 0 || spec.mhl || spec.hashes.some((format) => format !== 'xxh64');
}

/** One job's state. */
class Transfer {
  private readonly startedAt = Date.now();
  private readonly meter = new TransferMeter(this.startedAt);
  private readonly counters: TransferCounters = freshCounters();
  private readonly control = ControlBlock.shared();
  private readonly ledger = new OutcomeLedger();
  private readonly report: ReportWriter;
  private readonly emitter: ProgressEmitter;
  private readonly renamedWhole: { source: string; destination: string }[] = [];
  private readonly move: boolean;
  /** Hash source and copy: asked for, implied by a checksum file, always on for a move. */
  private readonly verify: boolean;
  private phase: Phase = 'preparing';
  private sliceStart = Date.now();
  private setup: Setup | null = null;
  private pool: LanePool | null = null;
  private pass: CopyPass | null = null;
  private readonly recorder: TransferRecorder;
  private readonly tallies: DestinationTally[];
  private hashFormats: HashFormat[];
  private closed = false;

  constructor(
    private readonly spec: TransferJobSpec,
    private readonly context: JobContext,
    private readonly checked: PreflightResult,
    private readonly backend: FsBackend,
    private readonly fallbackReason: string | null,
  ) {
    this.move = spec.kind === 'move';
    this.verify = spec.verify || spec.checksum_file || this.move;
    // A checksum file is xxh64 whatever else was chosen.
    this.hashFormats =
      spec.checksum_file && !spec.hashes.includes('xxh64') ? [...spec.hashes, 'xxh64'] : spec.hashes;
    this.tallies = checked.destinations.map((each) => new DestinationTally(each.destination));
    // Each copy is read back once when verifying: that much more work per source byte.
    this.counters.checkFactor = this.verify ? checked.destinations.length : 0;
    this.recorder = new TransferRecorder(spec, checked, this.tallies, (failure) => {
      this.ledger.fail(failure);
      this.counters.errors++;
    });
    this.report = new ReportWriter(spec.report_path, {
      batch_id: spec.batch_id,
      kind: spec.kind,
      sources: checked.sources.map((source) => source.path),
      destination: checked.destination,
      destinations: checked.destinations.map((each) => each.destination),
      hashes: spec.hashes,
      verify: this.verify,
      mhl: spec.mhl,
      started_at: new Date(this.startedAt).toISOString(),
    });
    this.emitter = new ProgressEmitter(spec.throttle_ms, (progress) => context.progress(progress));
    backend.setTempTag(tempTag(currentOwner()));
  }

  async run(): Promise<JobOutcome> {
    const timer = setInterval(() => this.emit(), this.spec.throttle_ms);
    this.context.pause.onChange((paused) => {
      if (paused) this.control.pause();
      else this.control.resume();
      this.emit(true);
    });
    const onAbort = (): void => this.control.cancel();
    this.context.signal.addEventListener('abort', onAbort, { once: true });
    this.control.setLimit(this.spec.max_bytes_per_second);
    try {
      this.emit(true);
      if (this.spec.mhl) {
        // Every file is checked against its source history as it is read: compute the formats it holds too.
        const formats = new Set([...this.hashFormats, ...(await this.recorder.readSourceHistories())]);
        this.hashFormats = HASH_FORMATS.filter((format) => formats.has(format));
      }
      this.setup = await setUpTransfer({
        spec: this.spec,
        checked: this.checked,
        backend: this.backend,
        ledger: this.ledger,
        renamedWhole: this.renamedWhole,
        checkpoint: (partial) => this.countCheckpoint(partial),
      });
      // Sources a same-filesystem move renamed whole are done already: in the totals, and counted as done.
      const { filesRenamedInPlace, bytesRenamedInPlace } = this.ledger.tally;
      this.counters.files += filesRenamedInPlace;
      this.counters.bytes += bytesRenamedInPlace;
      this.setTotals({
        ...this.setup.totals,
        files: this.setup.totals.files + filesRenamedInPlace,
        bytes: this.setup.totals.bytes + bytesRenamedInPlace,
      });
      this.phase = this.move ? 'moving' : 'copying';
      this.emit(true);
      await this.copy(this.setup);
      // A cancel that landed while the last files were in the threads' hands.
      if (this.context.signal.aborted) throw new Cancelled('Transfer cancelled.');
      this.phase = 'finalizing';
      this.emit(true);
      for (const dest of this.setup.dests) dest.finishCreated();
      this.removeEmptiedSources(this.setup);
      this.recorder.publishChecksums(this.backend, this.setup.dests, this.startedAt);
      // The copying pass is over: its garbage goes before the histories and reports build theirs.
      collectGarbage();
      await this.recorder.writeHistories(this.hashFormats, this.setup.folders, this.setup.filter === null);
    } catch (error) {
      clearInterval(timer);
      // Awaited here, so the finally below closes the descriptors only once stopping is done with them.
      return await this.stopped(error);
    } finally {
      clearInterval(timer);
      this.context.signal.removeEventListener('abort', onAbort);
      await this.pool?.close();
      this.closeAll();
    }
    const result = this.result();
    const note = this.fallbackReason
      ? `The native file engine did not load (${this.fallbackReason}); Node's fs was used.`
      : null;
    if (this.report.finish(reportTail('completed', note, result, this.ledger, this.renamedWhole)))
      Object.assign(result, await this.writeHandover());
    return {
      progress: this.meter.final(this.liveCounters(), Date.now(), progressTally(this.ledger)),
      result,
    };
  }

  // ---- phases ------------------------------------------------------------------------------------------

  private async copy(setup: Setup): Promise<void> {
    const loose = setup.sources.some((source) => !source.renamed && source.stat[Stat.kind] !== EntryKind.Dir);
    if (setup.folders.length === 0 && !loose) return;
    this.pool = await LanePool.acquire(this.spec.threads, {
      control: this.control.buffer,
      engine: this.backend.kind,
      addonPath: ADDON_PATH,
      tempTag: tempTag(currentOwner()),
    });
    this.pass = new CopyPass({
      spec: this.spec,
      backend: this.backend,
      dest: setup.dest,
      ledger: this.ledger,
      report: this.report,
      pool: this.pool,
      lanes: this.spec.threads,
      control: this.control,
      folders: setup.folders,
      sources: setup.sources,
      counters: this.counters,
      move: this.move,
      verify: this.verify,
      sameFs: setup.sameFs,
      windowNs: setup.windowNs,
      tmpfile: setup.tmpfile,
      filter: setup.filter,
      checkpoint: () => this.checkpoint(),
      renamedWhole: (source, destination) => this.renamedWhole.push({ source, destination }),
      dests: setup.dests,
      tallies: this.tallies,
      hashMask: formatMask(this.hashFormats),
      hashing: this.spec.mhl || this.spec.checksum_file,
      recorder: this.recorder,
      visitedOnce: new Set(setup.sources.map((source) => source.name)).size === setup.sources.length,
    });
    await this.pass.run();
  }

  /** A move removes the source folders it emptied, deepest first (one that still holds something stays). */
  private removeEmptiedSources({ folders, sources }: Setup): void {
    if (!this.move) return;
    const { backend } = this;
    for (let row = folders.length - 1; row >= 0; row--) {
      const source = sources[folders.source[row] ?? 0];
      const parent = folders.parent[row] ?? -1;
      if (!source) continue;
      const parentFd = backend.openBeneath(source.parentFd, parent < 0 ? '' : folders.relative(parent));
      if (parentFd < 0) continue;
      backend.unlinkAt(parentFd, folders.name[row] ?? '', true);
      backend.close(parentFd);
    }
  }

  /** Cancelled or failed: finish what can be finished, keep the partial result, and say so. */
  private async stopped(error: unknown): Promise<never> {
    const cancelled = error instanceof Cancelled || this.context.signal.aborted;
    this.control.cancel();
    await this.pool?.close().catch(() => undefined);
    this.pool = null;
    try {
      // Folders it created get their final modes, also now.
      for (const dest of this.setup?.dests ?? []) dest.finishCreated();
    } catch {
      // Best effort: the report says what happened.
    }
    this.recorder.discard();
    const message = error instanceof Error ? error.message : String(error);
    const result = this.result();
    const state = cancelled ? 'cancelled' : 'failed';
    if (
      this.report.finish(
        reportTail(state, cancelled ? null : message, result, this.ledger, this.renamedWhole),
      )
    )
      Object.assign(result, await this.writeHandover());
    if (cancelled) throw new JobCancelled(result);
    if (error instanceof JobError) throw new JobError(error.message, error.code, result);
    throw new JobError(message, 'INTERNAL_ERROR', result);
  }

  /**
   * The handover report (HTML and CSV) from the finished JSON report. A report that cannot be written is
   * said in the result (null paths), never a reason to fail the copy.
   */
  private async writeHandover(): Promise<{ report_html: string | null; report_csv: string | null }> {
    const paths = handoverPaths(this.spec.report_path);
    collectGarbage();
    try {
      await writeHandoverReports(this.spec.report_path, paths);
      return { report_html: paths.html, report_csv: paths.csv };
    } catch {
      return { report_html: null, report_csv: null };
    }
  }

  private closeAll(): void {
    if (!this.setup || this.closed) return;
    this.closed = true;
    for (const source of this.setup.sources) this.backend.close(source.parentFd);
    for (const dest of this.setup.dests) this.backend.close(dest.rootFd);
  }

  // ---- pause, cancel, progress -------------------------------------------------------------------------

  /** Between folders: let the event loop run now and then, wait while paused, stop when cancelled. */
  private async checkpoint(): Promise<void> {
    if (Date.now() - this.sliceStart >= SLICE_MS) {
      await yieldToLoop();
      this.sliceStart = Date.now();
    }
    if (this.context.pause.paused) {
      await this.context.pause.wait(this.context.signal);
      this.sliceStart = Date.now();
    }
    if (this.context.signal.aborted) throw new Cancelled('Transfer cancelled.');
  }

  private async countCheckpoint(partial: PlanTotals): Promise<void> {
    this.setTotals(partial);
    await this.checkpoint();
  }

  private setTotals(totals: PlanTotals): void {
    this.counters.filesTotal = totals.files;
    this.counters.bytesTotal = totals.bytes;
  }

  /** The counters with what the copy threads have moved so far. */
  private liveCounters(): TransferCounters {
    const lanes = this.control.bytes();
    return {
      ...this.counters,
      bytes: this.counters.bytes + lanes.advanced,
      written: lanes.written,
      checked: (this.counters.checked ?? 0) + lanes.checked,
      currentFile: this.pass?.currentFile() ?? this.counters.currentFile,
    };
  }

  /** Send a snapshot when the throttle allows and something changed (or at once when `force`). */
  private emit(force = false): void {
    // "Paused" only once no thread moves a byte any more: the bar never says paused while bytes climb.
    const stopped = !this.pool || this.control.parked() >= this.pool.busy;
    const paused = this.context.pause.paused && stopped && this.phase !== 'finalizing';
    // Copies are read back right after they are written: "verifying" while every busy thread does that.
    const verifying =
      this.verify && (this.phase === 'copying' || this.phase === 'moving') && this.control.allReadingBack();
    const phase: Phase = paused ? 'paused' : verifying ? 'verifying' : this.phase;
    const counters = this.liveCounters();
    const key = `${phase}|${counters.files}|${counters.bytes}|${counters.checked}|${counters.dirs}|${counters.errors}|${counters.filesTotal}|${counters.bytesTotal}|${counters.currentFile}`;
    this.emitter.offer(
      key,
      (now) => this.meter.snapshot(phase, counters, now, progressTally(this.ledger)),
      force,
    );
  }

  private result() {
    return transferResult({
      spec: this.spec,
      ledger: this.ledger,
      counters: this.liveCounters(),
      sources: this.checked.sources.map((source) => source.path),
      destination: this.checked.destination,
      verify: this.verify,
      windowNs: this.setup?.windowNs ?? 0,
      tmpfile: this.setup?.tmpfile ?? false,
      engine: this.backend.kind,
      checksumFile: this.tallies[0]?.checksumFile ?? null,
      startedAt: this.startedAt,
      tallies: this.tallies,
    });
  }
}
