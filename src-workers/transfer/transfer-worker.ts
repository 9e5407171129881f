/** Entry of the transfer worker process: copy and move. */
import { runWorker } from '../worker-runtime';
import type { JobSpec, TransferJobSpec } from '../../src-shared/worker-protocol';
import { builtFile } from '../../src-shared/built-entries';
import { ADDON_PATH } from './backend-choice';
import { ControlBlock } from './control-block';
import { prewarmLanes } from './lane-pool';
import { runTransfer } from './run-transfer';
import { currentOwner, tempTag } from './temp-names';

/** Copy threads a job uses unless the spec says otherwise (main sends 2). */
const DEFAULT_THREADS = 2;

// Only in the built worker process (not when a test imports this file): start the copy threads now, so
// their boot overlaps the host's start message and the counting instead of following them.
if (import.meta.url.endsWith(`/${builtFile('transfer-worker')}`)) {
  prewarmLanes(DEFAULT_THREADS, {
    control: ControlBlock.shared().buffer,
    engine: 'native',
    addonPath: ADDON_PATH,
    tempTag: tempTag(currentOwner()),
  });
}

runWorker(
  (spec: JobSpec): spec is TransferJobSpec => spec.kind === 'copy' || spec.kind === 'move',
  runTransfer,
);
