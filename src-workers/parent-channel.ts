/** The worker's end of the pipe to main: Electron's parentPort in a utility process, IPC under child_process. */
import type { WorkerMessage } from '../src-shared/worker-protocol';

/** How a worker talks to the process that forked it. */
export interface ParentChannel {
  /** Send a message; resolves once it has been handed to the OS (safe to exit after). */
  send(message: WorkerMessage): Promise<void>;
  onMessage(listener: (raw: unknown) => void): void;
  /** Be told when the parent has gone (killed, crashed): the job must stop, clean up and exit. */
  onGone(listener: () => void): void;
}

// Electron adds process.parentPort in utility processes; declared here so workers never import electron.
interface UtilityParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

/** Connect to whichever parent forked this process, or throw if it was not forked. */
export function connectToParent(): ParentChannel {
  const parentPort = (process as { parentPort?: UtilityParentPort }).parentPort;
  if (parentPort) {
    return {
      send: async (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)),
      // Electron ends utility processes with the app.
      onGone: () => undefined,
    };
  }
  const send = process.send?.bind(process);
  if (!send) throw new Error('This worker must be started by Wrangle (no IPC channel to a parent).');
  return {
    // Nobody is left to tell once the channel has closed; the disconnect handler ends the process.
    send: (message) =>
      new Promise<void>((resolve) => {
        if (!process.connected) return resolve();
        send(message, undefined, undefined, () => resolve());
      }),
    onMessage: (listener) => process.on('message', listener),
    onGone: (listener) => process.on('disconnect', listener),
  };
}
