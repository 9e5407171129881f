/** `wrangle verify`: one verification through the full engine. */
import type { Config } from '../config';
import type { WorkerEntries } from '../jobs/job-manager';
import type { JobRecord } from '../jobs/job-store';
import { preflightVerify, VerifyRefusal } from '../../src-node/preflight/verify-preflight';
import { ExitCode, runJob } from './run-job';
import type { VerifyArgs } from './verify-args';
import { verifySummary } from './verify-summary';

/**
 * 0 when every listed file verified; 1 when one changed, is missing or could not be read, or when --record
 * could not write its generation.
 */
function exitCodeOf(record: JobRecord): number {
  const result = record.result;
  if (result?.kind !== 'verify') return ExitCode.FAILED;
  if (result.record && result.generation === null) return ExitCode.FAILED;
  return result.failed_count === 0 ? ExitCode.COMPLETED : ExitCode.FAILED;
}

/** Run `wrangle verify`; resolves with the exit code. */
export async function runVerifyCommand(
  args: VerifyArgs,
  config: Config,
  entries: WorkerEntries,
): Promise<number> {
  // The worker checks again; here a bad folder costs nothing and is refused before any process starts.
  let root: string;
  try {
    root = (await preflightVerify(args.dir)).root;
  } catch (error) {
    if (!(error instanceof VerifyRefusal)) throw error;
    process.stderr.write(`wrangle: cannot verify: ${error.message}\n`);
    return ExitCode.USAGE;
  }
  return runJob(
    {
      kind: 'verify',
      describe: `verification of ${root}`,
      json: args.json,
      printProgressEndpoint: args.printProgressEndpoint,
      progressIntervalMs: args.progressIntervalMs,
      start: (manager) => manager.startVerify({ root, record: args.record }),
      summary: (record) =>
        record.result?.kind === 'verify' && record.info.state !== 'failed'
          ? verifySummary(record.result, record.info.state)
          : undefined,
      completedExitCode: exitCodeOf,
    },
    config,
    entries,
  );
}
