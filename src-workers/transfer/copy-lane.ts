/** A copy thread: takes one folder's batch of files at a time from the coordinator and copies them. */
import { parentPort, workerData } from 'node:worker_threads';
import { ControlBlock } from './control-block';
import type { FsBackend } from './fs-backend';
import { DeferredVerify } from './deferred-verify';
import { runFile, type LaneFile } from './lane-file';
import {
  COMPARE_FLAG,
  LANE_CANCELLED,
  laneResults,
  revive,
  type LaneBatch,
  type LaneInit,
  type LaneMessage,
} from './lane-protocol';
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

/** Where a file is compared: its one destination's folder, also when the batch goes to several. */
function compareAt(batch: LaneBatch, index: number): number {
  const mask = batch.outMasks?.[index] ?? 0;
  if (!batch.dstDirs || !((batch.flags[index] ?? 0) & COMPARE_FLAG) || mask === 0) return batch.dstDir;
  return batch.dstDirs[31 - Math.clz32(mask)] ?? -1;
}

/** Copy every file of a batch in order; after a cancel the rest are marked cancelled, not started. */
function runBatch(backend: FsBackend, batch: LaneBatch): void {
  const into = laneResults(batch.names.length);
  backend.hintDevices(batch.srcDev, batch.dstDev);
  backend.setHashMask(batch.hashMask);
  const deferred = new DeferredVerify(backend, control);
  for (let index = 0; index < batch.names.length; index++) {
    if (control.cancelled) {
      into.results[index] = LANE_CANCELLED;
      continue;
    }
    control.working(init.lane, batch.id, index);
    const name = revive(batch.names[index] as string);
    const target = batch.targets[index];
    const file: LaneFile = {
      srcDir: batch.srcDir,
      dstDir: compareAt(batch, index),
      name,
      target: target === null || target === undefined ? name : revive(target),
      size: batch.sizes[index] ?? 0,
      flags: batch.flags[index] ?? 0,
      into,
      index,
      lane: init.lane,
      dstDirs: batch.dstDirs,
      outMask: batch.outMasks?.[index] ?? 0,
    };
    if (deferred.takes(file)) deferred.add(file);
    else runFile(backend, control, file);
  }
  // Copies still waiting are written already: they are read back and named (or discarded) now.
  deferred.flush();
  control.working(init.lane, -1, -1);
  post({ type: 'done', id: batch.id, results: into });
}

loadBackend().then(
  (backend) => {
    backend.setTempTag(init.tempTag);
    port.on('message', (batch: LaneBatch) => runBatch(backend, batch));
    post({ type: 'ready' });
  },
  (error: unknown) => post({ type: 'error', message: (error as Error).message }),
);
