/**
 * The IPC table is the one list of methods: the preload, main's handlers and registrations, and the e2e bridge
 * each cover exactly its methods, on its channels.
 */
import type { Page } from 'playwright';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IpcArgShapes } from '../../src-shared/ipc-arg-shapes';
import {
  ipcEvents,
  ipcMethods,
  wrangleEvents,
  wrangleIpc,
  type IpcHandlers,
  type IpcMethod,
} from '../../src-shared/ipc-channels';
import type { Engine } from '../../src-main/engine';

const exposed = new Map<string, Record<string, unknown>>();
const registered = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
const invoke = vi.fn(async (..._args: unknown[]): Promise<unknown> => 'answer');
type RendererListener = (event: unknown, payload: unknown) => void;
const rendererListeners = new Map<string, Set<RendererListener>>();

// Electron cannot load under plain Node: the preload's and main's only Electron calls are recorded instead.
vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api),
  },
  ipcRenderer: {
    invoke: (...args: unknown[]) => invoke(...args),
    on: (channel: string, listener: RendererListener) =>
      rendererListeners.set(channel, (rendererListeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel: string, listener: RendererListener) =>
      rendererListeners.get(channel)?.delete(listener),
  },
  webUtils: { getPathForFile: (file: { name: string }) => `/dropped/${file.name}` },
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) =>
      registered.set(channel, handler),
  },
}));

const { createIpcHandlers } = await import('../../src-main/ipc-handlers');
const { registerIpcHandlers } = await import('../../src-main/electron/ipc');
const { installBridge } = await import('../e2e/bridge');

const sorted = (names: Iterable<string>): string[] => [...names].sort();
const tableMethods = sorted(ipcMethods);
const tableChannels = sorted(ipcMethods.map((method) => wrangleIpc[method].channel));
const tableEvents = sorted(ipcEvents);
const eventChannels = sorted(ipcEvents.map((event) => wrangleEvents[event].channel));
/** Everything window.wrangle holds: the methods, the events' subscriptions and pathForFile. */
const apiKeys = sorted([...ipcMethods, ...ipcEvents, 'pathForFile']);

/** Handlers that answer with their method's name and what they were given. */
function echoHandlers(): IpcHandlers {
  const echo = (method: IpcMethod) => vi.fn((...args: unknown[]) => ({ method, args }));
  return Object.fromEntries(ipcMethods.map((method) => [method, echo(method)])) as unknown as IpcHandlers;
}

describe('the IPC table', () => {
  it('gives every method its own channel and known argument shapes', () => {
    expect(tableMethods.length).toBeGreaterThan(0);
    expect(new Set(tableChannels).size).toBe(tableChannels.length);
    expect(new Set([...tableChannels, ...eventChannels]).size).toBe(
      tableChannels.length + eventChannels.length,
    );
    expect(tableEvents.length).toBeGreaterThan(0);
    for (const method of ipcMethods)
      for (const shape of wrangleIpc[method].args) expect(Object.keys(IpcArgShapes)).toContain(shape);
  });
});

describe('the preload', () => {
  it("exposes exactly the table's methods and events (and pathForFile), each on its channel", async () => {
    await import('../../src-preload/index');
    const api = exposed.get('wrangle')!;
    expect(sorted(Object.keys(api))).toEqual(apiKeys);
    for (const event of ipcEvents) {
      const seen: unknown[] = [];
      const subscribe = api[event] as (listener: (payload: unknown) => void) => () => void;
      const unsubscribe = subscribe((payload) => seen.push(payload));
      const channel = wrangleEvents[event].channel;
      rendererListeners.get(channel)?.forEach((listener) => listener({ sender: 'main' }, 'payload'));
      expect(seen).toEqual(['payload']);
      unsubscribe();
      expect(rendererListeners.get(channel)?.size).toBe(0);
    }
    for (const method of ipcMethods) {
      invoke.mockClear();
      const call = api[method] as (...args: unknown[]) => Promise<unknown>;
      await expect(call('a', 'b')).resolves.toBe('answer');
      expect(invoke).toHaveBeenCalledWith(wrangleIpc[method].channel, 'a', 'b');
    }
    expect((api.pathForFile as (file: { name: string }) => string)({ name: 'SHOW' })).toBe('/dropped/SHOW');
  });
});

