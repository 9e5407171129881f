/** `wrangle scan`: runs one scan through the full engine and reports it. */
import type { Config } from '../config';
import { startEngine } from '../engine';
import { nodeWorkerHost } from '../jobs/worker-host';
import type { WorkerEntries } from '../jobs/job-manager';
import { checkRootAsync } from '../workers/scan/check-root';
import type { ScanArgs } from './args';
import { StatusLine } from './progress-line';
import { scanJson, scanSummary } from './scan-summary';

/** Exit codes the CLI promises. */
export const ExitCode = { COMPLETED: 0, FAILED: 1, USAGE: 2, INTERRUPTED: 130 } as const;

/** Run `wrangle scan`; resolves with the exit code. */
export async function runScanCommand(
  args: ScanArgs,
  config: Config,
  entries: WorkerEntries,
): Promise<number> {
  let root: string;
  try {
    root = await checkRootAsync(args.dir);
  } catch (error) {
    process.stderr.write(`wrangle: cannot scan: ${(error as Error).message}\n`);
    return ExitCode.USAGE;
  }
  const status = process.stderr.isTTY ? new StatusLine(process.stderr) : undefined;
  // Listen for Ctrl-C before anything starts: a watcher may signal as soon as it sees the endpoint line.
  const interrupt = new AbortController();
  const onSignal = (): void => {
    if (interrupt.signal.aborted) process.exit(ExitCode.INTERRUPTED); // a second Ctrl-C means now
    status?.clear();
    process.stderr.write('wrangle: cancelling the scan… (press Ctrl-C again to quit at once)\n');
    interrupt.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const engine = await startEngine({
    config,
    host: nodeWorkerHost,
    entries,
    prewarmScanWorker: true,
    warn: (message) => process.stderr.write(`wrangle: ${message}\n`),
  });
  const job = engine.manager.startScan(root);
  const cancel = (): boolean => engine.manager.cancel(job.batch_id);
  if (interrupt.signal.aborted) cancel();
  else interrupt.signal.addEventListener('abort', cancel);
  if (args.printProgressEndpoint) {
    process.stderr.write(`progress endpoint: ${engine.server.url} batch: ${job.batch_id}\n`);
  }
  engine.manager.on('message', (message) => {
    if (
      status &&
      !interrupt.signal.aborted &&
      message.type === 'progress' &&
      message.batch_id === job.batch_id
    ) {
      status.update(message.data);
    }
  });

  const record = await engine.manager.whenEnded(job.batch_id);
  status?.clear();
  await engine.stop();
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);

  if (args.json) process.stdout.write(`${JSON.stringify(scanJson(record))}\n`);
  switch (record.info.state) {
    case 'completed':
      if (!args.json && record.result?.kind === 'scan')
        process.stdout.write(`${scanSummary(record.result)}\n`);
      return ExitCode.COMPLETED;
    case 'cancelled':
      process.stderr.write(`wrangle: scan of ${root} cancelled.\n`);
      return interrupt.signal.aborted ? ExitCode.INTERRUPTED : ExitCode.FAILED;
    default:
      process.stderr.write(
        `wrangle: scan of ${root} failed: ${record.info.failure?.error ?? 'unknown error'}\n`,
      );
      return ExitCode.FAILED;
  }
}
