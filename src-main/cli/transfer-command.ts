/** `wrangle copy` and `wrangle move`: one transfer through the full engine. */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Config } from '../config';
import type { WorkerEntries } from '../jobs/job-manager';
import type { TransferArgs } from './args';
import { ExitCode, runJob } from './run-job';
import { transferSummary } from './transfer-summary';

/** Why these paths cannot be used, in words, or undefined. The worker makes the deeper checks. */
async function problemWithPaths(args: TransferArgs): Promise<string | undefined> {
  for (const source of args.sources) {
    try {
      await stat(source);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return `${resolve(source)} does not exist. Check the path.`;
      return `${resolve(source)} cannot be read (${code}). Check its permissions.`;
    }
  }
  try {
    if (!(await stat(args.destination)).isDirectory()) {
      return `${resolve(args.destination)} is a file; the destination must be a folder.`;
    }
  } catch (error) {
    // A missing destination folder is created; anything else is a real problem.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      return `${resolve(args.destination)} cannot be used (${(error as NodeJS.ErrnoException).code}).`;
    }
  }
  return undefined;
}

/** Run `wrangle copy` or `wrangle move`; resolves with the exit code. */
export async function runTransferCommand(
  args: TransferArgs,
  config: Config,
  entries: WorkerEntries,
): Promise<number> {
  const problem = await problemWithPaths(args);
  if (problem) {
    process.stderr.write(`wrangle: cannot ${args.command}: ${problem}\n`);
    return ExitCode.USAGE;
  }
  const destination = resolve(args.destination);
  return runJob(
    {
      kind: args.command,
      describe: `${args.command} into ${destination}`,
      json: args.json,
      printProgressEndpoint: args.printProgressEndpoint,
      start: (manager) =>
        manager.startTransfer(args.command, {
          sources: args.sources,
          destination,
          policy: args.policy,
          verify: args.verify,
          checksum_file: args.checksumFile,
        }),
      summary: (record) => {
        const { result, info } = record;
        if (!result || result.kind === 'scan' || info.state === 'queued' || info.state === 'running')
          return undefined;
        return transferSummary(result, info.state);
      },
    },
    config,
    entries,
  );
}
