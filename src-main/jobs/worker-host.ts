/** One small interface for starting worker processes, so the JobManager never knows Electron from Node. */
import { fork, type ForkOptions } from 'node:child_process';

/**
 * Why a process ended, as Electron's app `child-process-gone` event tells it (Details['reason']); a Node child
 * process has its signal instead.
 */
export type WorkerGoneReason =
  | 'clean-exit'
  | 'abnormal-exit'
  | 'killed'
  | 'crashed'
  | 'oom'
  | 'launch-failed'
  | 'integrity-failure'
  | 'memory-eviction';

/** Why a worker process ended. */
export interface WorkerExit {
  code: number | null;
  signal: string | null;
  /** Set by hosts that know it (Electron); absent when the host could not tell. */
  reason?: WorkerGoneReason;
}

/** A running worker process, as the JobManager sees it. */
export interface WorkerProcess {
  readonly pid: number | undefined;
  postMessage(message: unknown): void;
  onMessage(listener: (raw: unknown) => void): void;
  onExit(listener: (exit: WorkerExit) => void): void;
  kill(): void;
}

/**
 * V8 flags of every worker process: `gc()` is exposed so a job can collect between its phases (a million-file
 * copy leaves its garbage behind before it writes a history), keeping its memory near what it really holds.
 */
export const WORKER_EXEC_ARGV: readonly string[] = ['--expose-gc'];

/** Starts worker processes. Inside Electron: utilityProcess. Under plain Node: child_process. */
export interface WorkerHost {
  fork(entry: string, serviceName: string): WorkerProcess;
}

/** Fork `entry` as a Node child process with an IPC channel; `options` may add a uid/gid or environment. */
export function forkNodeWorker(entry: string, options: ForkOptions = {}): WorkerProcess {
  const child = fork(entry, [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // Workers inherit nothing from a test runner's or bundler's loader flags; they may collect garbage
    // between a job's phases (WORKER_EXEC_ARGV).
    execArgv: [...WORKER_EXEC_ARGV],
    serialization: 'json',
    ...options,
  });
  let exited = false;
  const exitListeners: ((exit: WorkerExit) => void)[] = [];
  child.on('exit', (code, signal) => {
    exited = true;
    for (const listener of exitListeners) listener({ code, signal });
  });
  // A send to a worker that just died raises EPIPE here; the exit listener reports the crash.
  child.on('error', () => undefined);
  return {
    pid: child.pid,
    postMessage: (message) => {
      if (!exited && child.connected) child.send(message as object);
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => exitListeners.push(listener),
    kill: () => {
      if (!exited) child.kill('SIGKILL');
    },
  };
}

/** The plain-Node host, used by the CLI and the tests. */
export const nodeWorkerHost: WorkerHost = {
  fork: (entry) => forkNodeWorker(entry),
};
