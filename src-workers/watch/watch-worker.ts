/** Entry of the watch worker process. */
import { runWorker } from '../worker-runtime';
import type { JobSpec, WatchJobSpec } from '../../src-shared/worker-protocol';
import { runWatch } from './run-watch';

runWorker((spec: JobSpec): spec is WatchJobSpec => spec.kind === 'watch', runWatch);
