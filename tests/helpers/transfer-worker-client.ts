/** Test client: forks the built transfer worker (out/main/transfer-worker.cjs) and speaks the worker protocol. */
import { join } from 'node:path';
import { OUT_MAIN } from './engine';
import type { TransferResult, WorkerProgress } from '../../src-shared/jobs';
import type { TransferJobSpec } from '../../src-shared/worker-protocol';
import { workerPathFor } from './scan-worker-client';
import { startWorker, type TerminalMessage, type WorkerForkOptions, type WorkerRun } from './worker-run';

/** Path of the built worker the tests run against. */
export const COPY_WORKER_PATH = join(OUT_MAIN, 'transfer-worker.cjs');

/** A running transfer worker as a test sees it. */
export interface TransferWorkerRun extends WorkerRun {
  /** Every progress snapshot so far. */
  progress(): WorkerProgress[];
}

/** A spec with test defaults; override any field. */
export function transferSpec(
  kind: 'copy' | 'move',
  sources: string[],
  destination: string,
  reportPath: string,
  overrides: Partial<TransferJobSpec> = {},
): TransferJobSpec {
  return {
    kind,
    batch_id: 'test-batch',
    sources,
    destination,
    policy: 'skip',
    verify: false,
    also: [],
    hashes: ['xxh64'],
    mhl: false,
    checksum_file: false,
    report_path: reportPath,
    throttle_ms: 50,
    max_bytes_per_second: 0,
    create_parents: false,
    retry_report: null,
    retry_of: null,
    // The test project decides how files are published (vitest.config.ts), as the CLI's environment does.
    engine: process.env.WRANGLE_COPY_ENGINE === 'node' ? 'node' : 'auto',
    publish: process.env.WRANGLE_COPY_PUBLISH === 'rename' ? 'rename' : 'auto',
    threads: 2,
    ...overrides,
  };
}

/** Fork the built worker, send `start`, and collect its messages. `uid`/`gid` run it as another user. */
export function startTransferWorker(
  spec: TransferJobSpec,
  options: WorkerForkOptions = {},
): TransferWorkerRun {
  const { workerPath, ...user } = options;
  const run = startWorker(
    'copy',
    COPY_WORKER_PATH,
    workerPath ?? workerPathFor(user.uid, COPY_WORKER_PATH),
    spec,
    user,
  );
  return {
    ...run,
    progress: () =>
      run.messages.flatMap(({ message }) => (message.type === 'progress' ? [message.progress] : [])),
  };
}

/** Run a transfer to its end and return the terminal message and the run. */
export async function runTransferWorker(
  spec: TransferJobSpec,
  options: WorkerForkOptions = {},
): Promise<{ terminal: TerminalMessage; run: TransferWorkerRun }> {
  const run = startTransferWorker(spec, options);
  const terminal = await run.terminal;
  await run.exited;
  return { terminal, run };
}

/** The result of a completed run, or a thrown error saying what happened instead. */
export function completedResult(terminal: TerminalMessage): TransferResult {
  if (terminal.type !== 'completed') {
    throw new Error(`Expected completed, got ${terminal.type}: ${JSON.stringify(terminal)}`);
  }
  if (terminal.result.kind !== 'copy' && terminal.result.kind !== 'move')
    throw new Error('Expected a transfer result.');
  return terminal.result;
}
