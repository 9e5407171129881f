/** `wrangle scan`: one scan through the full engine. */
import type { Config } from '../config';
import type { WorkerEntries } from '../jobs/job-manager';
import { folderArg } from './folder-arg';
import type { ScanArgs } from './args';
import { hasProblems } from '../../src-shared/jobs';
import { ScanTreeSequencesSchema } from '../../src-shared/scan-tree';
import { ExitCode, jobJson, runJob } from './run-job';
import { scanSummary } from './scan-summary';

/** Run `wrangle scan`; resolves with the exit code. */
export async function runScanCommand(
  args: ScanArgs,
  config: Config,
  entries: WorkerEntries,
): Promise<number> {
  const root = await folderArg(args.dir, 'scan');
  if (root === null) return ExitCode.USAGE;
  return runJob(
    {
      kind: 'scan',
      describe: `scan of ${root}`,
      json: args.json,
      printProgressEndpoint: args.printProgressEndpoint,
      progressIntervalMs: args.progressIntervalMs,
      start: (manager) => manager.startScan(root),
      summary: (record) =>
        record.info.state === 'completed' && record.result?.kind === 'scan'
          ? scanSummary(record.result)
          : undefined,
      // The summary carries at most a few thousand sequences; --json gives every one, from the tree file.
      jsonOutput: async (record, store) => {
        const output = jobJson(record);
        if (record.result?.kind !== 'scan') return output;
        const text = await store.readTree(record.info.batch_id);
        const all = text
          ? ScanTreeSequencesSchema.parse(JSON.parse(text)).sequences
          : record.result.sequences;
        // Problem sequences first, as in the summary.
        const sequences = [...all.filter(hasProblems), ...all.filter((sequence) => !hasProblems(sequence))];
        return { ...output, result: { ...record.result, sequences } };
      },
    },
    withSequenceExtensions(config, args.sequenceExtensions),
    entries,
  );
}

/** The configuration with `--sequence-ext` in place of the configured sequence extensions, when given. */
function withSequenceExtensions(config: Config, extensions: string[] | undefined): Config {
  if (extensions === undefined) return config;
  return {
    ...config,
    jobs: { ...config.jobs, scan: { ...config.jobs.scan, sequence_extensions: extensions } },
  };
}
