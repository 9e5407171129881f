/** Quitting while copies or moves run asks first: main's decision, with Electron's app and window stood in for. */
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import type { JobInfo, JobKind, JobState } from '../../src-shared/jobs';

const app = Object.assign(new EventEmitter(), { quit: vi.fn() });
vi.mock('electron', () => ({ app }));

const { installQuitGuard } = await import('../../src-main/electron/quit');
const { unfinishedTransfers } = await import('../../src-main/quit-guard');

/** An event whose preventDefault is recorded. */
function quitEvent() {
  return { preventDefault: vi.fn() };
}

function job(batch_id: string, kind: JobKind, state: JobState): JobInfo {
  return { batch_id, kind, state } as JobInfo;
}

function setUp(jobs: JobInfo[]) {
  app.removeAllListeners();
  app.quit.mockClear();
  const windowEvents = new EventEmitter();
  const send = vi.fn();
  const window = {
    on: (name: string, listener: (...args: unknown[]) => void) => windowEvents.on(name, listener),
    isDestroyed: () => false,
    isMinimized: () => false,
    restore: vi.fn(),
    focus: vi.fn(),
    webContents: { send },
  } as unknown as BrowserWindow;
  const manager = {
    listJobs: vi.fn(() => jobs),
    cancel: vi.fn((id: string) => {
      const found = jobs.find((j) => j.batch_id === id);
      if (found) found.state = 'cancelled';
      return true;
    }),
  };
  const stop = vi.fn(async () => undefined);
  const guard = installQuitGuard(window, manager, stop);
  return { guard, send, manager, stop, closeWindow: (e: unknown) => windowEvents.emit('close', e) };
}

describe('the quit guard', () => {
  beforeEach(() => vi.clearAllMocks());

  it('counts only copies and moves that have not ended', () => {
    const jobs = [
      job('a', 'copy', 'running'),
      job('b', 'move', 'queued'),
      job('c', 'scan', 'running'),
      job('d', 'copy', 'completed'),
      job('e', 'verify', 'running'),
    ];
    expect(unfinishedTransfers(jobs).map((j) => j.batch_id)).toEqual(['a', 'b']);
  });

  it('quits at once (stopping the engine) when no transfer runs', async () => {
    const { send, stop } = setUp([job('s', 'scan', 'running'), job('c', 'copy', 'completed')]);
    const event = quitEvent();
    app.emit('before-quit', event);
    expect(send).not.toHaveBeenCalled();
    expect(stop).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledOnce());
  });

  it('holds Quit while transfers run and asks the renderer with their count', () => {
    const { send, stop, manager } = setUp([job('a', 'copy', 'running'), job('b', 'move', 'running')]);
    const event = quitEvent();
    app.emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(send).toHaveBeenCalledWith('app:quit-requested', { transfers: 2 });
    expect(stop).not.toHaveBeenCalled();
    expect(manager.cancel).not.toHaveBeenCalled();
  });

  it('holds closing the window too', () => {
    const { send, closeWindow, stop } = setUp([job('a', 'copy', 'running')]);
    const event = quitEvent();
    closeWindow(event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(send).toHaveBeenCalledWith('app:quit-requested', { transfers: 1 });
    expect(stop).not.toHaveBeenCalled();
  });

  it('keeps running on "Keep running": nothing cancelled, no quit', () => {
    const { guard, manager, stop } = setUp([job('a', 'copy', 'running')]);
    app.emit('before-quit', quitEvent());
    guard.answer(false);
    expect(manager.cancel).not.toHaveBeenCalled();
    expect(app.quit).not.toHaveBeenCalled();
    expect(stop).not.toHaveBeenCalled();
  });

  it('on "Quit and cancel" cancels every transfer, then quits without asking again', async () => {
    const { guard, manager, send, stop, closeWindow } = setUp([
      job('a', 'copy', 'running'),
      job('b', 'move', 'queued'),
      job('s', 'scan', 'running'),
    ]);
    app.emit('before-quit', quitEvent());
    guard.answer(true);
    expect(manager.cancel.mock.calls.map(([id]) => id)).toEqual(['a', 'b']);
    expect(app.quit).toHaveBeenCalledOnce();
    // The quit that follows goes through: before-quit stops the engine, the window closes unasked.
    const again = quitEvent();
    app.emit('before-quit', again);
    const close = quitEvent();
    closeWindow(close);
    expect(close.preventDefault).not.toHaveBeenCalled();
    expect(stop).toHaveBeenCalledOnce();
    expect(send).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(2));
  });
});
