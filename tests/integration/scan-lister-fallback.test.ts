/** The scan still works where the native lister was not built, and says so when it was demanded. */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, truncateSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanResultSchema } from '../../src-shared/jobs';
import { ScanTreeSchema } from '../../src-shared/scan-tree';
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

  it('finds the same image sequences as the native lister, with gaps and zero-byte frames', async () => {
    const sequencesOf = async (treePath: string, options: { workerPath?: string }) => {
      const { terminal } = await runScanWorker(scanSpec(root, treePath, { lister: 'auto' }), options);
      if (terminal.type !== 'completed')
        throw new Error(`scan did not complete: ${JSON.stringify(terminal)}`);
      const tree = ScanTreeSchema.parse(JSON.parse(readFileSync(treePath, 'utf8')));
      return tree.sequences.map((s) => JSON.stringify(s)).sort();
    };
    // One frame gone and one emptied, so problems are compared too.
    const firstExr = execFileSync('find', [root, '-type', 'f', '-name', '*.exr'], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .sort()[0] as string;
    const leaf = dirname(firstExr);
    const names = readdirSync(leaf).sort();
    rmSync(join(leaf, names[3] as string));
    truncateSync(join(leaf, names[7] as string), 0);
    const byNode = await sequencesOf(join(dir, 'node-tree.json'), { workerPath });
    const byNative = await sequencesOf(join(dir, 'native-tree.json'), {});
    expect(byNode.length).toBeGreaterThan(1);
    expect(byNode.some((text) => text.includes('"zero_byte":[') && !text.includes('"zero_byte":[]'))).toBe(
      true,
    );
    expect(byNode).toEqual(byNative);
  });

  it('fails clearly when the native lister is demanded but missing', async () => {
    const { terminal } = await runScanWorker(scanSpec(root, join(dir, 'native.json'), { lister: 'native' }), {
      workerPath,
    });
    expect(terminal).toMatchObject({ type: 'failed', code: 'INTERNAL_ERROR' });
    if (terminal.type === 'failed') expect(terminal.error).toMatch(/native lister could not be loaded/);
  });
});
