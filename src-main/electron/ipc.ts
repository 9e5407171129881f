/** The only place that touches ipcMain: every method of the IPC table, its sender checked, its arguments validated. */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { callIpcHandler } from '../../src-shared/ipc-args';
import {
  ipcMethods,
  wrangleEvents,
  wrangleIpc,
  type IpcEvent,
  type IpcEventPayload,
  type IpcHandlers,
} from '../../src-shared/ipc-channels';

/** Send one of the table's events to the renderer, on its channel, with its payload type checked. */
export function sendToRenderer<E extends IpcEvent>(
  contents: Pick<WebContents, 'send'>,
  event: E,
  payload: IpcEventPayload<E>,
): void {
  contents.send(wrangleEvents[event].channel, payload);
}

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
