/** Stands in for the preload: window.wrangle in the page calls the real IPC handlers in the test process. */
import type { Page } from 'playwright';
import { callIpcHandler } from '../../src-shared/ipc-args';
import {
  ipcChannelMap,
  ipcEventChannelMap,
  ipcMethodOf,
  wrangleEvents,
  wrangleIpc,
  type IpcChannel,
  type IpcEvent,
  type IpcEventPayload,
} from '../../src-shared/ipc-channels';
import type { IpcHandlers } from '../../src-main/ipc-handlers';
import { pickerOptions, type PickerOptions, type PickerPurpose } from '../../src-shared/picker-options';

/** The bridge's view of the IPC traffic, and the folder the stand-in dialog returns. */
export interface Bridge {
  /** How many calls each channel received (valid or not). */
  calls(channel: IpcChannel): number;
  /** What "Choose folder…" returns next (null: the user cancelled the dialog). */
  chosenFolder: string | null;
  /** Every path revealPath was asked to show (validated), in order: the file manager's stand-in. */
  revealed: string[];
  /** What a 'sources' picker returns (null: [chosenFolder]). */
  chosenSources: string[] | null;
  /** Every picker opened so far, with the title and button main would give it. */
  pickers: (PickerOptions & { purpose: PickerPurpose })[];
  /** Send one of the table's events to the page, as main's webContents.send does. */
  emit<E extends IpcEvent>(event: E, payload: IpcEventPayload<E>): Promise<void>;
}

/** What the page is handed: the table's method → channel and event → channel maps. */
export interface BridgeChannels {
  methods: Record<string, string>;
  events: Record<string, string>;
}

/**
 * Runs in the page before its scripts: the same named functions the preload exposes, one per entry of
 * `channels` (the IPC table's method → channel and event → channel maps, handed over by installBridge).
 */
function installApi(channels: BridgeChannels): void {
  type Invoke = (channel: string, args: unknown[]) => Promise<unknown>;
  type Listener = (payload: unknown) => void;
  const w = globalThis as unknown as {
    __wrangleIpc: Invoke;
    __wrangleDropPaths: Record<string, string>;
    __wrangleEmit: (channel: string, payload: unknown) => void;
    wrangle: unknown;
  };
  w.__wrangleDropPaths = {};
  const listeners = new Map<string, Set<Listener>>();
  w.__wrangleEmit = (channel, payload) => listeners.get(channel)?.forEach((listener) => listener(payload));
  const subscribers = Object.entries(channels.events).map(([event, channel]) => [
    event,
    (listener: Listener) => {
      const set = listeners.get(channel) ?? new Set<Listener>();
      listeners.set(channel, set.add(listener));
      return () => void set.delete(listener);
    },
  ]);
  // Results cross as one JSON string: Playwright walks structured values element by element, which for a
  // 100k-folder tree costs seconds that Electron's IPC (structured clone) never spends.
  const invoke = async (channel: string, args: unknown[]): Promise<unknown> => {
    const json = (await w.__wrangleIpc(channel, args)) as string | undefined;
    return json === undefined ? undefined : JSON.parse(json);
  };
  const methods = Object.entries(channels.methods).map(([method, channel]) => [
    method,
    (...args: unknown[]) => invoke(channel, args),
  ]);
  w.wrangle = Object.freeze({
    ...Object.fromEntries(methods),
    ...Object.fromEntries(subscribers),
    pathForFile: (file: { name: string }) => w.__wrangleDropPaths[file.name] ?? '',
  });
}

/** Install the bridge on a page (before it navigates). `handlers` come from createIpcHandlers. */
export async function installBridge(
  page: Page,
  makeHandlers: (
    choosePaths: (purpose: PickerPurpose) => Promise<string[]>,
    revealPath: (path: string) => void,
  ) => IpcHandlers,
): Promise<Bridge> {
  const counts = new Map<IpcChannel, number>();
  const bridge: Bridge = {
    calls: (channel) => counts.get(channel) ?? 0,
    chosenFolder: null,
    revealed: [],
    chosenSources: null,
    pickers: [],
    emit: async (event, payload) => {
      const emitInPage = ([channel, data]: [string, unknown]): void =>
        (globalThis as unknown as { __wrangleEmit: (c: string, p: unknown) => void }).__wrangleEmit(
          channel,
          data,
        );
      await page.evaluate(emitInPage, [wrangleEvents[event].channel, payload] as [string, unknown]);
    },
  };
  const handlers = makeHandlers(
    async (purpose) => {
      bridge.pickers.push({ purpose, ...pickerOptions(purpose) });
      const folder = bridge.chosenFolder === null ? [] : [bridge.chosenFolder];
      return purpose === 'sources' ? (bridge.chosenSources ?? folder) : folder;
    },
    (path) => void bridge.revealed.push(path),
  );
  await page.exposeFunction('__wrangleIpc', async (channel: unknown, args: unknown) => {
    const method = ipcMethodOf(channel);
    if (!method) throw new Error(`IPC refused: unknown channel ${JSON.stringify(channel)}.`);
    const known = wrangleIpc[method].channel;
    counts.set(known, (counts.get(known) ?? 0) + 1);
    // Validated exactly as main validates: the same function, from the same table.
    return JSON.stringify(await callIpcHandler(handlers, method, args));
  });
  const channels: BridgeChannels = { methods: ipcChannelMap(), events: ipcEventChannelMap() };
  await page.addInitScript(installApi, channels);
  return bridge;
}
