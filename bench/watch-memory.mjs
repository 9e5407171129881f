#!/usr/bin/env node
/**
 * Memory of `wrangle watch` (the CLI plus its watch worker) on 30k- and 100k-file trees, against chokidar
 * watching every file (its default), which is what the folder-level watch replaced.
 *
 * For each tree (bench/lib/tree.mjs: 250 sparse frames a folder) it starts `wrangle watch --json`, times the
 * `ready` line, lands 100 frames into a new folder (20 ms apart) and waits for that sequence to show all 100,
 * lets at least one reconcile re-read every folder (WRANGLE_WATCH_RECONCILE_MS=2000), then sends Ctrl-C. Peak
 * memory is VmHWM from /proc, sampled every 20 ms, for the CLI and the worker; inotify watches are counted in
 * the worker's /proc/<pid>/fdinfo.
 *
 * Usage: node bench/watch-memory.mjs [--files 30000,100000] [--chokidar-files 30000] [--dir PATH]
 *   --chokidar-files  trees to watch with plain chokidar per file (each file costs an inotify watch of the
 *                     user's shared budget, so only 30k by default; 0 to skip)
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { descendantsOf, peakRssMb } from './lib/process-peaks.mjs';
import { ensureTree } from './lib/tree.mjs';

const CLI = fileURLToPath(new URL('../out/main/cli.cjs', import.meta.url));
const REPO = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '30000,100000' },
    'chokidar-files': { type: 'string', default: '30000' },
    dir: { type: 'string', default: '/tmp/wrangle-watch-bench' },
  },
});
const sizes = (text) =>
  text
    .split(',')
    .map(Number)
    .filter((n) => n > 0);

/** inotify watches a process holds, from its fdinfo. */
function inotifyWatches(pid) {
  let count = 0;
  try {
    for (const fd of readdirSync(`/proc/${pid}/fdinfo`)) {
      const info = readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8');
      count += info.split('\n').filter((line) => line.startsWith('inotify wd:')).length;
    }
  } catch {
    // gone
  }
  return count;
}

/** Spawn and sample every 20 ms: peaks per pid, the most inotify watches seen, and stdout as lines. */
function sampled(command, args, env) {
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const peaks = new Map();
  let watches = 0;
  const lines = [];
  const waiters = [];
  const timer = setInterval(() => {
    for (const pid of [child.pid, ...descendantsOf(child.pid)]) {
      const mb = peakRssMb(pid);
      if (mb !== undefined) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, mb));
      watches = Math.max(watches, inotifyWatches(pid));
    }
  }, 20);
  let partial = '';
  child.stdout.on('data', (chunk) => {
    partial += chunk;
    const parts = partial.split('\n');
    partial = parts.pop();
    for (const text of parts) if (text.trim()) lines.push(JSON.parse(text));
    for (const waiter of [...waiters]) waiter();
  });
  const closed = new Promise((done) => child.on('close', (code) => (clearInterval(timer), done(code))));
  const waitFor = (match) =>
    new Promise((resolve) => {
      const check = () => {
        const found = lines.find(match);
        if (found) {
          waiters.splice(waiters.indexOf(check), 1);
          resolve(found);
        }
      };
      waiters.push(check);
      check();
    });
  const result = () => ({
    self: peaks.get(child.pid) ?? 0,
    others: [...peaks].filter(([pid]) => pid !== child.pid),
    watches,
  });
  return { child, closed, waitFor, result };
}

async function benchWatch(files) {
  const root = ensureTree(join(values.dir, `tree-${files}`), files);
  const landing = join(root, 'landing');
  rmSync(landing, { recursive: true, force: true });
  const started = Date.now();
  const run = sampled(process.execPath, [CLI, 'watch', root, '--json'], {
    WRANGLE_DATA_DIR: join(values.dir, 'data'),
    WRANGLE_WATCH_RECONCILE_MS: '2000',
  });
  const ready = await run.waitFor((line) => line.event === 'ready');
  const readyMs = Date.now() - started;
  const atReady = descendantsOf(run.child.pid).reduce((sum, pid) => sum + (peakRssMb(pid) ?? 0), 0);
  mkdirSync(landing);
  const landedAt = Date.now();
  for (let f = 0; f < 100; f++) {
    writeFileSync(join(landing, `beauty.${1001 + f}.exr`), Buffer.alloc(4096));
    await new Promise((done) => setTimeout(done, 20));
  }
  await run.waitFor(
    (line) => line.event === 'sequence' && line.sequence.dir === 'landing' && line.sequence.count === 100,
  );
  const lastSeenMs = Date.now() - landedAt - 100 * 20;
  await new Promise((done) => setTimeout(done, 2500)); // at least one reconcile of every folder
  run.child.kill('SIGINT');
  const code = await run.closed;
  rmSync(landing, { recursive: true, force: true });
  const { self, others, watches } = run.result();
  const worker = others.reduce((sum, [, mb]) => sum + mb, 0);
  return {
    files,
    folders: ready.watched.folders_watched,
    readyMs,
    atReady,
    lastSeenMs,
    code,
    cli: self,
    worker,
    total: self + worker,
    watches,
  };
}

async function benchChokidarFiles(files) {
  const root = ensureTree(join(values.dir, `tree-${files}`), files);
  const script = `import('chokidar').then(({ watch }) => { const t = Date.now(); const w = watch(${JSON.stringify(root)}); w.on('ready', () => { console.log(JSON.stringify({ event: 'ready', ms: Date.now() - t })); }); process.on('SIGINT', () => w.close().then(() => process.exit(0))); });`;
  const run = sampled(process.execPath, ['--input-type=module', '-e', script], {});
  const ready = await run.waitFor((line) => line.event === 'ready');
  await new Promise((done) => setTimeout(done, 500));
  run.child.kill('SIGINT');
  await run.closed;
  const { self, watches } = run.result();
  return { files, readyMs: ready.ms, total: self, watches };
}

process.chdir(REPO);
const rows = [];
for (const files of sizes(values.files)) {
  const row = await benchWatch(files);
  console.log(
    `wrangle watch, ${files.toLocaleString()} files in ${row.folders} folders: ready in ${row.readyMs} ms; 100 landed frames all seen ${row.lastSeenMs} ms after the last; ` +
      `peak CLI ${row.cli.toFixed(0)} MB + worker ${row.worker.toFixed(0)} MB (${row.atReady.toFixed(0)} MB by ready) = ${row.total.toFixed(0)} MB; ${row.watches} inotify watches; exit ${row.code}`,
  );
  rows.push(row);
}
for (const files of sizes(values['chokidar-files'])) {
  const row = await benchChokidarFiles(files);
  console.log(
    `chokidar per file, ${files.toLocaleString()} files: ready in ${row.readyMs} ms; peak ${row.total.toFixed(0)} MB; ${row.watches} inotify watches`,
  );
}
