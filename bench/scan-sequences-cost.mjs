#!/usr/bin/env node
/**
 * What grouping frames into image sequences adds to a scan: the same warm tree of 1M frames in 10k folders,
 * scanned with WRANGLE_SCAN_SEQUENCES=1 and =0 alternately. Goal: < 10% more time.
 * Two times per run: the scan job's own duration (start to result, tree file written: what the app waits
 * for) and the whole `wrangle scan --json` process, which also prints every sequence.
 * Usage: node bench/scan-sequences-cost.mjs [--files 1000000] [--per-dir 100] [--runs 31] [--dir /tmp/wrangle-bench]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureTree } from './lib/tree.mjs';
import { CLI, median, run } from './lib/measure.mjs';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '1000000' },
    'per-dir': { type: 'string', default: '100' },
    runs: { type: 'string', default: '31' },
    dir: { type: 'string', default: '/tmp/wrangle-bench' },
  },
});
const files = Number(values.files);
const perDir = Number(values['per-dir']);
mkdirSync(values.dir, { recursive: true });
const dataDir = mkdtempSync(join(values.dir, 'data-'));
const tree = ensureTree(join(values.dir, `tree-${files}-by-${perDir}`), files, perDir);

async function scan(sequences) {
  const result = await run(process.execPath, [CLI, 'scan', tree, '--json'], {
    env: { ...process.env, WRANGLE_DATA_DIR: dataDir, WRANGLE_SCAN_SEQUENCES: sequences ? '1' : '0' },
  });
  if (result.code !== 0) throw new Error(`scan failed: ${result.stderr}`);
  const summary = JSON.parse(result.stdout).result;
  return {
    seconds: result.seconds,
    scanSeconds: summary.duration_ms / 1000,
    sequences: summary.sequence_count,
  };
}

await scan(true); // warm the cache
const runs = { on: [], off: [] };
let found = 0;
for (let i = 0; i < Number(values.runs); i++) {
  const withSequences = await scan(true);
  found = withSequences.sequences;
  runs.on.push(withSequences);
  runs.off.push(await scan(false));
  const [on, off] = [runs.on.at(-1), runs.off.at(-1)];
  console.error(
    `  run ${i + 1}: with sequences ${on.scanSeconds.toFixed(2)} s scan / ${on.seconds.toFixed(2)} s process, without ${off.scanSeconds.toFixed(2)} s / ${off.seconds.toFixed(2)} s`,
  );
}
const medianOf = (list, key) => median(list.map((run) => run[key]));
// Each pair ran back to back, so its ratio cancels the machine's slow and fast spells; its median is the headline.
const pairedAdded = (key) => median(runs.on.map((run, i) => run[key] / runs.off[i][key])) - 1;
const report = {
  files,
  folders: Math.ceil(files / perDir),
  sequences_found: found,
  runs: Number(values.runs),
};
for (const [key, label, name] of [
  ['scanSeconds', 'scan job', 'scan'],
  ['seconds', 'whole CLI', 'process'],
]) {
  const on = medianOf(runs.on, key);
  const off = medianOf(runs.off, key);
  const added = pairedAdded(key);
  report[name] = {
    with_sequences_seconds: on,
    without_sequences_seconds: off,
    added,
    added_by_medians: on / off - 1,
  };
  console.log(
    `  ${label.padEnd(9)} without sequences ${off.toFixed(2)} s, with ${on.toFixed(2)} s: +${(added * 100).toFixed(1)}% (median of pair ratios; medians alone +${((on / off - 1) * 100).toFixed(1)}%), goal < 10%`,
  );
}
console.log(
  `${files.toLocaleString()} frames in ${report.folders.toLocaleString()} folders, ${found.toLocaleString()} sequences (median of ${values.runs})`,
);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('./results/scan-sequences-cost.json', import.meta.url),
  `${JSON.stringify(report, null, 2)}\n`,
);
rmSync(dataDir, { recursive: true, force: true });
