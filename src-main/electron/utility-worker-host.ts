/** The Electron WorkerHost: each job runs in its own utility process; app's child-process-gone says why one died. */
import { utilityProcess, type Details } from 'electron';
import { WORKER_EXEC_ARGV, type WorkerExit, type WorkerHost } from '../jobs/worker-host';

/**
 * How long an unclean exit waits for app's `child-process-gone`, which Electron may emit after the process's
 * own `exit`: long enough for the reason to arrive, short enough that a crashed job ends at once.
 */
export const GONE_WAIT_MS = 250;

/** Subscribes to app's `child-process-gone` (main.ts passes app's; tests their own). */
export type OnProcessGone = (listener: (details: Details) => void) => void;

/** A utility process whose exit is not reported yet: the reason, once Electron gives it. */
interface Pending {
  reason?: Details['reason'];
  /** Set while its exit waits for the reason. */
  onReason?: () => void;
}

/**
 * Forks workers with utilityProcess.fork, so a crash never takes the window with it. Electron names a gone
 * process only by the service name it was forked with, so each gets a unique one. `env` is added to main's
 * environment for every worker (main.ts passes the native addon's absolute path there: a utility process may
 * have no process.resourcesPath to find it by).
 */
export function createUtilityWorkerHost(
  onProcessGone: OnProcessGone,
  env: Readonly<Record<string, string>> = {},
): WorkerHost {
  const pending = new Map<string, Pending>();
  let forks = 0;
  onProcessGone((details) => {
    const gone = details.type === 'Utility' && details.name ? pending.get(details.name) : undefined;
    if (!gone) return;
    gone.reason = details.reason;
    gone.onReason?.();
  });

  return {
    fork(entry, serviceName) {
      const name = `${serviceName}#${++forks}`;
      const state: Pending = {};
      pending.set(name, state);
      const child = utilityProcess.fork(entry, [], {
        serviceName: name,
        stdio: 'inherit',
        execArgv: [...WORKER_EXEC_ARGV],
        env: { ...process.env, ...env },
      });
      let exited = false;
      const exitListeners: ((exit: WorkerExit) => void)[] = [];
      let timer: NodeJS.Timeout | undefined;
      const report = (code: number): void => {
        if (!pending.delete(name)) return;
        clearTimeout(timer);
        const exit: WorkerExit = { code, signal: null, ...(state.reason ? { reason: state.reason } : {}) };
        for (const listener of exitListeners) listener(exit);
      };
      child.on('exit', (code) => {
        exited = true;
        // A clean exit needs no reason, and a known one needs no wait.
        if (code === 0 || state.reason) return report(code);
        state.onReason = () => report(code);
        timer = setTimeout(() => report(code), GONE_WAIT_MS);
      });
      return {
        get pid() {
          return child.pid;
        },
        postMessage: (message) => {
          if (!exited) child.postMessage(message);
        },
        onMessage: (listener) => child.on('message', listener),
        onExit: (listener) => exitListeners.push(listener),
        kill: () => {
          if (!exited) child.kill();
        },
      };
    },
  };
}
