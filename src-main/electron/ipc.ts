/** The only place that touches ipcMain: typed handlers, argument validation and a sender check. */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IpcArgSchemas, type IpcArgs, type IpcChannel, type IpcResult } from '../../src-shared/ipc-channels';

/** Register the handler of one channel. Calls from any frame but our own renderer are refused. */
export function handleIpc<C extends IpcChannel>(
  channel: C,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
  handler: (...args: IpcArgs<C>) => IpcResult<C> | Promise<IpcResult<C>>,
): void {
  ipcMain.handle(channel, (event, ...raw: unknown[]) => {
    if (!isTrustedSender(event))
      throw new Error(`IPC ${channel} refused: the sender is not Wrangle's window.`);
    const parsed = IpcArgSchemas[channel].safeParse(raw);
    if (!parsed.success)
      throw new Error(`IPC ${channel} refused: ${parsed.error.issues[0]?.message ?? 'bad arguments'}.`);
    return handler(...(parsed.data as IpcArgs<C>));
  });
}
