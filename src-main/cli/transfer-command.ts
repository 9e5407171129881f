/** `wrangle copy`, `wrangle move` and `wrangle retry`: one transfer through the full engine. */
import { resolve } from 'node:path';
import type { ErrorCode } from '../../src-shared/jobs';
import type { Config } from '../config';
import type { WorkerEntries } from '../jobs/job-manager';
import type { JobRecord } from '../jobs/job-store';
import { PreflightRefusal, preflightTransfer } from '../../src-node/preflight/transfer-preflight';
import type { RetryArgs, TransferArgs } from './args';
import { ExitCode, runJob, type JobCommand } from './run-job';
import { transferSummary } from './transfer-summary';

/** What to type for a refusal that a flag answers. */
const CLI_HINTS: Partial<Record<ErrorCode, string>> = {
  DESTINATION_PARENT_MISSING: ' Use --parents to create them.',
  NAME_COLLISION: ' (--on-conflict=rename)',
};

/** The summary of an ended transfer, or nothing while it runs. */
function summaryOf(record: JobRecord): string | undefined {
  const { result, info } = record;
  if (!result || result.kind === 'scan' || result.kind === 'verify') return undefined;
  if (info.state === 'queued' || info.state === 'running') return undefined;
  return transferSummary(result, info.state, info.batch_id);
}

/** Run `wrangle copy` or `wrangle move`; resolves with the exit code. */
export async function runTransferCommand(
  args: TransferArgs,
  config: Config,
  entries: WorkerEntries,
): Promise<number> {
  const request = {
    sources: args.sources.map((source) => resolve(source)),
    destination: resolve(args.destination),
    also: args.also.map((destination) => resolve(destination)),
    policy: args.policy,
    verify: args.verify,
    hashes: args.hashes,
    mhl: args.mhl,
    checksum_file: args.checksumFile,
    create_parents: args.parents,
  };
  // The same checks the worker makes, before any process starts: a refusal costs nothing and writes nothing.
  try {
    await preflightTransfer(args.command, request);
  } catch (error) {
    if (!(error instanceof PreflightRefusal)) throw error;
    process.stderr.write(`wrangle: cannot ${args.command}: ${error.message}${CLI_HINTS[error.code] ?? ''}\n`);
    return ExitCode.USAGE;
  }
  const command: JobCommand = {
    kind: args.command,
    describe: `${args.command} into ${request.destination}`,
    json: args.json,
    printProgressEndpoint: args.printProgressEndpoint,
    progressIntervalMs: args.progressIntervalMs,
    start: (manager) => manager.startTransfer(args.command, request),
    summary: summaryOf,
  };
  return runJob(command, config, entries);
}

/** Run `wrangle retry <job id>`: the failed entries of an ended copy or move, as a new job. */
export async function runRetryCommand(
  args: RetryArgs,
  config: Config,
  entries: WorkerEntries,
): Promise<number> {
  const command: JobCommand = {
    // Copy and move share one worker, so either prewarms it; messages say "retry", whichever it was.
    kind: 'copy',
    verb: 'retry',
    describe: `retry of ${args.batchId}`,
    json: args.json,
    printProgressEndpoint: args.printProgressEndpoint,
    progressIntervalMs: args.progressIntervalMs,
    start: (manager) => manager.retryFailed(args.batchId),
    summary: summaryOf,
  };
  return runJob(command, config, entries);
}