describe('main', () => {
  it("builds a handler for exactly the table's methods", () => {
    const engine = { manager: {}, server: {}, store: {}, token: 't' } as unknown as Engine;
    const config = { heartbeatIntervalMs: 1, pollIntervalMs: 1 };
    const handlers = createIpcHandlers({ engine, config, choosePaths: async () => null });
    expect(sorted(Object.keys(handlers))).toEqual(tableMethods);
  });

  it("registers exactly the table's channels, each reaching its own method's handler", async () => {
    registered.clear();
    const trusted = { sender: { id: 1 } };
    registerIpcHandlers(echoHandlers(), (event) => event === trusted);
    expect(sorted(registered.keys())).toEqual(tableChannels);
    const answer = await registered.get(wrangleIpc.getSnapshot.channel)!(trusted, 'job-1');
    expect(answer).toEqual({ method: 'getSnapshot', args: ['job-1'] });
  });
});

describe('the e2e bridge', () => {
  type PageFunction = (...args: unknown[]) => Promise<unknown>;
  const page = globalThis as unknown as Record<string, unknown>;
  afterEach(() => {
    for (const key of ['__wrangleIpc', '__wrangleDropPaths', '__wrangleEmit', 'wrangle'])
      Reflect.deleteProperty(page, key);
  });

  /** Install the bridge on a stand-in page whose init script runs here, with globalThis as its window. */
  async function bridgedPage(handlers: IpcHandlers) {
    let initScript: ((arg: unknown) => void) | undefined;
    let initArg: unknown;
    const fakePage = {
      exposeFunction: async (name: string, fn: PageFunction) => void (page[name] = fn),
      addInitScript: async (script: (arg: unknown) => void, arg: unknown) => {
        initScript = script;
        initArg = arg;
      },
    } as unknown as Page;
    const bridge = await installBridge(fakePage, () => handlers);
    initScript!(initArg);
    return { bridge, initArg, wrangle: page.wrangle as Record<string, PageFunction> };
  }

  it("is handed the table's method and event → channel maps and exposes exactly them", async () => {
    const { initArg, wrangle } = await bridgedPage(echoHandlers());
    expect(initArg).toEqual({
      methods: Object.fromEntries(ipcMethods.map((m) => [m, wrangleIpc[m].channel])),
      events: Object.fromEntries(ipcEvents.map((e) => [e, wrangleEvents[e].channel])),
    });
    expect(sorted(Object.keys(wrangle))).toEqual(apiKeys);
  });

  it("calls each method's own handler on its channel, counting calls per channel", async () => {
    const { bridge, wrangle } = await bridgedPage(echoHandlers());
    await expect(wrangle.cancel!('job-1')).resolves.toEqual({ method: 'cancel', args: ['job-1'] });
    await expect(wrangle.listJobs!()).resolves.toEqual({ method: 'listJobs', args: [] });
    expect(bridge.calls('jobs:cancel')).toBe(1);
    expect(bridge.calls('jobs:list')).toBe(1);
  });

  it('validates with the table (as main does), and refuses unknown channels', async () => {
    const handlers = echoHandlers();
    const { bridge, wrangle } = await bridgedPage(handlers);
    await expect(wrangle.cancel!('')).rejects.toThrow(/IPC jobs:cancel refused/);
    expect(handlers.cancel).not.toHaveBeenCalled();
    expect(bridge.calls('jobs:cancel')).toBe(1);
    const raw = page.__wrangleIpc as PageFunction;
    await expect(raw('jobs:format-disk', [])).rejects.toThrow(/unknown channel "jobs:format-disk"/);
  });
});
