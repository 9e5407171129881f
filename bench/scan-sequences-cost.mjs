#!/usr/bin/env node
/**
 * What grouping frames into image sequences adds to a scan: the same warm tree of 1M frames in 10k folders,
 * scanned with WRANGLE_SCAN_SEQUENCES=1 and =0 alternately. Goal: < 10% more time.
 * Usage: node bench/scan-sequences-cost.mjs [--files 1000000] [--per-dir 100] [--runs 3] [--dir /tmp/wrangle-bench]
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
    runs: { type: 'string', default: '3' },
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
  return { seconds: result.seconds, sequences: JSON.parse(result.stdout).result.sequence_count };
}

await scan(true); // warm the cache
const on = [];
const off = [];
let found = 0;
for (let i = 0; i < Number(values.runs); i++) {
  const withSequences = await scan(true);
  found = withSequences.sequences;
  on.push(withSequences.seconds);
  off.push((await scan(false)).seconds);
  console.error(
    `  run ${i + 1}: with sequences ${on.at(-1).toFixed(2)} s, without ${off.at(-1).toFixed(2)} s`,
  );
}
const report = {
  files,
  folders: Math.ceil(files / perDir),
  sequences_found: found,
  with_sequences_seconds: median(on),
  without_sequences_seconds: median(off),
  added: median(on) / median(off) - 1,
};
console.log(
  `${files.toLocaleString()} frames in ${report.folders.toLocaleString()} folders, ${found.toLocaleString()} sequences (median of ${values.runs})`,
);
console.log(`  scan without sequences: ${report.without_sequences_seconds.toFixed(2)} s`);
console.log(
  `  scan with sequences:    ${report.with_sequences_seconds.toFixed(2)} s  (+${(report.added * 100).toFixed(1)}%, goal < 10%)`,
);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('./results/scan-sequences-cost.json', import.meta.url),
  `${JSON.stringify(report, null, 2)}\n`,
);
rmSync(dataDir, { recursive: true, force: true });
