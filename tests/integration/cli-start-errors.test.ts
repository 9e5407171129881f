/**
 * The built CLI when the engine cannot start: the progress port is taken, or the data folder is a file or
 * cannot be written. Each must exit promptly with one line naming the variable or path, never hang.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/engine';
import { CLI } from '../helpers/run-cli';

const isRoot = process.getuid?.() === 0;
/** Far longer than a start-up takes: past it, the CLI is hung, not slow. */
const HANG_MS = 20_000;
const AS_NOBODY = ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups'];

interface Exit {
  code: number | null;
  stderr: string;
}

/** Run the CLI (behind `prefix`, e.g. setpriv); a run still going after HANG_MS is killed and fails the test. */
function runToExit(args: string[], env: Record<string, string>, prefix: string[] = []): Promise<Exit> {
  const argv = [...prefix, process.execPath, CLI, ...args];
  const child = spawn(argv[0] as string, argv.slice(1), {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the CLI was still running after ${HANG_MS} ms (hung). stderr: ${stderr}`));
    }, HANG_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

/** One line on stderr, no stack trace. */
function expectOneLine(stderr: string): void {
  expect(stderr.trimEnd().split('\n'), stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
}

describe('wrangle CLI when the engine cannot start', () => {
  let root: { path: string; cleanup: () => Promise<void> };
  let tree: string;

  beforeAll(async () => {
    root = await tempDir('cli-start');
    // Readable by nobody too, for the unwritable-folder case.
    chmodSync(root.path, 0o755);
    tree = join(root.path, 'shot');
    mkdirSync(tree, { mode: 0o755 });
    writeFileSync(join(tree, 'plate.0001.exr'), 'x', { mode: 0o644 });
  });

  afterAll(() => root.cleanup());

  it('exits 2 naming WRANGLE_PROGRESS_PORT when the port is in use', async () => {
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as { port: number }).port;
    try {
      const { code, stderr } = await runToExit(['scan', tree], {
        WRANGLE_PROGRESS_PORT: String(port),
        WRANGLE_DATA_DIR: join(root.path, 'data-port'),
      });
      expect(code).toBe(2);
      expectOneLine(stderr);
      expect(stderr).toContain('WRANGLE_PROGRESS_PORT');
      expect(stderr).toContain(String(port));
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it('exits 2 naming the path and WRANGLE_DATA_DIR when the data folder is a file', async () => {
    const file = join(root.path, 'data-is-a-file');
    writeFileSync(file, 'not a folder');
    const { code, stderr } = await runToExit(['scan', tree], { WRANGLE_DATA_DIR: file });
    expect(code).toBe(2);
    expectOneLine(stderr);
    expect(stderr).toContain(file);
    expect(stderr).toContain('WRANGLE_DATA_DIR');
    expect(stderr).toMatch(/not a folder/);
  });

  it.skipIf(!isRoot)('exits 2 naming the path when nobody cannot write the data folder', async () => {
    const data = join(root.path, 'data-root-only');
    mkdirSync(data, { mode: 0o755 });
    const { code, stderr } = await runToExit(['scan', tree], { WRANGLE_DATA_DIR: data }, AS_NOBODY);
    expect(code).toBe(2);
    expectOneLine(stderr);
    expect(stderr).toContain(data);
    expect(stderr).toContain('WRANGLE_DATA_DIR');
    expect(stderr).toMatch(/cannot be written|permission/i);
  });
});
