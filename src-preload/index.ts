/**
 * The preload: window.wrangle offers one named function per method of the IPC table, never ipcRenderer itself.
 * Sandboxed, it can require nothing but electron: what it imports from src-shared must bundle into it (the
 * table does; zod, which electron-vite leaves external, must not be reached from here).
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { ipcInvokers, type WrangleApi } from '../src-shared/ipc-channels';

const api: WrangleApi = {
  ...ipcInvokers((channel, args) => ipcRenderer.invoke(channel, ...args)),
  pathForFile: (file) => webUtils.getPathForFile(file),
};

contextBridge.exposeInMainWorld('wrangle', api);
