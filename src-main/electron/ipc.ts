/** The only place that touches ipcMain: every method of the IPC table, its sender checked, its arguments validated. */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { callIpcHandler } from '../../src-shared/ipc-args';
import { ipcMethods, wrangleIpc, type IpcHandlers } from '../../src-shared/ipc-channels';

/** Register the handler of every method on its channel. Calls from any frame but our own renderer are refused. */
export function registerIpcHandlers(
  handlers: IpcHandlers,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
): void {
  for (const method of ipcMethods) {
    const { channel } = wrangleIpc[method];
    ipcMain.handle(channel, (event, ...raw: unknown[]) => {
      if (!isTrustedSender(event))
        throw new Error(`IPC ${channel} refused: the sender is not Wrangle's window.`);
      return callIpcHandler(handlers, method, raw);
    });
  }
}
