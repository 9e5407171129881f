/** The IPC wrapper: every handler checks its sender and validates its arguments against the table. */
import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { ipcMethods, type IpcHandlers, type IpcMethod } from '../../src-shared/ipc-channels';

type Handler = (event: unknown, ...args: unknown[]) => unknown;
const registered = new Map<string, Handler>();

// Electron itself cannot load under plain Node; ipcMain is stood in for by a registry of handlers.
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, handler: Handler) => registered.set(channel, handler) },
}));

const { registerIpcHandlers } = await import('../../src-main/electron/ipc');

const trustedEvent = { sender: { id: 1 } };
const strangerEvent = { sender: { id: 2 } };
const isTrusted = (event: unknown): boolean => event === trustedEvent;

/** A spy for every method; `overrides` answer for some. */
function spyHandlers(overrides: Partial<Record<IpcMethod, (...args: never[]) => unknown>> = {}) {
  const spies = Object.fromEntries(
    ipcMethods.map((method) => [method, vi.fn(overrides[method] ?? (() => undefined))]),
  ) as Record<IpcMethod, Mock>;
  return { spies, handlers: spies as unknown as IpcHandlers };
}

describe('registerIpcHandlers', () => {
  beforeEach(() => registered.clear());

  it('passes validated arguments to the handler', async () => {
    const { spies, handlers } = spyHandlers({
      startScan: (paths: string[]) => paths.map((path) => ({ path })),
    });
    registerIpcHandlers(handlers, isTrusted);
    const result = await registered.get('jobs:start-scan')?.(trustedEvent, ['/shows/a', '/shows/b']);
    expect(spies.startScan).toHaveBeenCalledWith(['/shows/a', '/shows/b']);
    expect(result).toEqual([{ path: '/shows/a' }, { path: '/shows/b' }]);
  });

  it('refuses a sender that is not our window', () => {
    const { spies, handlers } = spyHandlers();
    registerIpcHandlers(handlers, isTrusted);
    expect(() => registered.get('jobs:list')?.(strangerEvent)).toThrow(/sender is not Wrangle's window/);
    expect(spies.listJobs).not.toHaveBeenCalled();
  });

  it.each([
    ['jobs:start-scan', 'startScan', [[]]],
    ['jobs:start-scan', 'startScan', ['/not/an/array']],
    ['jobs:start-scan', 'startScan', [[42]]],
    ['jobs:cancel', 'cancel', ['']],
    ['jobs:cancel', 'cancel', [{ batch_id: 'x' }]],
    ['jobs:get-snapshot', 'getSnapshot', []],
    ['jobs:get-result', 'getResult', ['x'.repeat(200)]],
  ] as const)('refuses %s with arguments %j', (channel, method, args) => {
    const { spies, handlers } = spyHandlers();
    registerIpcHandlers(handlers, isTrusted);
    expect(() => registered.get(channel)?.(trustedEvent, ...args)).toThrow(
      new RegExp(`IPC ${channel} refused`),
    );
    expect(spies[method]).not.toHaveBeenCalled();
  });
});
