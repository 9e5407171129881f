/** Entry of the scan worker process. */
import { runWorker } from '../worker-runtime';
import type { JobSpec, ScanJobSpec } from '../../src-shared/worker-protocol';
import { runScan } from './run-scan';

runWorker((spec: JobSpec): spec is ScanJobSpec => spec.kind === 'scan', runScan);
