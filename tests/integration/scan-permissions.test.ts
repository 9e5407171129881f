/** Unreadable folders, scanned as an unprivileged user (root bypasses permissions), plus root errors. */
import { chmodSync, chownSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LARGEST_LIMIT, ScanResultSchema } from '../../src-shared/jobs';
import { ScanTreeSchema, scanTreeRelativePath } from '../../src-shared/scan-tree';
import { runScanWorker, scanSpec } from '../helpers/scan-worker-client';
import { buildShowTree, findCensus, makeTempDir } from '../helpers/trees';

const NOBODY = { uid: 65534, gid: 65534 };
const isRoot = process.getuid?.() === 0;

describe('scan root errors', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeTempDir('scan-root-errors');
    writeFileSync(join(dir, 'plate.mov'), 'x');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails with SOURCE_NOT_FOUND naming a missing root', async () => {
    const missing = join(dir, 'no such show');
    const { terminal } = await runScanWorker(scanSpec(missing, join(dir, 'tree.json')));
    expect(terminal.type).toBe('failed');
    if (terminal.type !== 'failed') return;
    expect(terminal.code).toBe('SOURCE_NOT_FOUND');
    expect(terminal.error).toContain(missing);
  });

  it('fails with NOT_A_DIRECTORY when the root is a file', async () => {
    const file = join(dir, 'plate.mov');
    const { terminal } = await runScanWorker(scanSpec(file, join(dir, 'tree.json')));
    expect(terminal.type).toBe('failed');
    if (terminal.type !== 'failed') return;
    expect(terminal.code).toBe('NOT_A_DIRECTORY');
    expect(terminal.error).toContain(file);
  });
});

describe.skipIf(!isRoot)('scan as an unprivileged user', () => {
  let dir: string;
  let root: string;
  let outDir: string;

  beforeAll(() => {
    dir = makeTempDir('scan-perms');
    chmodSync(dir, 0o755);
    root = join(dir, 'SHOW');
    buildShowTree(root, { sequences: 1, shots: 2, versions: 1, frames: 20 });
    mkdirSync(join(root, 'locked', 'inner'), { recursive: true });
    writeFileSync(join(root, 'locked', 'secret.exr'), 'hidden');
    chmodSync(join(root, 'locked'), 0o000);
    mkdirSync(join(root, 'closed-root'));
    chmodSync(join(root, 'closed-root'), 0o700);
    outDir = join(dir, 'out');
    mkdirSync(outDir);
    chownSync(outDir, NOBODY.uid, NOBODY.gid);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['native', 'node'] as const)(
    'records the unreadable folder and goes on with the %s lister; counts match find run as nobody',
    async (lister) => {
      const treePath = join(outDir, `tree-${lister}.json`);
      const { terminal } = await runScanWorker(scanSpec(root, treePath, { lister }), NOBODY);
      if (terminal.type !== 'completed')
        throw new Error(`scan did not complete: ${JSON.stringify(terminal)}`);
      const result = ScanResultSchema.parse(terminal.result);
      const census = findCensus(root, LARGEST_LIMIT, NOBODY);

      expect(result.file_count).toBe(census.file_count);
      expect(result.directory_count).toBe(census.directory_count);
      expect(result.symlink_count).toBe(census.symlink_count);
      expect(result.total_size).toBe(census.total_size);
      // Both unreadable folders still count as folders.
      expect(result.error_count).toBe(2);
      const locked = result.errors.find((error) => error.path === join(root, 'locked'));
      expect(locked).toMatchObject({ code: 'SCAN_PERMISSION_ERROR', errno: 'EACCES' });
      expect(locked?.message).toMatch(/permission/i);

      const tree = ScanTreeSchema.parse(JSON.parse(readFileSync(treePath, 'utf8')));
      const index = tree.dirs.name.findIndex((_, i) => scanTreeRelativePath(tree, i) === 'locked');
      expect(tree.dirs.error[index]).toBe(1);
    },
  );

  it('fails with SCAN_PERMISSION_ERROR when the root itself is unreadable', async () => {
    const closed = join(root, 'closed-root');
    const { terminal } = await runScanWorker(scanSpec(closed, join(outDir, 'closed.json')), NOBODY);
    expect(terminal.type).toBe('failed');
    if (terminal.type !== 'failed') return;
    expect(terminal.code).toBe('SCAN_PERMISSION_ERROR');
    expect(terminal.error).toContain(closed);
  });
});
