/** The IPC wrapper: every handler checks its sender and validates its arguments against the schema. */
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Handler = (event: unknown, ...args: unknown[]) => unknown;
const registered = new Map<string, Handler>();

// Electron itself cannot load under plain Node; ipcMain is stood in for by a registry of handlers.
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, handler: Handler) => registered.set(channel, handler) },
}));

const { handleIpc } = await import('../../src-main/electron/ipc');

const trustedEvent = { sender: { id: 1 } };
const strangerEvent = { sender: { id: 2 } };
const isTrusted = (event: unknown): boolean => event === trustedEvent;

describe('handleIpc', () => {
  beforeEach(() => registered.clear());

  it('passes validated arguments to the handler', async () => {
    const handler = vi.fn((paths: string[]) => paths.map((path) => ({ path })));
    handleIpc('jobs:start-scan', isTrusted, handler as never);
    const result = await registered.get('jobs:start-scan')?.(trustedEvent, ['/shows/a', '/shows/b']);
    expect(handler).toHaveBeenCalledWith(['/shows/a', '/shows/b']);
    expect(result).toEqual([{ path: '/shows/a' }, { path: '/shows/b' }]);
  });

  it('refuses a sender that is not our window', () => {
    const handler = vi.fn();
    handleIpc('jobs:list', isTrusted, handler);
    expect(() => registered.get('jobs:list')?.(strangerEvent)).toThrow(/sender is not Wrangle's window/);
    expect(handler).not.toHaveBeenCalled();
  });

  it.each([
    ['jobs:start-scan', [[]]],
    ['jobs:start-scan', ['/not/an/array']],
    ['jobs:start-scan', [[42]]],
    ['jobs:cancel', ['']],
    ['jobs:cancel', [{ batch_id: 'x' }]],
    ['jobs:get-snapshot', []],
    ['jobs:get-result', ['x'.repeat(200)]],
  ] as const)('refuses %s with arguments %j', (channel, args) => {
    const handler = vi.fn();
    handleIpc(channel, isTrusted, handler);
    expect(() => registered.get(channel)?.(trustedEvent, ...args)).toThrow(
      new RegExp(`IPC ${channel} refused`),
    );
    expect(handler).not.toHaveBeenCalled();
  });
});
