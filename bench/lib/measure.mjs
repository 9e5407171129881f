/** Timing and memory helpers shared by the benchmarks. */
import { spawn } from 'node:child_process';
import WebSocket from 'ws';
import { fileURLToPath } from 'node:url';
import { childrenOf, peakRssMb } from './process-peaks.mjs';

export const CLI = fileURLToPath(new URL('../../out/main/cli.cjs', import.meta.url));

/**
 * Run a command; resolve with wall time, output, and the peak RSS of the process and of each child,
 * sampled every 20 ms from /proc (VmHWM is the kernel's own high-water mark, so sampling misses nothing
 * but the last 20 ms).
 */
export function run(command, args, { env = process.env, onStderr } = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const peaks = new Map();
    const sample = () => {
      for (const pid of [child.pid, ...childrenOf(child.pid)]) {
        const mb = peakRssMb(pid);
        if (mb !== undefined) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, mb));
      }
    };
    const timer = setInterval(sample, 20);
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      onStderr?.(stderr, child);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const self = peaks.get(child.pid) ?? 0;
      const children = [...peaks.entries()].filter(([pid]) => pid !== child.pid).map(([, mb]) => mb);
      resolve({ code, seconds, stdout, stderr, peakMb: { self, children } });
    });
  });
}

/** Median of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The p-th percentile (0–100) of numbers, nearest rank. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * Run `wrangle scan <root> --json` with a WebSocket client subscribed to its batch, as the app would be.
 * `onMessage` sees every parsed server message. Resolves with the run and the parsed JSON output.
 */
export async function watchedScan(root, dataDir, onMessage = () => undefined) {
  let watcher;
  const result = await run(process.execPath, [CLI, 'scan', root, '--json', '--print-progress-endpoint'], {
    env: { ...process.env, WRANGLE_DATA_DIR: dataDir },
    onStderr: (text) => {
      const match = text.match(/progress endpoint: (\S+) batch: (\S+)/);
      if (!match || watcher) return;
      watcher = new WebSocket(match[1]);
      watcher.on('open', () => watcher.send(JSON.stringify({ type: 'subscribe', batch_id: match[2] })));
      watcher.on('message', (raw) => onMessage(JSON.parse(String(raw))));
      watcher.on('error', () => undefined);
    },
  });
  watcher?.terminate();
  if (result.code !== 0) throw new Error(`wrangle scan ${root} failed (${result.code}): ${result.stderr}`);
  return { ...result, output: JSON.parse(result.stdout) };
}
