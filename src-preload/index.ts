/**
 * The preload: window.wrangle offers one named function per method and per event of the IPC table, never
 * ipcRenderer itself.
 * Sandboxed, it can require nothing but electron: what it imports from src-shared must bundle into it (the
 * table does; zod, which electron-vite leaves external, must not be reached from here).
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { ipcInvokers, ipcSubscribers, type WrangleApi } from '../src-shared/ipc-channels';

const api: WrangleApi = {
  ...ipcInvokers((channel, args) => ipcRenderer.invoke(channel, ...args)),
  // One named subscription per event of the table; the page never sees ipcRenderer or the event object.
  ...ipcSubscribers((channel, listener) => {
    const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => void ipcRenderer.removeListener(channel, forward);
  }),
  pathForFile: (file) => webUtils.getPathForFile(file),
};

contextBridge.exposeInMainWorld('wrangle', api);
