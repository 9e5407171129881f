/** The Electron WorkerHost: an exit carries app's child-process-gone reason, whichever of the two comes first. */
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Details } from 'electron';
import type { WorkerExit } from '../../src-main/jobs/worker-host';

/** A utility process as far as the host uses it. */
class FakeUtilityProcess extends EventEmitter {
  pid = 4242;
  readonly posted: unknown[] = [];
  killed = false;
  constructor(readonly serviceName: string) {
    super();
  }
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  kill(): boolean {
    this.killed = true;
    return true;
  }
}

const forked: FakeUtilityProcess[] = [];

// Electron itself cannot load under plain Node; utilityProcess.fork is stood in for.
vi.mock('electron', () => ({
  utilityProcess: {
    fork: (_entry: string, _args: string[], options: { serviceName: string }) => {
      const child = new FakeUtilityProcess(options.serviceName);
      forked.push(child);
      return child;
    },
  },
}));

const { createUtilityWorkerHost, GONE_WAIT_MS } = await import('../../src-main/electron/utility-worker-host');

/** A host whose child-process-gone events the test fires itself. */
function hostWithGone() {
  let emitGone: (details: Details) => void = () => undefined;
  const host = createUtilityWorkerHost((listener) => (emitGone = listener));
  const gone = (child: FakeUtilityProcess, reason: Details['reason'], exitCode: number): void =>
    emitGone({ type: 'Utility', reason, exitCode, name: child.serviceName });
  return { host, gone };
}

/** Fork one worker and collect its exits. */
function forkOne(host: ReturnType<typeof hostWithGone>['host'], name = 'wrangle-scan-job') {
  const worker = host.fork('/out/main/scan-worker.cjs', name);
  const exits: WorkerExit[] = [];
  worker.onExit((exit) => exits.push(exit));
  return { worker, child: forked.at(-1)!, exits };
}

beforeEach(() => {
  forked.length = 0;
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('utility worker host', () => {
  it('gives every process a unique service name, so a gone event names exactly one', () => {
    const { host } = hostWithGone();
    forkOne(host, 'wrangle-scan-spare');
    forkOne(host, 'wrangle-scan-spare');
    expect(forked.map((child) => child.serviceName)).toEqual([
      'wrangle-scan-spare#1',
      'wrangle-scan-spare#2',
    ]);
  });

  it('reports the reason when child-process-gone comes before the exit', () => {
    const { host, gone } = hostWithGone();
    const { child, exits } = forkOne(host);
    gone(child, 'oom', 9);
    child.emit('exit', 9);
    expect(exits).toEqual([{ code: 9, signal: null, reason: 'oom' }]);
  });

  it('waits for child-process-gone when the exit comes first, then reports its reason', () => {
    const { host, gone } = hostWithGone();
    const { child, exits } = forkOne(host);
    child.emit('exit', 15);
    expect(exits).toEqual([]);
    gone(child, 'killed', 15);
    expect(exits).toEqual([{ code: 15, signal: null, reason: 'killed' }]);
    // Once only: the wait's timer is gone with it.
    vi.advanceTimersByTime(GONE_WAIT_MS);
    expect(exits).toHaveLength(1);
  });

  it('reports an unclean exit without a reason when none comes in time', () => {
    const { host, gone } = hostWithGone();
    const { child, exits } = forkOne(host);
    const other = forkOne(host, 'wrangle-copy-job').child;
    child.emit('exit', 1);
    gone(other, 'crashed', 1); // another process's reason is not this one's
    vi.advanceTimersByTime(GONE_WAIT_MS - 1);
    expect(exits).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(exits).toEqual([{ code: 1, signal: null }]);
  });

  it('reports a clean exit at once, and sends or kills nothing after it', () => {
    const { host } = hostWithGone();
    const { worker, child, exits } = forkOne(host);
    worker.postMessage({ type: 'start' });
    child.emit('exit', 0);
    expect(exits).toEqual([{ code: 0, signal: null }]);
    worker.postMessage({ type: 'cancel' });
    worker.kill();
    expect(child.posted).toEqual([{ type: 'start' }]);
    expect(child.killed).toBe(false);
  });
});
