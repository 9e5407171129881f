/** The Electron WorkerHost: each job runs in its own utility process. */
import { utilityProcess } from 'electron';
import { WORKER_EXEC_ARGV, type WorkerExit, type WorkerHost } from '../jobs/worker-host';

/** Forks workers with utilityProcess.fork, so a crash never takes the window with it. */
export const utilityWorkerHost: WorkerHost = {
  fork(entry, serviceName) {
    const child = utilityProcess.fork(entry, [], {
      serviceName,
      stdio: 'inherit',
      execArgv: [...WORKER_EXEC_ARGV],
    });
    let exited = false;
    const exitListeners: ((exit: WorkerExit) => void)[] = [];
    child.on('exit', (code) => {
      exited = true;
      for (const listener of exitListeners) listener({ code, signal: null });
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
