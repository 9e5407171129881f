/** Test client: forks the built scan worker (out/main/scan-worker.js) and speaks the worker protocol. */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { WorkerMessageSchema, type ScanJobSpec, type WorkerMessage } from '../../src-shared/worker-protocol';

/** Path of the built worker the tests run against. */
export const SCAN_WORKER_PATH = resolve(import.meta.dirname, '../../out/main/scan-worker.js');

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
  return join(dir, 'out', 'main', 'scan-worker.js');
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

/** A terminal message: completed, failed or cancelled. */
export type TerminalMessage = Extract<WorkerMessage, { type: 'completed' | 'failed' | 'cancelled' }>;

/** A running scan worker as a test sees it. */
export interface ScanWorkerRun {
  child: ChildProcess;
  /** Every validated message, in arrival order, with the local time it arrived. */
  messages: { message: WorkerMessage; at: number }[];
  /** Resolves with the first completed/failed/cancelled message. */
  terminal: Promise<TerminalMessage>;
  /** Resolves with the exit code once the process is gone. */
  exited: Promise<number | null>;
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
    ...overrides,
  };
}

/** How to fork the worker: as another user, or from another (staged) path. */
export interface WorkerForkOptions {
  uid?: number;
  gid?: number;
  workerPath?: string;
}

/** Fork the built worker, send `start`, and collect its messages. `uid`/`gid` run it as another user. */
export function startScanWorker(spec: ScanJobSpec, options: WorkerForkOptions = {}): ScanWorkerRun {
  const { workerPath, ...user } = options;
  if (!existsSync(SCAN_WORKER_PATH)) {
    throw new Error(`Built scan worker not found at ${SCAN_WORKER_PATH}: run npm run build first.`);
  }
  const child = fork(workerPath ?? workerPathFor(user.uid), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // The test runner's loader flags point into the checkout, which another user may not read.
    execArgv: [],
    ...user,
  });
  const messages: ScanWorkerRun['messages'] = [];
  let seq = 0;
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, readRssKb(child.pid));
  }, 20);
  let resolveTerminal: (message: TerminalMessage) => void = () => undefined;
  let rejectTerminal: (error: Error) => void = () => undefined;
  let resolveProgress: () => void = () => undefined;
  const terminal = new Promise<TerminalMessage>((resolve, reject) => {
    resolveTerminal = resolve;
    rejectTerminal = reject;
  });
  const firstProgress = new Promise<void>((resolve) => (resolveProgress = resolve));
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      clearInterval(sampler);
      rejectTerminal(new Error(`Scan worker exited (code ${code}) without a terminal message.`));
      resolve(code);
    });
  });
  child.on('message', (raw) => {
    const message = WorkerMessageSchema.parse(raw);
    messages.push({ message, at: Date.now() });
    if (message.type === 'ready') child.send({ type: 'start', seq: seq++, spec });
    if (message.type === 'progress') resolveProgress();
    if (message.type === 'completed' || message.type === 'failed' || message.type === 'cancelled') {
      resolveTerminal(message);
    }
  });
  return {
    child,
    messages,
    terminal,
    exited,
    firstProgress,
    cancel: () => {
      if (child.connected) child.send({ type: 'cancel', seq: seq++ });
    },
    peakRssKb: () => peak,
  };
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
