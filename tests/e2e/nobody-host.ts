/** A WorkerHost that forks scan workers as an unprivileged user, so permission errors are real under root. */
import { fork, spawnSync } from 'node:child_process';
import { chownSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { WorkerExit, WorkerHost } from '../../src-main/jobs/worker-host';
import { stagedWorker } from '../helpers/scan-worker-client';

/** uid and gid of `nobody`. */
export const NOBODY = { uid: 65534, gid: 65534 };

/** The worker path `nobody` can load: the built one, or a world-readable staged copy of it. */
export function workerPathForNobody(entry: string): string {
  const readable = spawnSync('setpriv', [
    `--reuid=${NOBODY.uid}`,
    `--regid=${NOBODY.gid}`,
    '--clear-groups',
    'test',
    '-r',
    entry,
  ]);
  return readable.status === 0 ? entry : stagedWorker({ addon: true });
}

/** Give the job's folder (made by main, as root) to nobody so the worker can write its tree.json there. */
function handOverTreeFolder(message: unknown): void {
  const spec = (message as { type?: string; spec?: { tree_path?: unknown } }).spec;
  if ((message as { type?: string }).type !== 'start' || typeof spec?.tree_path !== 'string') return;
  const folder = dirname(spec.tree_path);
  mkdirSync(folder, { recursive: true });
  chownSync(folder, NOBODY.uid, NOBODY.gid);
}

/** Like nodeWorkerHost, but each worker runs as nobody. */
export const nobodyWorkerHost: WorkerHost = {
  fork(entry) {
    const child = fork(workerPathForNobody(entry), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // The runner's loader flags point into the checkout, which nobody may not read.
      execArgv: [],
      serialization: 'json',
      ...NOBODY,
    });
    let exited = false;
    const exitListeners: ((exit: WorkerExit) => void)[] = [];
    child.on('exit', (code, signal) => {
      exited = true;
      for (const listener of exitListeners) listener({ code, signal });
    });
    child.on('error', () => undefined);
    return {
      pid: child.pid,
      postMessage: (message) => {
        if (exited || !child.connected) return;
        handOverTreeFolder(message);
        child.send(message as object);
      },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => exitListeners.push(listener),
      kill: () => {
        if (!exited) child.kill('SIGKILL');
      },
    };
  },
};
