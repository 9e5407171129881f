/**
 * Runs the built `wrangle` CLI for the transfer tests, each run in its own process group (its worker is in
 * that group too) so a test can always stop both; with the /proc lookups, waits, `--json` output and job
 * records those tests need.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import {
  TransferResultSchema,
  type ErrorCode,
  type JobInfo,
  type ProgressSnapshot,
  type TransferResult,
} from '../../src-shared/jobs';
import { CLI } from './run-cli';
import type { TransferWorkerRun } from './transfer-worker-client';

/** Limit for one CLI run unless set: an engine that hangs fails the test instead of hanging the suite. */
const DEFAULT_CLI_TIMEOUT_MS = 40_000;

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** `promise`, or a rejection naming `what` once `ms` have passed (so a test fails instead of hanging). */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Polls `test` until it returns a truthy value (which it resolves with), or rejects after `timeoutMs`. */
export async function waitFor<T>(
  test: () => T | null | undefined | false,
  timeoutMs: number,
  what: string,
  everyMs = 10,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = test();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** Polls `condition` until it holds (true) or `timeoutMs` passes (false), for a test to assert on. */
export function waitUntil(condition: () => boolean, timeoutMs: number, everyMs = 20): Promise<boolean> {
  return waitFor(condition, timeoutMs, 'a condition', everyMs).then(
    () => true,
    () => false,
  );
}

/** `/proc/<pid>/stat` fields after the command name (state, ppid, pgrp, …); null for no such pid. */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: the fields start after its last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** True when stat fields describe a running process: a zombie (this init reaps lazily) counts as gone. */
function running(fields: string[] | null): fields is string[] {
  return fields !== null && fields[0] !== 'Z' && fields[0] !== 'X';
}

/** True while `pid` is a running process (a zombie waiting to be reaped counts as gone). */
export function isAlive(pid: number): boolean {
  return running(statFields(pid));
}

/**
 * True while any process of group `pgid` exists, a zombie too: a pid is free only once reaped, and the engine
 * keeps a temporary file whose writer's pid still exists.
 */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The command line of `pid` as one string ('' when it is gone). */
function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** Running direct children of `pid` whose command line contains `marker`, from /proc. */
export function childPids(pid: number, marker = ''): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const child = Number(name);
    const fields = statFields(child);
    if (running(fields) && Number(fields[1]) === pid && commandLine(child).includes(marker))
      found.push(child);
  }
  return found;
}

