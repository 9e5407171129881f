/**
 * What a scan says about an entry it could not read, with each lister, scanned as nobody (root reads
 * everything): the OS reason in words, never "[object Object]".
 */
import { chmodSync, chownSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanResultSchema } from '../../src-shared/jobs';
import { runScanWorker, scanSpec } from '../helpers/scan-worker-client';
import { makeTempDir } from '../helpers/trees';

const NOBODY = { uid: 65534, gid: 65534 };
const isRoot = process.getuid?.() === 0;

describe.skipIf(!isRoot)('scan error texts', () => {
  let dir: string;
  let root: string;
  let outDir: string;

  beforeAll(() => {
    dir = makeTempDir('scan-error-texts');
    chmodSync(dir, 0o755);
    root = join(dir, 'SHOW');
    mkdirSync(join(root, 'locked'), { recursive: true });
    writeFileSync(join(root, 'locked', 'secret.exr'), 'hidden');
    // No permission at all: the folder cannot be listed.
    chmodSync(join(root, 'locked'), 0o000);
    // Listable but not searchable: its names are read, each entry's lstat fails.
    mkdirSync(join(root, 'names-only'));
    writeFileSync(join(root, 'names-only', 'plate.0001.exr'), 'x');
    chmodSync(join(root, 'names-only'), 0o444);
    outDir = join(dir, 'out');
    mkdirSync(outDir);
    chownSync(outDir, NOBODY.uid, NOBODY.gid);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['native', 'node'] as const)('names the OS reason with the %s lister', async (lister) => {
    const { terminal } = await runScanWorker(
      scanSpec(root, join(outDir, `tree-${lister}.json`), { lister }),
      NOBODY,
    );
    if (terminal.type !== 'completed') throw new Error(`scan did not complete: ${JSON.stringify(terminal)}`);
    const { errors } = ScanResultSchema.parse(terminal.result);
    expect(errors.map((error) => error.path).sort()).toEqual([
      join(root, 'locked'),
      join(root, 'names-only', 'plate.0001.exr'),
    ]);
    for (const error of errors) {
      expect(error.message).not.toContain('[object Object]');
      expect(error).toMatchObject({ code: 'SCAN_PERMISSION_ERROR', errno: 'EACCES' });
      // The hint, then the OS error in brackets.
      expect(error.message).toMatch(/^Permission denied; .+ \(EACCES: .+\)$/);
    }
    const locked = errors.find((error) => error.path === join(root, 'locked'));
    expect(locked?.message).toMatch(/\(EACCES: permission denied/);
  });
});
