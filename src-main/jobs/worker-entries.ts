/** Where the built worker files are: beside the built main or CLI file that asks. */
import { join } from 'node:path';
import { builtFile } from '../../src-shared/built-entries';
import type { WorkerEntries } from './job-manager';

/** Worker entry files in `dir` (the folder of out/main). */
export function workerEntriesIn(dir: string): WorkerEntries {
  // One transfer worker does both copy and move (a move across filesystems is a verified copy).
  const transfer = join(dir, builtFile('transfer-worker'));
  return {
    scan: join(dir, builtFile('scan-worker')),
    copy: transfer,
    move: transfer,
    verify: join(dir, builtFile('verify-worker')),
    watch: join(dir, builtFile('watch-worker')),
  };
}
