/** Entry of the transfer worker process: copy and move. */
import { runWorker } from '../worker-runtime';
import type { JobSpec, TransferJobSpec } from '../../../src-shared/worker-protocol';
import { runTransfer } from './run-transfer';

runWorker(
  (spec: JobSpec): spec is TransferJobSpec => spec.kind === 'copy' || spec.kind === 'move',
  runTransfer,
);
