/** Test client: forks the built scan worker (out/main/scan-worker.cjs) and speaks the worker protocol. */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { DEFAULT_SEQUENCE_EXTENSIONS } from '../../src-shared/sequence-extensions';
import type { ScanJobSpec } from '../../src-shared/worker-protocol';
import { startWorker, type TerminalMessage, type WorkerForkOptions, type WorkerRun } from './worker-run';

export type { TerminalMessage, WorkerForkOptions } from './worker-run';

/** Path of the built worker the tests run against. */
export const SCAN_WORKER_PATH = resolve(import.meta.dirname, '../../out/main/scan-worker.cjs');

const ADDON_PATH = resolve(import.meta.dirname, '../../build/Release/wrangle_native.node');
const staged = new Map<string, string>();

/**
 * A copy of the built worker in a world-readable temp folder, laid out like the checkout (out/main beside
 * build/Release, where the walker looks for the native lister). `addon: false` leaves the lister out.
 */
export function stagedWorker({ addon }: { addon: boolean }): string {
  const key = addon ? 'with-addon' : 'without-addon';
  let dir = staged.get(key);
  if (!dir) {
    dir = mkdtempSync(join(tmpdir(), 'wrangle-staged-'));
    chmodSync(dir, 0o755);
    cpSync(dirname(SCAN_WORKER_PATH), join(dir, 'out', 'main'), { recursive: true });
    if (addon && existsSync(ADDON_PATH))
      cpSync(ADDON_PATH, join(dir, 'build', 'Release', 'wrangle_native.node'));
    staged.set(key, dir);
    const remove = dir;
    process.once('exit', () => rmSync(remove, { recursive: true, force: true }));
  }
  return join(dir, 'out', 'main', 'scan-worker.cjs');
}

/**
 * The path of built worker `entry` that another user can load. A checkout under a private folder (say /root)
 * is unreadable to nobody, so then the bundles (which carry their dependencies) are staged.
 */
export function workerPathFor(uid: number | undefined, entry = SCAN_WORKER_PATH): string {
  if (uid === undefined) return entry;
  const readable = spawnSync('setpriv', [
    `--reuid=${uid}`,
    `--regid=${uid}`,
    '--clear-groups',
    'test',
    '-r',
    entry,
  ]);
  return readable.status === 0 ? entry : join(dirname(stagedWorker({ addon: true })), basename(entry));
}

/** A running scan worker as a test sees it. */
export interface ScanWorkerRun extends WorkerRun {
  /** Resolves on the first progress message. */
  firstProgress: Promise<void>;
  cancel(): void;
  /** Peak resident memory of the worker process, in KiB, read from /proc while it runs (0 if unknown). */
  peakRssKb(): number;
}

/** A spec with test defaults; override any field. */
export function scanSpec(root: string, treePath: string, overrides: Partial<ScanJobSpec> = {}): ScanJobSpec {
  return {
    kind: 'scan',
    batch_id: 'test-batch',
    root,
    tree_path: treePath,
    previous: null,
    throttle_ms: 50,
    threads: 2,
    lister: 'auto',
    max_dirs_per_second: 0,
    sequences: true,
    sequence_extensions: [...DEFAULT_SEQUENCE_EXTENSIONS],
    ...overrides,
  };
}

/** Fork the built worker, send `start`, and collect its messages. `uid`/`gid` run it as another user. */
export function startScanWorker(spec: ScanJobSpec, options: WorkerForkOptions = {}): ScanWorkerRun {
  const { workerPath, ...user } = options;
  let resolveProgress: () => void = () => undefined;
  const firstProgress = new Promise<void>((resolve) => (resolveProgress = resolve));
  const run = startWorker(
    'scan',
    SCAN_WORKER_PATH,
    workerPath ?? workerPathFor(user.uid),
    spec,
    user,
    (message) => {
      if (message.type === 'progress') resolveProgress();
    },
  );
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, readRssKb(run.child.pid));
  }, 20);
  void run.exited.then(() => clearInterval(sampler));
  return { ...run, firstProgress, cancel: () => run.send('cancel'), peakRssKb: () => peak };
}

/** Run a scan to its end and return the terminal message (and the run, for its messages). */
export async function runScanWorker(
  spec: ScanJobSpec,
  options: WorkerForkOptions = {},
): Promise<{ terminal: TerminalMessage; run: ScanWorkerRun }> {
  const run = startScanWorker(spec, options);
  const terminal = await run.terminal;
  await run.exited;
  return { terminal, run };
}

function readRssKb(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    // VmHWM is the process's peak resident set so far (all threads share it).
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}
