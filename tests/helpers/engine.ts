/** Starts the real engine (JobManager, built workers, ProgressServer) in a temp data folder. */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEngine, type Engine } from '../../src-main/engine';
import { workerEntriesIn } from '../../src-main/jobs/worker-entries';
import { nodeWorkerHost } from '../../src-main/jobs/worker-host';
import type { WorkerEntries } from '../../src-main/jobs/job-manager';
import type { ProgressSnapshot } from '../../src-shared/jobs';
import type { ServerMessage } from '../../src-shared/progress-protocol';
import { testConfig, type ConfigOverrides } from './config';

/**
 * The built main folder; tests run the real bundles, as the app and CLI do. WRANGLE_TEST_OUT_MAIN points the
 * tests at another build (an older engine, to show that a new test reproduces a defect before its fix).
 */
export const OUT_MAIN = process.env.WRANGLE_TEST_OUT_MAIN ?? resolve(import.meta.dirname, '../../out/main');

/** Worker entries from the build, or a clear failure telling how to build. */
export function builtEntries(): WorkerEntries {
  const entries = workerEntriesIn(OUT_MAIN);
  for (const file of Object.values(entries)) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` before the tests.`);
  }
  return entries;
}

/** A fresh temp folder, removed by the returned cleanup. */
export async function tempDir(prefix: string): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `wrangle-${prefix}-`));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}

export interface TestEngine extends Engine {
  dataDir: string;
  /** Stop the engine and remove its data folder. */
  dispose(): Promise<void>;
}

/** Start an engine with test-friendly config; `dataDir` reuses a folder to simulate a restart. */
export async function startTestEngine(
  overrides: ConfigOverrides = {},
  dataDir?: string,
): Promise<TestEngine> {
  const data = dataDir ? { path: dataDir, cleanup: async () => undefined } : await tempDir('data');
  const config = testConfig({ dataDir: data.path, ...overrides });
  const engine = await startEngine({ config, host: nodeWorkerHost, entries: builtEntries() });
  return {
    ...engine,
    dataDir: data.path,
    dispose: async () => {
      await engine.stop();
      await data.cleanup();
    },
  };
}

/** Resolves with the first snapshot of `batchId` that satisfies `test`. */
export function snapshotWhere(
  engine: TestEngine,
  batchId: string,
  test: (s: ProgressSnapshot) => boolean,
): Promise<ProgressSnapshot> {
  return new Promise((resolve) => {
    const listener = (message: ServerMessage): void => {
      if (message.type === 'progress' && message.batch_id === batchId && test(message.data)) {
        engine.feed.off('message', listener);
        resolve(message.data);
      }
    };
    engine.feed.on('message', listener);
  });
}
