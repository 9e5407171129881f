#!/usr/bin/env node
/**
 * What listing every file in the tree costs on a big scan: peak memory of the CLI and the scan worker, the
 * sizes of the tree file and the file-list file, and the host's getTree and per-folder getFolderFiles reads.
 * Usage: node bench/scan-tree-files.mjs [--files 1000000] [--dir /tmp/wrangle-bench]
 * The tree (250 frames a folder, as bench/scan-vs-du.mjs) is built once and reused.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureTree } from './lib/tree.mjs';
import { run, watchedScan } from './lib/measure.mjs';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '1000000' },
    dir: { type: 'string', default: '/tmp/wrangle-bench' },
  },
});
const files = Number(values.files);
mkdirSync(values.dir, { recursive: true });
const dataDir = mkdtempSync(join(values.dir, 'data-'));
const root = ensureTree(join(values.dir, `tree-${files}`), files);

await run('du', ['-s', '--apparent-size', '-b', root]); // warm the cache
const scan = await watchedScan(root, dataDir);
const result = scan.output.result;
const jobDir = join(dataDir, 'jobs', scan.output.batch_id);
const sizes = Object.fromEntries(
  readdirSync(jobDir).map((name) => [name, statSync(join(jobDir, name)).size]),
);
const hostScript = fileURLToPath(new URL('./lib/host-folder-files.mjs', import.meta.url));
const host = await run(process.execPath, [hostScript, join(jobDir, 'tree.json')]);
if (host.code !== 0) throw new Error(`host read failed: ${host.stderr}`);

const report = {
  files: result.file_count,
  folders: result.directory_count,
  scan_seconds: Number(scan.seconds.toFixed(2)),
  cli_peak_mb: Math.round(scan.peakMb.self),
  worker_peak_mb: Math.round(Math.max(0, ...scan.peakMb.children)),
  tree_json_bytes: sizes['tree.json'],
  file_list_bytes: sizes['tree.files.jsonl'],
  host: { ...JSON.parse(host.stdout), peak_mb: Math.round(host.peakMb.self) },
  file_types: result.file_types.slice(0, 3),
};
console.log(JSON.stringify(report, null, 2));
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('./results/scan-tree-files.json', import.meta.url),
  `${JSON.stringify(report, null, 2)}\n`,
);
rmSync(dataDir, { recursive: true, force: true });
