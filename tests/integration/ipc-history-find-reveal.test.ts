/**
 * The IPC handlers added for the keyboard and the context menu, on the real engine: forgetJob removes an ended
 * job's record and its files in the data folder (never the scanned folder) and refuses a running one;
 * findFiles finds names anywhere in a scan's file list; revealPath hands an absolute, existing path to the
 * file manager and refuses anything else, naming it.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIpcHandlers } from '../../src-main/ipc-handlers';
import { callIpcHandler } from '../../src-shared/ipc-args';
import type { IpcHandlers, IpcMethod, IpcResult } from '../../src-shared/ipc-channels';
import { startTestEngine, tempDir, type TestEngine } from '../helpers/engine';

/** Validate and run, as main does; a refused argument comes back as a rejection. */
async function call<M extends IpcMethod>(
  handlers: IpcHandlers,
  method: M,
  args: unknown[],
): Promise<IpcResult<M>> {
  return callIpcHandler(handlers, method, args);
}

describe('forgetJob, findFiles and revealPath', () => {
  let engine: TestEngine;
  let root: { path: string; cleanup: () => Promise<void> };
  const revealed: string[] = [];
  let handlers: IpcHandlers;

  beforeAll(async () => {
    root = await tempDir('ipc-history');
    mkdirSync(join(root.path, 'shots', 'sh010'), { recursive: true });
    mkdirSync(join(root.path, 'edit'));
    writeFileSync(join(root.path, 'shots', 'sh010', 'Notes_Final.txt'), 'notes');
    writeFileSync(join(root.path, 'shots', 'sh010', 'plate.1001.exr'), 'frame');
    writeFileSync(join(root.path, 'edit', 'final_cut.mov'), 'a longer movie file');
    writeFileSync(join(root.path, 'edit', 'q"uote.txt'), 'odd name');
    engine = await startTestEngine({ jobs: { scan: { max_dirs_per_second: 2 } } });
    handlers = createIpcHandlers({
      engine,
      config: { heartbeatIntervalMs: 1000, pollIntervalMs: 200 },
      choosePaths: async () => null,
      revealPath: (path) => void revealed.push(path),
    });
  });
  afterAll(async () => {
    await engine.dispose();
    await root.cleanup();
  });

  it('refuses to forget a running job, then forgets it once ended, leaving the scanned files alone', async () => {
    // Paced to 2 folders a second: the scan is still running when it is asked to be forgotten.
    const [outcome] = await handlers.startScan([root.path]);
    if (!outcome?.ok) throw new Error('the scan did not start');
    const batchId = outcome.job.batch_id;
    await expect(call(handlers, 'forgetJob', [batchId])).rejects.toThrow(/still (queued|running)/);
    await engine.manager.whenEnded(batchId);
    const jobDir = join(engine.dataDir, 'jobs', batchId);
    expect(existsSync(join(jobDir, 'tree.json'))).toBe(true);

    // While it is there, its files can be found by name, ignoring case, in any folder.
    const found = await call(handlers, 'findFiles', [batchId, 'FINAL']);
    const byName = found.folders.flatMap((folder) => folder.names).sort();
    expect(byName).toEqual(['Notes_Final.txt', 'final_cut.mov']);
    expect(found.truncated).toBe(false);
    const quoted = await call(handlers, 'findFiles', [batchId, 'q"u']);
    expect(quoted.folders.flatMap((folder) => folder.names)).toEqual(['q"uote.txt']);
    const frames = await call(handlers, 'findFiles', [batchId, '.1001.']);
    expect(frames.folders.flatMap((folder) => folder.names)).toEqual(['plate.1001.exr']);

    expect(await call(handlers, 'forgetJob', [batchId])).toBeNull();
    expect(existsSync(jobDir)).toBe(false);
    expect(engine.manager.getJob(batchId)).toBeUndefined();
    expect(engine.manager.listJobs().map((job) => job.batch_id)).not.toContain(batchId);
    // Only Wrangle's record went: the scanned folder is whole.
    expect(existsSync(join(root.path, 'shots', 'sh010', 'Notes_Final.txt'))).toBe(true);
    expect(existsSync(join(root.path, 'edit', 'final_cut.mov'))).toBe(true);
    await expect(call(handlers, 'forgetJob', [batchId])).rejects.toThrow(/no job/);
    await expect(call(handlers, 'findFiles', [batchId, 'final'])).rejects.toThrow(/no job/);
  });

  it('reveals an absolute, existing path, and refuses a relative or a missing one, naming it', async () => {
    const folder = join(root.path, 'shots');
    expect(await call(handlers, 'revealPath', [folder])).toBeNull();
    expect(revealed).toEqual([folder]);
    await expect(call(handlers, 'revealPath', ['shots/sh010'])).rejects.toThrow(
      'Cannot show shots/sh010: it is not an absolute path.',
    );
    const gone = join(root.path, 'gone');
    await expect(call(handlers, 'revealPath', [gone])).rejects.toThrow(`Cannot show ${gone}`);
    await expect(call(handlers, 'revealPath', [''])).rejects.toThrow();
    expect(revealed).toEqual([folder]);
  });
});
