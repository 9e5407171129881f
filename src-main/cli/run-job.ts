/** Runs one job through the full engine for the CLI: endpoint line, progress line, Ctrl-C, output, exit code. */
import { REFUSAL_CODES, type JobInfo, type JobKind } from '../../src-shared/jobs';
import { ConfigError, type Config } from '../config';
import { startEngine, type Engine } from '../engine';
import type { JobManager, WorkerEntries } from '../jobs/job-manager';
import type { JobRecord, JobStore } from '../jobs/job-store';
import { nodeWorkerHost } from '../jobs/worker-host';
import { ProgressLog } from './progress-log';
import { StatusLine } from './progress-line';

/** Exit codes the CLI promises (documented in the help text and the README). */
export const ExitCode = {
  COMPLETED: 0,
  FAILED: 1,
  USAGE: 2,
  COMPLETED_WITH_FAILURES: 3,
  INTERRUPTED: 130,
} as const;

/** What differs between scan, copy and move. */
export interface JobCommand {
  kind: JobKind;
  /** The verb of messages ("cannot copy: …"); the kind when unset. */
  verb?: string;
  /** "scan of /shows/abc", for messages. */
  describe: string;
  json: boolean;
  printProgressEndpoint: boolean;
  /** `--progress-interval` in milliseconds; unset: the configured one (WRANGLE_PROGRESS_INTERVAL). */
  progressIntervalMs?: number | undefined;
  /** Queue the job; a thrown error is a refusal (exit 2) and its message is shown. */
  start(manager: JobManager): JobInfo;
  /** The lines a person reads when the job ended (copies and moves also when cancelled or failed). */
  summary(record: JobRecord): string | undefined;
  /** The `--json` object, when it needs more than the record (a scan adds every sequence from its tree file). */
  jsonOutput?(record: JobRecord, store: JobStore): Promise<object>;
  /** The exit code of a completed job, when the command has its own (verify: 1 when a file failed). */
  completedExitCode?(record: JobRecord): number;
  /**
   * A display of its own while the job runs, instead of the progress line (watch: the live sequences);
   * returns what stops it.
   */
  attach?(manager: JobManager, batchId: string): () => void;
}

/** The `--json` object. */
export function jobJson(record: JobRecord): object {
  const { info, result } = record;
  const output: Record<string, unknown> = {
    batch_id: info.batch_id,
    root: info.root,
    status: info.state,
    result: result ?? null,
  };
  if (info.destination !== null) output.destination = info.destination;
  if (info.failure) output.error = info.failure;
  return output;
}

/** Run the job; resolves with the exit code. */
export async function runJob(command: JobCommand, config: Config, entries: WorkerEntries): Promise<number> {
  const status = process.stderr.isTTY && !command.attach ? new StatusLine(process.stderr) : undefined;
  // Listen for Ctrl-C before anything starts: a watcher may signal as soon as it sees the endpoint line.
  const interrupt = new AbortController();
  const onSignal = (): void => {
    if (interrupt.signal.aborted) process.exit(ExitCode.INTERRUPTED); // a second Ctrl-C means now
    status?.clear();
    process.stderr.write(
      `wrangle: cancelling the ${command.verb ?? command.kind}… (press Ctrl-C again to quit at once)\n`,
    );
    interrupt.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const stopListening = (): void => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  let engine: Engine;
  try {
    engine = await startEngine({
      config,
      host: nodeWorkerHost,
      entries,
      prewarm: command.kind,
      warn: (message) => process.stderr.write(`wrangle: ${message}\n`),
    });
  } catch (error) {
    stopListening();
    // The port is taken or the data folder is unusable: a setting to change, as with a bad argument.
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`wrangle: ${error.message}\n`);
    return ExitCode.USAGE;
  }
  let job: JobInfo;
  try {
    job = command.start(engine.manager);
  } catch (error) {
    await engine.stop();
    stopListening();
    process.stderr.write(`wrangle: cannot ${command.verb ?? command.kind}: ${(error as Error).message}\n`);
    return ExitCode.USAGE;
  }
  const cancel = (): boolean => engine.manager.cancel(job.batch_id);
  if (interrupt.signal.aborted) cancel();
  else interrupt.signal.addEventListener('abort', cancel);
  if (command.printProgressEndpoint) {
    process.stderr.write(`progress endpoint: ${engine.server.url} batch: ${job.batch_id}\n`);
  }
  // Not a terminal (a log file, a farm or cron job): a plain line every interval instead of a redrawn one.
  const logIntervalMs = command.progressIntervalMs ?? config.progressLogIntervalMs;
  const log = !status && logIntervalMs > 0 ? new ProgressLog(process.stderr, logIntervalMs) : undefined;
  engine.manager.on('progress', (snapshot) => {
    if (snapshot.batch_id !== job.batch_id) return;
    // The terminal line gives way to the "cancelling…" message; the log keeps saying where the job is.
    if (!interrupt.signal.aborted) status?.update(snapshot);
    log?.update(snapshot);
  });

  const detach = command.attach?.(engine.manager, job.batch_id);
  const record = await engine.manager.whenEnded(job.batch_id);
  detach?.();
  status?.clear();
  log?.stop();
  await engine.stop();
  stopListening();

  if (command.json) {
    const output = command.jsonOutput ? await command.jsonOutput(record, engine.store) : jobJson(record);
    process.stdout.write(`${JSON.stringify(output)}\n`);
  }
  const summary = command.json ? undefined : command.summary(record);
  if (summary) process.stdout.write(`${summary}\n`);
  switch (record.info.state) {
    case 'completed':
      if (command.completedExitCode) return command.completedExitCode(record);
      return record.info.failed_count > 0 ? ExitCode.COMPLETED_WITH_FAILURES : ExitCode.COMPLETED;
    case 'cancelled':
      process.stderr.write(`wrangle: ${command.describe} cancelled.\n`);
      return interrupt.signal.aborted ? ExitCode.INTERRUPTED : ExitCode.FAILED;
    default: {
      const failure = record.info.failure;
      // Refused before anything was written: the request itself cannot work, as with a bad argument.
      if (failure && REFUSAL_CODES.includes(failure.code)) {
        process.stderr.write(`wrangle: cannot ${command.verb ?? command.kind}: ${failure.error}\n`);
        return ExitCode.USAGE;
      }
      process.stderr.write(`wrangle: ${command.describe} failed: ${failure?.error ?? 'unknown error'}\n`);
      return ExitCode.FAILED;
    }
  }
}