/** Whether process `pid` has `path` open (its copy has begun: the source is being read). */
export function hasOpen(pid: number, path: string): boolean {
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === path;
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

/** Send `signal` to process group `pgid`; a group that is already gone is fine. */
export function killGroup(pgid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Groups started by startTransferCli and not yet known to be gone. */
const startedGroups = new Set<number>();

/** SIGKILL group `pgid` if these helpers started it, and wait (up to 5 s) until every member is reaped. */
async function killAndReap(pgid: number): Promise<void> {
  if (!startedGroups.has(pgid)) return;
  killGroup(pgid);
  await waitFor(() => !groupAlive(pgid), 5000, `process group ${pgid} to end`);
  startedGroups.delete(pgid);
}

/** SIGKILL every CLI group these helpers started that may still run, and wait until it is reaped. */
export async function killStartedClis(): Promise<void> {
  await Promise.all([...startedGroups].map((pgid) => killAndReap(pgid)));
}

/** SIGKILL transfer workers a test forked itself (no CLI) that still run, and forget them (afterEach). */
export function killWorkers(runs: TransferWorkerRun[]): Promise<unknown> {
  const alive = runs.filter((run) => run.child.exitCode === null && run.child.signalCode === null);
  for (const run of alive) run.child.kill('SIGKILL');
  runs.length = 0;
  return Promise.all(alive.map((run) => run.exited));
}

/** What `wrangle copy|move|retry --json` prints, `result` parsed (and defaulted) by TransferResultSchema. */
export interface TransferJson {
  batch_id: string;
  root: string;
  destination?: string;
  status: string;
  /** Present once the job started, also when it failed or was cancelled. */
  result: TransferResult | null;
  error?: { error: string; code: ErrorCode };
}

/** How a CLI run ended. */
export interface CliOutcome {
  /** Exit code, or null when killed by a signal (see `timedOut`). */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when the CLI outlived its timeout and was killed with its process group. */
  timedOut: boolean;
  /** stdout parsed as the `--json` object; throws with everything printed when it is not one. */
  json(): TransferJson;
}

/** How to start the CLI. */
export interface CliOptions {
  /** Extra environment (give each test its own WRANGLE_DATA_DIR). */
  env?: Record<string, string>;
  /** Kill the process group and report `timedOut` after this long (40 s unless set). */
  timeoutMs?: number;
}

/** A CLI started in its own process group, as a test sees it while it runs. */
export interface TransferCliRun {
  child: ChildProcess;
  /** The CLI's pid, which is also its process group id. */
  pid: number;
  /** Resolves when the CLI has exited and its output is in (or it was killed at its timeout). */
  done: Promise<CliOutcome>;
  stdout(): string;
  stderr(): string;
  /** Send `signal` to the CLI alone, while it runs (SIGINT is a Ctrl-C). */
  signal(signal: NodeJS.Signals): void;
  /** The pid of the CLI's copy worker, once it has been forked; rejects after `timeoutMs`. */
  workerPid(timeoutMs?: number): Promise<number>;
  /** SIGKILL the whole group (CLI and worker) and wait until every member is reaped. */
  killGroup(): Promise<void>;
}

/** Parse a transfer's `--json` output; the error carries everything printed when it is not one object. */
function parseTransferJson(code: number | null, stdout: string, stderr: string): TransferJson {
  let parsed: TransferJson;
  try {
    parsed = JSON.parse(stdout) as TransferJson;
  } catch {
    throw new Error(`stdout is not one JSON object (exit ${code}).\nstdout: ${stdout}\nstderr: ${stderr}`);
  }
  return { ...parsed, result: parsed.result ? TransferResultSchema.parse(parsed.result) : null };
}

/** Start `node cli.cjs ...args` detached in its own process group, capturing stdout and stderr. */
export function startTransferCli(args: string[], options: CliOptions = {}): TransferCliRun {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`Could not start ${CLI}.`);
  startedGroups.add(pid);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(pid);
  }, options.timeoutMs ?? DEFAULT_CLI_TIMEOUT_MS);
  const done = new Promise<CliOutcome>((resolve) => {
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const settle = (): void => {
        // Forget a group that is empty, so its id (free for reuse) is never signalled later.
        if (!groupAlive(pid)) startedGroups.delete(pid);
        resolve({
          code,
          signal,
          stdout,
          stderr,
          timedOut,
          json: () => parseTransferJson(code, stdout, stderr),
        });
      };
      // A worker that outlives the CLI keeps the pipes open, so 'close' would never come: if one is still
      // there after a moment, settle with the output so far.
      const grace = setTimeout(() => {
        if (groupAlive(pid)) settle();
      }, 300);
      child.once('close', () => {
        clearTimeout(grace);
        settle();
      });
    });
  });

  const workerPid = (timeoutMs = 10_000): Promise<number> =>
    waitFor(
      () => {
        const children = childPids(pid);
        return children.find((c) => commandLine(c).includes('transfer-worker')) ?? children[0];
      },
      timeoutMs,
      `the CLI (pid ${pid}) to fork its worker`,
    );

  return {
    child,
    pid,
    done,
    stdout: () => stdout,
    stderr: () => stderr,
    signal: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    workerPid,
    killGroup: () => killAndReap(pid),
  };
}

/**
 * Run the CLI to its end (or its timeout), then SIGKILL whatever is left of its process group (a worker the
 * CLI left behind) and wait until it is reaped, so nothing outlives the call.
 */
export async function runTransferCli(args: string[], options: CliOptions = {}): Promise<CliOutcome> {
  const run = startTransferCli(args, options);
  try {
    return await run.done;
  } finally {
    await run.killGroup();
  }
}

/** A job record as the CLI keeps it in `$WRANGLE_DATA_DIR/jobs/<batch_id>/job.json`. */
export interface JobRecordFile {
  info: JobInfo;
  snapshot: ProgressSnapshot;
  result: TransferResult | null;
}

/** Read one job record (unvalidated: an older build may lack newer fields). */
export function readJobRecord(dataDir: string, batchId: string): JobRecordFile {
  return JSON.parse(readFileSync(join(dataDir, 'jobs', batchId, 'job.json'), 'utf8')) as JobRecordFile;
}

/** The only job record in `dataDir` (a test that runs one CLI per data folder). */
export function onlyJobRecord(dataDir: string): JobRecordFile {
  let ids: string[] = [];
  try {
    ids = readdirSync(join(dataDir, 'jobs'));
  } catch {
    // No jobs folder: no job was recorded.
  }
  if (ids.length !== 1) throw new Error(`Expected one job in ${dataDir}, found ${ids.length}`);
  return readJobRecord(dataDir, ids[0]!);
}
