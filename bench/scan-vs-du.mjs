#!/usr/bin/env node
/**
 * wrangle scan vs `du -s --apparent-size -b` on the same warm tree, in one run.
 * Usage: node bench/scan-vs-du.mjs [--files 500000] [--runs 3] [--memory-files 1000000] [--dir /tmp/wrangle-bench]
 * Prints the time ratio (wrangle / du; goal ≤ 1.0) and files/s, then peak memory of the CLI and the worker
 * on a 1M-file scan (goal < 300 MB together). Progress is on: a WebSocket client watches every scan.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureTree } from './lib/tree.mjs';
import { median, run, watchedScan } from './lib/measure.mjs';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '500000' },
    runs: { type: 'string', default: '3' },
    'memory-files': { type: 'string', default: '1000000' },
    dir: { type: 'string', default: '/tmp/wrangle-bench' },
  },
});
const files = Number(values.files);
const runs = Number(values.runs);
const memoryFiles = Number(values['memory-files']);
mkdirSync(values.dir, { recursive: true });
const dataDir = mkdtempSync(join(values.dir, 'data-'));

/** The CLI on `root`, watched over the WebSocket; counts the messages the watcher got. */
async function wrangleScan(root) {
  let messages = 0;
  const result = await watchedScan(root, dataDir, () => messages++);
  return { ...result, messages };
}

async function du(root) {
  const result = await run('du', ['-s', '--apparent-size', '-b', root]);
  if (result.code !== 0) throw new Error(`du failed: ${result.stderr}`);
  return result;
}

const tree = ensureTree(join(values.dir, `tree-${files}`), files);
console.error('warming the cache …');
await du(tree);
await wrangleScan(tree);

const duTimes = [];
const wrangleTimes = [];
let last;
for (let i = 0; i < runs; i++) {
  // Alternate, so drift on a shared machine hits both tools alike.
  duTimes.push((await du(tree)).seconds);
  last = await wrangleScan(tree);
  wrangleTimes.push(last.seconds);
  console.error(
    `  run ${i + 1}: du ${duTimes.at(-1).toFixed(3)} s, wrangle ${wrangleTimes.at(-1).toFixed(3)} s`,
  );
}
const duMedian = median(duTimes);
const wrangleMedian = median(wrangleTimes);
const report = {
  tree,
  files: last.output.result.file_count,
  directories: last.output.result.directory_count,
  runs,
  du_seconds: duMedian,
  wrangle_seconds: wrangleMedian,
  ratio: wrangleMedian / duMedian,
  wrangle_files_per_second: Math.round(last.output.result.file_count / wrangleMedian),
  du_files_per_second: Math.round(last.output.result.file_count / duMedian),
  progress_messages_seen_by_watcher: last.messages,
};
console.log(
  `scan ${report.files.toLocaleString()} files in ${report.directories.toLocaleString()} folders (median of ${runs}, warm cache)`,
);
console.log(
  `  du -s --apparent-size -b : ${duMedian.toFixed(3)} s  (${report.du_files_per_second.toLocaleString()} files/s)`,
);
console.log(
  `  wrangle scan             : ${wrangleMedian.toFixed(3)} s  (${report.wrangle_files_per_second.toLocaleString()} files/s)`,
);
console.log(`  ratio wrangle/du         : ${report.ratio.toFixed(2)}  (goal ≤ 1.00)`);
console.log(`  progress messages to the watching client: ${last.messages}`);

if (memoryFiles > 0) {
  const big = ensureTree(join(values.dir, `tree-${memoryFiles}`), memoryFiles);
  await du(big);
  const scan = await wrangleScan(big);
  const worker = Math.max(0, ...scan.peakMb.children);
  report.memory = {
    files: scan.output.result.file_count,
    cli_peak_mb: scan.peakMb.self,
    worker_peak_mb: worker,
    together_mb: scan.peakMb.self + worker,
    seconds: scan.seconds,
  };
  console.log(`memory on ${report.memory.files.toLocaleString()} files (peak RSS, VmHWM)`);
  console.log(`  CLI/main process : ${scan.peakMb.self.toFixed(0)} MB`);
  console.log(`  scan worker      : ${worker.toFixed(0)} MB`);
  console.log(`  together         : ${report.memory.together_mb.toFixed(0)} MB  (goal < 300 MB)`);
}

mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/scan-vs-du.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
rmSync(dataDir, { recursive: true, force: true });
