/** Entry of the verify worker process: checks one folder against its ASC MHL history or checksum files. */
import { runWorker } from '../worker-runtime';
import type { JobSpec, VerifyJobSpec } from '../../src-shared/worker-protocol';
import { runVerify } from './run-verify';

runWorker((spec: JobSpec): spec is VerifyJobSpec => spec.kind === 'verify', runVerify);
