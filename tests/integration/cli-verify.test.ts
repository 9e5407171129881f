/**
 * `wrangle verify` against checksum files, end to end: the built CLI, real folders, checksum files written
 * by the system's own xxhsum and md5sum (the formats other tools write), real exit codes.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHashing, hashBytes } from '../../src-workers/hashing/hasher';
import { VerifyResultSchema, type VerifyResult } from '../../src-shared/verify';
import { tempDir } from '../helpers/engine';
import { CLI, runCli } from '../helpers/run-cli';

/** The files of a small shot folder: names with spaces, a backslash and a subfolder. */
const FILES: Record<string, string> = {
  'plate.0001.exr': 'frame one',
  'plate.0002.exr': 'frame two',
  'notes with spaces.txt': 'hello',
  'back\\slash.txt': 'escaped name',
  'sub/deep/clip.mov': 'x'.repeat(10_000),
};

/** The system tool, when installed (Debian's xxhash package); else null. */
function tool(name: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

/** Write FILES under `root` and an xxh64 checksum file of them: by xxhsum when there is one, else the same lines by hand. */
function makeShot(root: string, checksumName = 'SHOT.xxh64'): void {
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const xxhsum = tool('xxhsum');
  if (xxhsum) {
    const made = spawnSync(xxhsum, ['-H1', ...Object.keys(FILES)], { cwd: root, encoding: 'utf8' });
    expect(made.status).toBe(0);
    writeFileSync(join(root, checksumName), made.stdout);
    return;
  }
  const lines = Object.entries(FILES).map(([path, text]) => {
    const hex = hashBytes('xxh64', Buffer.from(text));
    return path.includes('\\') ? `\\${hex}  ${path.replace(/\\/g, '\\\\')}\n` : `${hex}  ${path}\n`;
  });
  writeFileSync(join(root, checksumName), lines.join(''));
}

/** Run `wrangle verify` with --json; the exit code and the parsed result. */
async function verifyJson(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ code: number | null; result: VerifyResult; stderr: string }> {
  const { code, stdout, stderr } = await runCli(['verify', ...args, '--json'], env).done;
  if (stdout === '') throw new Error(`wrangle verify exited ${code} with no output; stderr: ${stderr}`);
  const output = JSON.parse(stdout) as { status: string; result: unknown };
  return { code, result: VerifyResultSchema.parse(output.result), stderr };
}

describe('wrangle verify with checksum files', () => {
  let data: { path: string; cleanup: () => Promise<void> };
  let work: { path: string; cleanup: () => Promise<void> };
  let env: Record<string, string>;
  let serial = 0;

  /** A fresh shot folder for one test. */
  const freshShot = (checksumName?: string): string => {
    const root = join(work.path, `shot${++serial}`);
    mkdirSync(root);
    makeShot(root, checksumName);
    return root;
  };

  beforeAll(async () => {
    await loadHashing();
    data = await tempDir('verify-data');
    work = await tempDir('verify-work');
    env = { WRANGLE_DATA_DIR: data.path };
  });

  afterAll(async () => {
    await Promise.all([data.cleanup(), work.cleanup()]);
  });

  it('exits 0 when every listed file matches, and the --json result parses with the result schema', async () => {
    const root = freshShot();
    const { code, result } = await verifyJson(env, root);
    expect(code).toBe(0);
    expect(result).toMatchObject({
      kind: 'verify',
      root,
      source: 'checksum-file',
      source_files: ['SHOT.xxh64'],
      formats: ['xxh64'],
      files_checked: 5,
      files_verified: 5,
      files_changed: 0,
      files_missing: 0,
      files_new: 0,
      failed_count: 0,
      generation: null,
      directory_hashes: null,
    });
    expect(result.bytes_checked).toBe(Object.values(FILES).reduce((sum, text) => sum + text.length, 0));
    expect(['held', 'partly', 'not_held']).toContain(result.cache_bypass);
    // The full report, and the handover HTML and CSV beside it.
    const report = JSON.parse(readFileSync(result.report_path, 'utf8')) as { files: { status: string }[] };
    expect(report.files.map((file) => file.status)).toEqual(Array(5).fill('verified'));
    expect(result.report_csv).not.toBeNull();
    expect(readFileSync(result.report_csv!, 'utf8')).toContain('sub/deep/clip.mov');
  });

  it('prints a readable verdict without --json', async () => {
    const root = freshShot();
    const { code, stdout } = await runCli(['verify', root], env).done;
    expect(code).toBe(0);
    expect(stdout).toContain(`VERIFIED: ${root} against its checksum file SHOT.xxh64`);
    expect(stdout).toContain('5 files verified of 5 files read');
  });

  it('exits 1 naming a file whose byte flipped, though its size and modification time were kept', async () => {
    const root = freshShot();
    const path = join(root, 'sub/deep/clip.mov');
    // A whole second, so restoring it is exact on any filesystem.
    utimesSync(path, 1_700_000_000, 1_700_000_000);
    const before = statSync(path);
    const bytes = readFileSync(path);
    bytes[5_000] = bytes[5_000]! ^ 0x01;
    writeFileSync(path, bytes);
    utimesSync(path, 1_700_000_000, 1_700_000_000);
    expect(statSync(path)).toMatchObject({ size: before.size, mtimeMs: before.mtimeMs });

    const { code, result } = await verifyJson(env, root);
    expect(code).toBe(1);
    expect(result).toMatchObject({ files_changed: 1, files_verified: 4, failed_count: 1 });
    expect(result.changed).toEqual([
      expect.objectContaining({ path: 'sub/deep/clip.mov', format: 'xxh64', size: 10_000 }),
    ]);
    const { stdout } = await runCli(['verify', root], env).done;
    expect(stdout).toMatch(/^FAILED \(1 problem\)/);
    expect(stdout).toMatch(
      /Changed[^\n]*:\n\s+sub\/deep\/clip\.mov {2}xxh64 was [0-9a-f]{16}, is [0-9a-f]{16}/,
    );
  });

  it('exits 1 naming a removed file as missing', async () => {
    const root = freshShot();
    rmSync(join(root, 'plate.0002.exr'));
    const { code, result } = await verifyJson(env, root);
    expect(code).toBe(1);
    expect(result).toMatchObject({ files_missing: 1, missing: ['plate.0002.exr'], files_verified: 4 });
  });

  it('reports a new file without failing (as ASC MHL tools do)', async () => {
    const root = freshShot();
    writeFileSync(join(root, 'sub', 'added.txt'), 'not in the checksum file');
    const { code, result } = await verifyJson(env, root);
    expect(code).toBe(0);
    expect(result).toMatchObject({
      files_new: 1,
      new: ['sub/added.txt'],
      files_verified: 5,
      failed_count: 0,
    });
    const { stdout } = await runCli(['verify', root], env).done;
    expect(stdout).toMatch(/New \(listed nowhere; reported, not failed\):\n\s+sub\/added\.txt/);
  });

  it('reads md5sum files, with the binary-mode marker', async () => {
    const root = freshShot();
    rmSync(join(root, 'SHOT.xxh64'));
    const md5sum = tool('md5sum');
    const names = Object.keys(FILES).filter((name) => !name.includes('\\'));
    const text = md5sum
      ? spawnSync(md5sum, ['-b', ...names], { cwd: root, encoding: 'utf8' }).stdout
      : names.map((name) => `${hashBytes('md5', Buffer.from(FILES[name]!))} *${name}\n`).join('');
    expect(text).toContain(' *');
    writeFileSync(join(root, 'SHOT.md5'), text);
    const { code, result } = await verifyJson(env, root);
    expect(code).toBe(0);
    expect(result).toMatchObject({ source_files: ['SHOT.md5'], formats: ['md5'], files_verified: 4 });
    expect(result.new).toEqual(['back\\slash.txt']);
  });

  it.each([
    [
      'a missing folder',
      () => join(work.path, 'no-such-folder'),
      /cannot verify: Folder not found: \S*no-such-folder\. Check the path/,
    ],
    [
      'a file',
      () => {
        writeFileSync(join(work.path, 'a-file.txt'), 'x');
        return join(work.path, 'a-file.txt');
      },
      /cannot verify: \S*a-file\.txt is a file, not a folder\. Verify the folder that holds it/,
    ],
    [
      'a folder with neither a history nor checksum files',
      () => {
        mkdirSync(join(work.path, 'bare'), { recursive: true });
        writeFileSync(join(work.path, 'bare', 'x.txt'), 'x');
        return join(work.path, 'bare');
      },
      /cannot verify: \S*bare holds no ASC MHL history \(an ascmhl folder\) and no checksum file \(\*\.xxh64, \*\.xxhsum, \*\.md5, \*\.md5sum\)/,
    ],
  ])('exits 2 for %s, naming the path and what to do', async (_what, makePath, message) => {
    const before = readdirSync(data.path).length;
    const { code, stdout, stderr } = await runCli(['verify', makePath()], env).done;
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stdout).toBe('');
    // Refused before any job was queued.
    expect(readdirSync(data.path).length).toBe(before);
  });

  it.each([
    [['verify'], /needs the folder to verify/],
    [['verify', 'a', 'b'], /takes one folder; got 2/],
    [['verify', '.', '--bogus'], /Unknown option --bogus for wrangle verify/],
  ])('exits 2 for %j with its own usage', async (args, message) => {
    const { code, stderr } = await runCli(args, env).done;
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('wrangle verify <folder> [--record] [--json]');
  });

  it('documents verify and its exit codes in the help', async () => {
    const general = await runCli(['--help'], env).done;
    expect(general.code).toBe(0);
    expect(general.stdout).toContain('wrangle verify <folder> [--record] [--json]');
    expect(general.stdout).toMatch(/wrangle verify: 0 every listed file verified/);
    const own = await runCli(['verify', '--help'], env).done;
    expect(own.code).toBe(0);
    expect(own.stdout).toMatch(/Exit codes:\n {2}0 {4}every listed file is there and verified/);
    expect(own.stdout).toMatch(/\n {2}2 {4}bad arguments/);
  });

  it('draws the same progress line on a terminal as other commands', () => {
    const root = join(work.path, 'big');
    mkdirSync(root);
    const big = Buffer.alloc(24 * 1024 * 1024, 7);
    writeFileSync(join(root, 'big.mov'), big);
    writeFileSync(join(root, 'big.xxh64'), `${hashBytes('xxh64', big)}  big.mov\n`);
    const command = `${process.execPath} ${CLI} verify ${root}`;
    const result = spawnSync('script', ['-qefc', command, '/dev/null'], {
      // A bandwidth limit keeps it reading for a second or so, long enough to draw.
      env: {
        ...process.env,
        ...env,
        WRANGLE_COPY_MAX_BYTES_PER_SECOND: String(16 * 1024 * 1024),
        COLUMNS: '160',
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\r').filter((line) => /\d+% [\d.]+ \w?B of/.test(line));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.some((line) => line.includes('big.mov'))).toBe(true);
    expect(lines[0]).toMatch(/\d+% [\d.]+ \w?B of 25\.2 MB, [\d,]+ of 1 files \| [\d.]+ \w?B\/s/);
  });
});
