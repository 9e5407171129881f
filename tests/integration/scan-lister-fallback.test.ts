/** The scan still works where the native lister was not built, and says so when it was demanded. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanResultSchema } from '../../src-shared/jobs';
import { runScanWorker, scanSpec, stagedWorker } from '../helpers/scan-worker-client';
import { buildShowTree, findCensus, makeTempDir } from '../helpers/trees';

describe('a scan worker without the native lister', () => {
  let dir: string;
  let root: string;
  let workerPath: string;

  beforeAll(() => {
    dir = makeTempDir('scan-fallback');
    root = join(dir, 'SHOW');
    buildShowTree(root, { sequences: 1, shots: 2, versions: 1, frames: 30 });
    workerPath = stagedWorker({ addon: false });
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("falls back to Node's fs under 'auto' and still counts what find counts", async () => {
    const { terminal } = await runScanWorker(scanSpec(root, join(dir, 'auto.json'), { lister: 'auto' }), {
      workerPath,
    });
    if (terminal.type !== 'completed') throw new Error(`scan did not complete: ${JSON.stringify(terminal)}`);
    const result = ScanResultSchema.parse(terminal.result);
    const census = findCensus(root, 20);
    expect(result).toMatchObject({
      file_count: census.file_count,
      directory_count: census.directory_count,
      total_size: census.total_size,
    });
  });

  it('fails clearly when the native lister is demanded but missing', async () => {
    const { terminal } = await runScanWorker(scanSpec(root, join(dir, 'native.json'), { lister: 'native' }), {
      workerPath,
    });
    expect(terminal).toMatchObject({ type: 'failed', code: 'INTERNAL_ERROR' });
    if (terminal.type === 'failed') expect(terminal.error).toMatch(/native lister could not be loaded/);
  });
});
