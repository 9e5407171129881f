/**
 * Runs a command and times it from spawn to exit, while sampling the peak resident memory (VmHWM) of the
 * process and of every process below it, each on its own, from /proc every 20 ms.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename } from 'node:path';

const SAMPLE_MS = 20;
/** Processes started here that have not closed yet, each with a promise of its close. */
const running = new Map();
/** Whether this kernel lists a thread's children in /proc/<pid>/task/<tid>/children. */
const HAS_CHILDREN_FILES = existsSync(`/proc/${process.pid}/task/${process.pid}/children`);

/** Peak resident memory (VmHWM) of a pid in MB (MiB, as the other benches print it), or undefined. */
export function peakRssMb(pid) {
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Contents of a /proc file, or '' once the process has gone. */
function readProc(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Direct children of a pid, whichever of its threads forked them. */
export function childrenOf(pid) {
  if (!HAS_CHILDREN_FILES) return childrenByScan(pid);
  let tids;
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  return tids.flatMap((tid) =>
    readProc(`/proc/${pid}/task/${tid}/children`).split(/\s+/).filter(Boolean).map(Number),
  );
}

/** Direct children of a pid found by reading the ppid of every process (kernels without children files). */
function childrenByScan(pid) {
  const pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  // The comm field in stat may hold spaces and parentheses; ppid is the second field after its last ')'.
  const parentOf = (name) => Number(readProc(`/proc/${name}/stat`).split(') ')[1]?.split(' ')[1]);
  return pids.filter((name) => parentOf(name) === pid).map(Number);
}

/** Every process below a pid: children, grandchildren, and so on. */
export function descendantsOf(pid) {
  const found = [];
  for (let queue = childrenOf(pid); queue.length > 0;) {
    const next = queue.shift();
    found.push(next);
    queue = queue.concat(childrenOf(next));
  }
  return found;
}

/** Short name of a process: the script a node process runs, else the program's name. */
function processName(pid) {
  const argv = readProc(`/proc/${pid}/cmdline`).split('\0').filter(Boolean);
  if (argv.length === 0) return `pid ${pid}`; // gone, or a zombie
  const program = basename(argv[0]);
  const script = argv.slice(1).find((arg) => !arg.startsWith('-'));
  return program === 'node' && script ? basename(script) : program;
}

/**
 * Run a command. Resolves with `code`, `signal`, `seconds` (spawn to exit), `stdout`, `stderr` and `peaks`:
 * `{ self, descendants: [{ pid, name, mb }] }`. VmHWM is the kernel's own high-water mark, so sampling misses
 * only what a process adds in its last 20 ms.
 */
export function runWithPeaks(command, args, { env = process.env } = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    running.set(child, new Promise((closed) => child.on('close', closed)));
    const peaks = new Map();
    const sample = () => {
      for (const pid of [child.pid, ...descendantsOf(child.pid)]) {
        const mb = peakRssMb(pid);
        if (mb === undefined) continue;
        const name = processName(pid);
        const known = peaks.get(pid);
        // A name change means the pid has exec'd since the last sample: what it held before was its parent's.
        const before = known && known.name === name ? known.mb : 0;
        peaks.set(pid, { pid, name, mb: Math.max(before, mb) });
      }
    };
    const timer = setInterval(sample, SAMPLE_MS);
    let stdout = '';
    let stderr = '';
    let seconds = 0;
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => {
      clearInterval(timer);
      running.delete(child);
      reject(error);
    });
    child.on('exit', () => {
      seconds = Number(process.hrtime.bigint() - started) / 1e9;
      clearInterval(timer);
    });
    child.on('close', (code, signal) => {
      running.delete(child);
      const self = peaks.get(child.pid)?.mb ?? 0;
      const descendants = [...peaks.values()].filter((peak) => peak.pid !== child.pid);
      resolve({ code, signal, seconds, stdout, stderr, peaks: { self, descendants } });
    });
  });
}

/** Interrupt the commands still running (SIGINT, as a terminal does); wait up to `ms` for them to close. */
export async function stopRunning(ms = 5000) {
  for (const child of running.keys()) child.kill('SIGINT');
  await Promise.race([Promise.all(running.values()), new Promise((done) => setTimeout(done, ms))]);
}
