/** Stands in for the preload: window.wrangle in the page calls the real IPC handlers in the test process. */
import type { Page } from 'playwright';
import { IpcArgSchemas, type IpcArgs, type IpcChannel } from '../../src-shared/ipc-channels';
import type { IpcHandlers } from '../../src-main/ipc-handlers';

/** The bridge's view of the IPC traffic, and the folder the stand-in dialog returns. */
export interface Bridge {
  /** How many calls each channel received (valid or not). */
  calls(channel: IpcChannel): number;
  /** What "Choose folder…" returns next (null: the user cancelled the dialog). */
  chosenFolder: string | null;
}

function isChannel(value: unknown): value is IpcChannel {
  return typeof value === 'string' && Object.hasOwn(IpcArgSchemas, value);
}

/** Validate like src-main/electron/ipc.ts, then run the channel's handler. */
async function dispatch<C extends IpcChannel>(
  handlers: IpcHandlers,
  channel: C,
  raw: unknown,
): Promise<unknown> {
  const parsed = IpcArgSchemas[channel].safeParse(raw);
  if (!parsed.success)
    throw new Error(`IPC ${channel} refused: ${parsed.error.issues[0]?.message ?? 'bad arguments'}.`);
  const handler = handlers[channel] as (...args: IpcArgs<C>) => unknown;
  return handler(...(parsed.data as IpcArgs<C>));
}

/** Runs in the page before its scripts: the same named functions the preload exposes. */
function installApi(): void {
  type Invoke = (channel: string, args: unknown[]) => Promise<unknown>;
  const w = globalThis as unknown as {
    __wrangleIpc: Invoke;
    __wrangleDropPaths: Record<string, string>;
    wrangle: unknown;
  };
  w.__wrangleDropPaths = {};
  // Results cross as one JSON string: Playwright walks structured values element by element, which for a
  // 100k-folder tree costs seconds that Electron's IPC (structured clone) never spends.
  const invoke = async (channel: string, ...args: unknown[]): Promise<unknown> => {
    const json = (await w.__wrangleIpc(channel, args)) as string | undefined;
    return json === undefined ? undefined : JSON.parse(json);
  };
  w.wrangle = Object.freeze({
    startScan: (paths: string[]) => invoke('jobs:start-scan', paths),
    startCopy: (request: unknown) => invoke('jobs:start-copy', request),
    startMove: (request: unknown) => invoke('jobs:start-move', request),
    checkTransfer: (kind: string, request: unknown) => invoke('jobs:check-transfer', kind, request),
    retryFailed: (batchId: string) => invoke('jobs:retry-failed', batchId),
    startVerify: (request: unknown) => invoke('jobs:start-verify', request),
    cancel: (batchId: string) => invoke('jobs:cancel', batchId),
    pause: (batchId: string) => invoke('jobs:pause', batchId),
    resume: (batchId: string) => invoke('jobs:resume', batchId),
    getSnapshot: (batchId: string) => invoke('jobs:get-snapshot', batchId),
    listJobs: () => invoke('jobs:list'),
    getResult: (batchId: string) => invoke('jobs:get-result', batchId),
    getTree: (batchId: string) => invoke('jobs:get-tree', batchId),
    getProgressEndpoint: () => invoke('progress:get-endpoint'),
    chooseFolder: () => invoke('dialog:choose-folder'),
    pathForFile: (file: { name: string }) => w.__wrangleDropPaths[file.name] ?? '',
  });
}

/** Install the bridge on a page (before it navigates). `handlers` come from createIpcHandlers. */
export async function installBridge(
  page: Page,
  makeHandlers: (chooseFolder: () => Promise<string | null>) => IpcHandlers,
): Promise<Bridge> {
  const counts = new Map<IpcChannel, number>();
  const bridge: Bridge = {
    calls: (channel) => counts.get(channel) ?? 0,
    chosenFolder: null,
  };
  const handlers = makeHandlers(async () => bridge.chosenFolder);
  await page.exposeFunction('__wrangleIpc', async (channel: unknown, args: unknown) => {
    if (!isChannel(channel)) throw new Error(`IPC refused: unknown channel ${JSON.stringify(channel)}.`);
    counts.set(channel, (counts.get(channel) ?? 0) + 1);
    return JSON.stringify(await dispatch(handlers, channel, args));
  });
  await page.addInitScript(installApi);
  return bridge;
}
