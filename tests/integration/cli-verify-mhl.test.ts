/**
 * `wrangle verify` against ASC MHL histories: the ASC's own example folders (copied to a temporary folder
 * first), a flipped byte and a removed file caught, `--record` appending a generation that validates against
 * the ASC MHL schema, and a tampered chain refused naming the manifest, with nothing written.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VerifyResultSchema, type VerifyResult } from '../../src-shared/verify';
import { tempDir } from '../helpers/engine';
import { runCli } from '../helpers/run-cli';

const ASCMHL = resolve(import.meta.dirname, '../../../shared/ascmhl');
const EXAMPLES = join(ASCMHL, 'examples');
const HAVE_EXAMPLES = existsSync(EXAMPLES);
const HAVE_XMLLINT = spawnSync('sh', ['-c', 'command -v xmllint']).status === 0;

/** Every folder of the examples with a history of its own at its top (the card folders, and Reels). */
function historyRoots(dir: string): string[] {
  if (existsSync(join(dir, 'ascmhl'))) return [dir];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => historyRoots(join(dir, entry.name)));
}

/** Every file below `dir` with its size and modification time: proof that nothing was written. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (path: string): void => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) walk(child);
      else {
        const info = statSync(child);
        out[relative(dir, child)] = `${info.size}:${info.mtimeMs}`;
      }
    }
  };
  walk(dir);
  return out;
}

async function verify(
  env: Record<string, string>,
  ...args: string[]
): Promise<{
  code: number | null;
  status: string;
  result: VerifyResult | null;
  stderr: string;
  error?: { error: string; code: string };
}> {
  const { code, stdout, stderr } = await runCli(['verify', ...args, '--json'], env).done;
  if (stdout === '') throw new Error(`wrangle verify exited ${code} with no output; stderr: ${stderr}`);
  const output = JSON.parse(stdout) as {
    status: string;
    result: unknown;
    error?: { error: string; code: string };
  };
  return {
    code,
    status: output.status,
    result: output.result === null ? null : VerifyResultSchema.parse(output.result),
    stderr,
    ...(output.error ? { error: output.error } : {}),
  };
}

describe.skipIf(!HAVE_EXAMPLES)('wrangle verify with ASC MHL histories (../shared/ascmhl examples)', () => {
  let data: { path: string; cleanup: () => Promise<void> };
  let work: { path: string; cleanup: () => Promise<void> };
  let env: Record<string, string>;
  let serial = 0;

  /** A private copy of one example folder (`scenario_02/file_server/A002R2EC`). */
  const copyOf = (example: string): string => {
    const target = join(work.path, `copy${++serial}`, example);
    cpSync(join(EXAMPLES, example), target, { recursive: true, preserveTimestamps: true });
    return target;
  };

  beforeAll(async () => {
    data = await tempDir('verify-mhl-data');
    work = await tempDir('verify-mhl-work');
    env = { WRANGLE_DATA_DIR: data.path };
  });

  afterAll(async () => {
    await Promise.all([data.cleanup(), work.cleanup()]);
  });

  it('verifies every example history with exit 0, directory hashes included (scenario 4 records a corrupted file: exit 1)', async () => {
    cpSync(EXAMPLES, join(work.path, 'all'), { recursive: true, preserveTimestamps: true });
    const roots = historyRoots(join(work.path, 'all'));
    expect(roots.length).toBeGreaterThanOrEqual(9);
    for (const root of roots) {
      const name = relative(join(work.path, 'all'), root);
      const { code, result } = await verify(env, root);
      expect(result, name).not.toBeNull();
      expect(result!.source, name).toBe('ascmhl');
      expect(result!.files_missing, name).toBe(0);
      expect(result!.directory_hashes!.checked, name).toBeGreaterThan(0);
      if (name === 'scenario_04/file_server/A002R2EC') {
        // Its second generation documents Sidecar.txt's failed verification; the file is still corrupt.
        expect(code, name).toBe(1);
        expect(result!.changed, name).toEqual([
          expect.objectContaining({
            path: 'Sidecar.txt',
            expected: '3ab5a4166b9bde44',
            actual: '70d2cf31aaa3eac4',
          }),
        ]);
        continue;
      }
      expect({ name, code, failed: result!.failed_count }).toEqual({ name, code: 0, failed: 0 });
      expect(result!.directory_hashes!.matching, name).toBe(result!.directory_hashes!.checked);
    }
  });

  it('checks md5 and xxh64 where a later generation added md5 (scenario 3)', async () => {
    const { code, result } = await verify(env, copyOf('scenario_03/file_server/A002R2EC'));
    expect(code).toBe(0);
    expect(result!.formats).toEqual(['md5', 'xxh64']);
    expect(result!.directory_hashes).toMatchObject({ checked: 8, matching: 8 });
  });

  it('checks nested histories from their parent (scenario 5)', async () => {
    const { code, result } = await verify(env, copyOf('scenario_05/file_server/Reels'));
    expect(code).toBe(0);
    expect(result!.files_verified).toBe(7);
    expect(result!.source_files).toContain('A002R2EC/ascmhl/0002_A002R2EC_2020-01-17_143000Z.mhl');
  });

  it('catches a flipped byte that kept its size and modification time, and a removed file', async () => {
    const root = copyOf('scenario_02/file_server/A002R2EC');
    const clip = join(root, 'Clips/A002C006_141024_R2EC.mov');
    // Whole seconds, so restoring the time is exact on any filesystem.
    utimesSync(clip, 1_700_000_000, 1_700_000_000);
    const before = statSync(clip);
    const bytes = readFileSync(clip);
    bytes[0] = bytes[0]! ^ 0x20;
    writeFileSync(clip, bytes);
    utimesSync(clip, 1_700_000_000, 1_700_000_000);
    expect(statSync(clip)).toMatchObject({ size: before.size, mtimeMs: before.mtimeMs });
    rmSync(join(root, 'Sidecar.txt'));
    const { code, result } = await verify(env, root);
    expect(code).toBe(1);
    expect(result).toMatchObject({
      files_changed: 1,
      files_missing: 1,
      missing: ['Sidecar.txt'],
      failed_count: 2,
    });
    expect(result!.changed[0]).toMatchObject({ path: 'Clips/A002C006_141024_R2EC.mov', format: 'xxh64' });
    // The folder hashes differ too, and every difference is explained by those files.
    expect(result!.directory_hashes!.explained).toBe(
      result!.directory_hashes!.checked - result!.directory_hashes!.matching,
    );
    expect(result!.directory_hashes!.explained).toBeGreaterThan(0);
  });

  it.skipIf(!HAVE_XMLLINT)(
    '--record appends a generation that validates against the ASC MHL schema',
    async () => {
      const root = copyOf('scenario_02/file_server/A002R2EC');
      writeFileSync(join(root, 'Clips', 'added.txt'), 'new since the last generation');
      const { code, result } = await verify(env, root, '--record');
      expect(code).toBe(0);
      expect(result!.generation).toMatch(/^ascmhl\/0003_A002R2EC_\d{4}-\d\d-\d\d_\d{6}Z\.mhl$/);
      const manifest = join(root, result!.generation!);
      const lint = spawnSync('xmllint', ['--noout', '--schema', join(ASCMHL, 'xsd/ASCMHL.xsd'), manifest], {
        encoding: 'utf8',
      });
      expect(lint.stderr).toContain('validates');
      expect(lint.status).toBe(0);
      const chain = spawnSync(
        'xmllint',
        [
          '--noout',
          '--schema',
          join(ASCMHL, 'xsd/ASCMHLDirectory__combined.xsd'),
          join(root, 'ascmhl/ascmhl_chain.xml'),
        ],
        { encoding: 'utf8' },
      );
      expect(chain.status).toBe(0);
      const text = readFileSync(manifest, 'utf8');
      expect(text).toContain('<process>in-place</process>');
      expect(text).toMatch(/<path [^>]*>Sidecar\.txt<\/path>\s*<xxh64 action="verified"/);
      expect(text).toMatch(/<path [^>]*>Clips\/added\.txt<\/path>\s*<xxh64 action="original"/);
      // The new generation is itself a trustworthy history: verifying again passes, the new file now known.
      const again = await verify(env, root);
      expect(again.code).toBe(0);
      expect(again.result).toMatchObject({ files_new: 0, files_verified: 4 });
    },
  );

  it('refuses a tampered chain naming the manifest and why, exit 1, and writes nothing even with --record', async () => {
    const root = copyOf('scenario_02/file_server/A002R2EC');
    const manifest = join(root, 'ascmhl/0002_A002R2EC_2020-01-17_143000Z.mhl');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('0ea03b369a463d9d', '0ea03b369a463d9e'));
    const before = snapshot(root);
    const { code, status, result, error, stderr } = await verify(env, root, '--record');
    expect(code).toBe(1);
    expect(status).toBe('failed');
    expect(result).toBeNull();
    expect(error?.code).toBe('MHL_HISTORY_INVALID');
    expect(error?.error).toContain('ascmhl/0002_A002R2EC_2020-01-17_143000Z.mhl: its C4 hash is');
    expect(error?.error).toMatch(
      /ascmhl_chain\.xml records c4\w+ \(the manifest was changed after it was written\)/,
    );
    expect(stderr).toContain('verification of');
    expect(snapshot(root)).toEqual(before);
  });

  it('refuses a manifest the chain does not list, naming it', async () => {
    const root = copyOf('scenario_01/travel_01/A002R2EC');
    cpSync(
      join(root, 'ascmhl/0001_A002R2EC_2020-01-16_091500Z.mhl'),
      join(root, 'ascmhl/0002_A002R2EC_2020-01-17_143000Z.mhl'),
    );
    const { code, error } = await verify(env, root);
    expect(code).toBe(1);
    expect(error?.error).toContain(
      'ascmhl/0002_A002R2EC_2020-01-17_143000Z.mhl: this manifest is in the ascmhl folder but',
    );
  });
});
