/** A copy thread: takes one folder's batch of files at a time from the coordinator and copies them. */
import { parentPort, workerData } from 'node:worker_threads';
import { ControlBlock } from './control-block';
import type { FsBackend } from './fs-backend';
import { runItem } from './lane-file';
import {
  revive,
  type LaneBatch,
  type LaneInit,
  type LaneItemResult,
  type LaneMessage,
} from './lane-protocol';
import { LANE_CANCELLED } from './lane-protocol';
import { loadNativeBackend } from './native-backend';
import { createNodeBackend } from './node-backend';

const port = parentPort;
if (!port) throw new Error('copy-lane runs as a worker thread of a transfer.');
const init = workerData as LaneInit;
const control = new ControlBlock(init.control);

function post(message: LaneMessage): void {
  port?.postMessage(message);
}

async function loadBackend(): Promise<FsBackend> {
  if (init.engine === 'node') return createNodeBackend();
  const loaded = loadNativeBackend(init.addonPath);
  if ('reason' in loaded) throw new Error(`The native file engine did not load: ${loaded.reason}`);
  return loaded.backend;
}

loadBackend().then(
  (backend) => {
    backend.setTempTag(init.tempTag);
    port.on('message', (batch: LaneBatch) => {
      const results: LaneItemResult[] = [];
      for (const [index, raw] of batch.items.entries()) {
        control.working(init.lane, batch.id, index);
        if (control.cancelled) {
          results.push({
            result: LANE_CANCELLED,
            advanced: 0,
            written: 0,
            removeErrno: 0,
            sourceHash: '',
            copyHash: '',
          });
          continue;
        }
        const item = {
          ...raw,
          name: revive(raw.name),
          target: revive(raw.target),
          ...(raw.compareWith === undefined ? {} : { compareWith: revive(raw.compareWith) }),
        };
        results.push(runItem(backend, control, batch.srcDir, batch.dstDir, item));
      }
      control.working(init.lane, -1, -1);
      post({ type: 'done', id: batch.id, results });
    });
    post({ type: 'ready' });
  },
  (error: unknown) => post({ type: 'error', message: (error as Error).message }),
);
