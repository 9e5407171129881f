/** Test client: forks the built transfer worker (out/main/copy-worker.js) and speaks the worker protocol. */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TransferResult, WorkerProgress } from '../../src-shared/jobs';
import {
  WorkerMessageSchema,
  type TransferJobSpec,
  type WorkerMessage,
} from '../../src-shared/worker-protocol';
import { workerPathFor, type TerminalMessage, type WorkerForkOptions } from './scan-worker-client';

/** Path of the built worker the tests run against. */
export const COPY_WORKER_PATH = resolve(import.meta.dirname, '../../out/main/copy-worker.js');

/** A running transfer worker as a test sees it. */
export interface TransferWorkerRun {
  child: ChildProcess;
  messages: { message: WorkerMessage; at: number }[];
  terminal: Promise<TerminalMessage>;
  exited: Promise<number | null>;
  /** Every progress snapshot so far. */
  progress(): WorkerProgress[];
  send(type: 'cancel' | 'pause' | 'resume'): void;
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
    checksum_file: false,
    report_path: reportPath,
    throttle_ms: 50,
    max_bytes_per_second: 0,
    ...overrides,
  };
}

/** Fork the built worker, send `start`, and collect its messages. `uid`/`gid` run it as another user. */
export function startTransferWorker(
  spec: TransferJobSpec,
  options: WorkerForkOptions = {},
): TransferWorkerRun {
  const { workerPath, ...user } = options;
  if (!existsSync(COPY_WORKER_PATH)) {
    throw new Error(`Built copy worker not found at ${COPY_WORKER_PATH}: run npm run build first.`);
  }
  const child = fork(workerPath ?? workerPathFor(user.uid, COPY_WORKER_PATH), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [],
    ...user,
  });
  const messages: TransferWorkerRun['messages'] = [];
  let seq = 0;
  let resolveTerminal: (message: TerminalMessage) => void = () => undefined;
  let rejectTerminal: (error: Error) => void = () => undefined;
  const terminal = new Promise<TerminalMessage>((resolve, reject) => {
    resolveTerminal = resolve;
    rejectTerminal = reject;
  });
  // Tests that kill the worker never await this; keep the rejection from being unhandled.
  terminal.catch(() => undefined);
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      rejectTerminal(new Error(`Transfer worker exited (code ${code}) without a terminal message.`));
      resolve(code);
    });
  });
  child.on('message', (raw) => {
    const message = WorkerMessageSchema.parse(raw);
    messages.push({ message, at: Date.now() });
    if (message.type === 'ready') child.send({ type: 'start', seq: seq++, spec });
    if (message.type === 'completed' || message.type === 'failed' || message.type === 'cancelled') {
      resolveTerminal(message);
    }
  });
  return {
    child,
    messages,
    terminal,
    exited,
    progress: () =>
      messages.flatMap(({ message }) => (message.type === 'progress' ? [message.progress] : [])),
    send: (type) => {
      if (child.connected) child.send({ type, seq: seq++ });
    },
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
  if (terminal.result.kind === 'scan') throw new Error('Expected a transfer result.');
  return terminal.result;
}
