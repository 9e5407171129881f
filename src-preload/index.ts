/** The preload: window.wrangle offers one named function per IPC channel, never ipcRenderer itself. */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { IpcArgs, IpcChannel, IpcResult, WrangleApi } from '../src-shared/ipc-channels';

function invoke<C extends IpcChannel>(channel: C, ...args: IpcArgs<C>): Promise<IpcResult<C>> {
  return ipcRenderer.invoke(channel, ...args) as Promise<IpcResult<C>>;
}

const api: WrangleApi = {
  startScan: (paths) => invoke('jobs:start-scan', paths),
  startCopy: (request) => invoke('jobs:start-copy', request),
  startMove: (request) => invoke('jobs:start-move', request),
  checkTransfer: (kind, request) => invoke('jobs:check-transfer', kind, request),
  retryFailed: (batchId) => invoke('jobs:retry-failed', batchId),
  startVerify: (request) => invoke('jobs:start-verify', request),
  cancel: (batchId) => invoke('jobs:cancel', batchId),
  pause: (batchId) => invoke('jobs:pause', batchId),
  resume: (batchId) => invoke('jobs:resume', batchId),
  getSnapshot: (batchId) => invoke('jobs:get-snapshot', batchId),
  listJobs: () => invoke('jobs:list'),
  getResult: (batchId) => invoke('jobs:get-result', batchId),
  getTree: (batchId) => invoke('jobs:get-tree', batchId),
  getProgressEndpoint: () => invoke('progress:get-endpoint'),
  chooseFolder: () => invoke('dialog:choose-folder'),
  pathForFile: (file) => webUtils.getPathForFile(file),
};

contextBridge.exposeInMainWorld('wrangle', api);
