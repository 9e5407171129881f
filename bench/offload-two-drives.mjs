#!/usr/bin/env node
/**
 * Offload to two drives: does a second destination cost at most 1.3x one (issue 10), when each destination
 * is a drive of its own? This VM has one disk, where two destinations must write twice the bytes to the
 * same device (bench/offload-vs-cp.mjs measures that). Here each destination is a stand-in drive (see
 * lib/throttled-drives.mjs): ext4 on a RAM-backed loop device, throttled by the block layer to --mbps for
 * reads and for writes, so the drives, not the CPU or the source, set the pace. The source is on tmpfs, as
 * a fast card reader would be.
 *
 * Runs of a round (alternating order every other round; medians of the per-round ratios):
 *   one        wrangle copy SRC D1 --verify --mhl            (the app's defaults)
 *   two        wrangle copy SRC D1 --also D2 --verify --mhl
 *   one-plain  wrangle copy SRC D1                           (no hashing: the kernel copies)
 *   two-plain  wrangle copy SRC D1 --also D2
 *   cp-twice   cp -a SRC D1/ && cp -a SRC D2/                (the standard tool, one after the other)
 * Each run starts with `sync` and dropped caches and writes into a fresh folder; its time is spawn to exit
 * plus the `sync` after it. Its folders are deleted after the run.
 *
 * Usage: node bench/offload-two-drives.mjs [options]   (npm run bench:offload-drives; root)
 *   --pairs N        rounds (default 4)
 *   --sets LIST      big,frames (default both)
 *   --mbps N         each drive's read and write bandwidth, MiB/s (default 150)
 *   --big-files N    (default 4)   --big-mb N  MiB each (default 256)
 *   --frames N       frames of 50–200 KB (default 8000)
 *   --base PATH      a tmpfs folder for the sources and drive images (default /dev/shm/wrangle-two-drives)
 *   --cli PATH       the built cli.cjs (default out/main/cli.cjs; copied aside with its addon first)
 *   --json FILE      every run and the summary as JSON
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBigSource, filesystemType } from './lib/copy-sources.mjs';
import { CLI, median } from './lib/measure.mjs';
import {
  canDropCaches,
  dropCaches,
  ensureFrameSource,
  loadAverage,
  snapshotBuild,
  timedSync,
} from './lib/offload-sources.mjs';
import { throttledDrive, whyNoThrottledDrives } from './lib/throttled-drives.mjs';

const { values: opts } = parseArgs({
  options: {
    pairs: { type: 'string', default: '4' },
    sets: { type: 'string', default: 'big,frames' },
    mbps: { type: 'string', default: '150' },
    'big-files': { type: 'string', default: '4' },
    'big-mb': { type: 'string', default: '256' },
    frames: { type: 'string', default: '8000' },
    base: { type: 'string', default: '/dev/shm/wrangle-two-drives' },
    cli: { type: 'string', default: CLI },
    json: { type: 'string' },
  },
});

const why = whyNoThrottledDrives() || (canDropCaches() ? '' : 'cannot drop the page cache');
if (why) {
  console.error(`offload-two-drives: ${why}`);
  process.exit(2);
}
const base = opts.base;
mkdirSync(base, { recursive: true });
if (filesystemType(base) !== 'tmpfs') {
  console.error(`offload-two-drives: --base ${base} is not on a tmpfs (the drives' images must be in RAM)`);
  process.exit(2);
}
const mbps = Number(opts.mbps);
const cli = snapshotBuild(opts.cli, join(base, 'build'));
const sources = {
  big: () => ensureBigSource(base, Number(opts['big-files']), Number(opts['big-mb'])),
  frames: () => ensureFrameSource(base, Number(opts.frames), 50, 200),
};
const sets = opts.sets.split(',').filter((set) => set in sources);
const imageBytes = 4 * 1024 ** 3;
const drives = ['d1', 'd2'].map((name) => throttledDrive(base, name, imageBytes, mbps));
const [d1, d2] = drives.map((drive) => drive.mountPoint);

const VARIANTS = {
  one: (src, out) => ['node', [cli, 'copy', src, out(d1), '--verify', '--mhl']],
  two: (src, out) => ['node', [cli, 'copy', src, out(d1), '--also', out(d2), '--verify', '--mhl']],
  'one-plain': (src, out) => ['node', [cli, 'copy', src, out(d1)]],
  'two-plain': (src, out) => ['node', [cli, 'copy', src, out(d1), '--also', out(d2)]],
  'cp-twice': (src, out) => [
    'sh',
    ['-c', 'cp -a "$1" "$2/" && cp -a "$1" "$3/"', 'sh', src, out(d1), out(d2)],
  ],
};
const RATIOS = [
  ['two / one (--verify --mhl)', 'two', 'one'],
  ['two-plain / one-plain', 'two-plain', 'one-plain'],
  ['two / cp-twice', 'two', 'cp-twice'],
];

let counter = 0;
function timeRun(variant, source) {
  const folder = `run-${++counter}`;
  const out = (drive) => {
    mkdirSync(join(drive, folder));
    return join(drive, folder);
  };
  const [command, args] = VARIANTS[variant](source.path, out);
  dropCaches();
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    env: { ...process.env, WRANGLE_DATA_DIR: join(base, 'data') },
  });
  const exited = Number(process.hrtime.bigint() - started) / 1e9;
  const sync = timedSync();
  if (result.status !== 0)
    throw new Error(`${variant} exited ${result.status}: ${result.stderr.slice(-2000)}`);
  for (const drive of [d1, d2]) rmSync(join(drive, folder), { recursive: true, force: true });
  timedSync();
  return { variant, seconds: exited + sync, exited, sync, load: loadAverage() };
}

const summary = [];
try {
  for (const set of sets) {
    const source = sources[set]();
    console.error(
      `\n${set}: ${source.description} (${(source.bytes / 1e9).toFixed(2)} GB), drives at ${mbps} MiB/s`,
    );
    const rounds = [];
    for (let round = 0; round < Number(opts.pairs); round++) {
      const order = Object.keys(VARIANTS);
      if (round % 2) order.reverse();
      const runs = Object.fromEntries(order.map((variant) => [variant, timeRun(variant, source)]));
      rounds.push(runs);
      console.error(
        `  round ${round + 1}: ${order.map((v) => `${v} ${runs[v].seconds.toFixed(2)} s`).join(', ')}`,
      );
    }
    const medians = Object.fromEntries(
      Object.keys(VARIANTS).map((variant) => [variant, median(rounds.map((runs) => runs[variant].seconds))]),
    );
    const ratios = RATIOS.map(([label, a, b]) => {
      const each = rounds.map((runs) => runs[a].seconds / runs[b].seconds);
      return { label, median: median(each), min: Math.min(...each), max: Math.max(...each) };
    });
    summary.push({ set, source: source.description, bytes: source.bytes, mbps, medians, ratios, rounds });
  }
} finally {
  for (const drive of drives) drive.teardown();
}

for (const { set, source, medians, ratios } of summary) {
  console.log(`\n### ${set}: ${source}, two drives at ${mbps} MiB/s each`);
  console.log('| run | median s |\n|---|---:|');
  for (const [variant, seconds] of Object.entries(medians))
    console.log(`| ${variant} | ${seconds.toFixed(2)} |`);
  console.log('\n| ratio | median | range |\n|---|---:|---|');
  for (const r of ratios)
    console.log(`| ${r.label} | **${r.median.toFixed(2)}** | ${r.min.toFixed(2)}–${r.max.toFixed(2)} |`);
}
if (opts.json) writeFileSync(opts.json, JSON.stringify({ cli: opts.cli, summary }, null, 2));
