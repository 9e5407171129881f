/**
 * Two real CLIs on one data folder: the second one starting must not take the first one's running job for
 * an orphan of a crash (failed, INTERRUPTED); the first finishes as if alone.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRecordSchema, type JobRecord } from '../../src-main/jobs/job-store';
import { tempDir } from '../helpers/engine';
import { runCli } from '../helpers/run-cli';

/** 4 MiB at 512 KiB/s: about 8 s, long enough for a second CLI to start, scan and exit meanwhile. */
const FILE_BYTES = 4 * 1024 * 1024;
const BYTES_PER_SECOND = 512 * 1024;

function readRecord(dataDir: string, batchId: string): JobRecord | undefined {
  const path = join(dataDir, 'jobs', batchId, 'job.json');
  return existsSync(path) ? JobRecordSchema.parse(JSON.parse(readFileSync(path, 'utf8'))) : undefined;
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('two CLIs sharing one data folder', () => {
  let root: { path: string; cleanup: () => Promise<void> };
  let dataDir: string;

  beforeAll(async () => {
    root = await tempDir('shared-data');
    dataDir = join(root.path, 'data');
    mkdirSync(join(root.path, 'src'));
    writeFileSync(join(root.path, 'src', 'plate.mov'), randomBytes(FILE_BYTES));
    mkdirSync(join(root.path, 'dst'));
    mkdirSync(join(root.path, 'small', 'a'), { recursive: true });
    writeFileSync(join(root.path, 'small', 'a', 'frame.0001.exr'), 'x');
  });

  afterAll(() => root.cleanup());

  it("leaves the first CLI's running copy alone; both complete", async () => {
    const env = { WRANGLE_DATA_DIR: dataDir };
    const first = runCli(
      ['copy', join(root.path, 'src', 'plate.mov'), join(root.path, 'dst'), '--print-progress-endpoint'],
      { ...env, WRANGLE_COPY_MAX_BYTES_PER_SECOND: String(BYTES_PER_SECOND) },
    );
    try {
      const [, batchId] = (await first.waitForStderr(/batch: (\S+)/)) as [string, string];
      await until('the first job to be recorded as running', () =>
        readRecord(dataDir, batchId)?.info.state === 'running' ? true : undefined,
      );

      const second = await runCli(['scan', join(root.path, 'small'), '--json'], env).done;
      expect(second.code, second.stderr).toBe(0);
      expect(first.child.exitCode, 'the first copy ended before the second CLI did: inconclusive').toBe(null);
      // What the second CLI left on disk for the first one's job, while that job still runs.
      expect(readRecord(dataDir, batchId)?.info).toMatchObject({ state: 'running', failure: null });

      const firstExit = await first.done;
      expect(firstExit.code, firstExit.stderr).toBe(0);
      expect(readRecord(dataDir, batchId)?.info).toMatchObject({ state: 'completed', failure: null });
      expect(readFileSync(join(root.path, 'dst', 'plate.mov')).length).toBe(FILE_BYTES);
    } finally {
      first.child.kill('SIGKILL');
    }
  });
});
