/** Test client for any built worker: fork it, send `start`, and collect its validated messages. */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { WorkerMessageSchema, type JobSpec, type WorkerMessage } from '../../src-shared/worker-protocol';

/** A terminal message: completed, failed or cancelled. */
export type TerminalMessage = Extract<WorkerMessage, { type: 'completed' | 'failed' | 'cancelled' }>;

/** How to fork the worker: as another user, or from another (staged) path. */
export interface WorkerForkOptions {
  uid?: number;
  gid?: number;
  workerPath?: string;
}

/** A running worker as a test sees it. */
export interface WorkerRun {
  child: ChildProcess;
  /** Every validated message, in arrival order, with the local time it arrived. */
  messages: { message: WorkerMessage; at: number }[];
  /** Resolves with the first completed/failed/cancelled message. */
  terminal: Promise<TerminalMessage>;
  /** Resolves with the exit code once the process is gone. */
  exited: Promise<number | null>;
  /** Send a control message. */
  send(type: 'cancel' | 'pause' | 'resume'): void;
}

/**
 * Fork the worker at `path` (its built entry is `builtPath`, checked first), start it on `spec`, and
 * collect its messages; `onMessage` sees each one after it is recorded. `uid`/`gid` run it as another user.
 */
export function startWorker(
  name: string,
  builtPath: string,
  path: string,
  spec: JobSpec,
  user: { uid?: number; gid?: number },
  onMessage: (message: WorkerMessage) => void = () => undefined,
): WorkerRun {
  if (!existsSync(builtPath)) {
    throw new Error(`Built ${name} worker not found at ${builtPath}: run npm run build first.`);
  }
  const child = fork(path, [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // The test runner's loader flags point into the checkout, which another user may not read.
    execArgv: [],
    ...user,
  });
  const messages: WorkerRun['messages'] = [];
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
      rejectTerminal(new Error(`The ${name} worker exited (code ${code}) without a terminal message.`));
      resolve(code);
    });
  });
  child.on('message', (raw) => {
    const message = WorkerMessageSchema.parse(raw);
    messages.push({ message, at: Date.now() });
    if (message.type === 'ready') child.send({ type: 'start', spec });
    if (message.type === 'completed' || message.type === 'failed' || message.type === 'cancelled') {
      resolveTerminal(message);
    }
    onMessage(message);
  });
  return {
    child,
    messages,
    terminal,
    exited,
    send: (type) => {
      if (child.connected) child.send({ type });
    },
  };
}
