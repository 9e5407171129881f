/** A WorkerHost that forks scan workers as an unprivileged user, so permission errors are real under root. */
import { chownSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { forkNodeWorker, type WorkerHost } from '../../src-main/jobs/worker-host';
import { workerPathFor } from '../helpers/scan-worker-client';

/** uid and gid of `nobody`. */
export const NOBODY = { uid: 65534, gid: 65534 };

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
    const worker = forkNodeWorker(workerPathFor(NOBODY.uid, entry), NOBODY);
    return {
      ...worker,
      postMessage: (message) => {
        handOverTreeFolder(message);
        worker.postMessage(message);
      },
    };
  },
};
