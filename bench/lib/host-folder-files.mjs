#!/usr/bin/env node
/**
 * The host's side of "every file in the tree", in a process of its own so its memory is its own: open a
 * finished scan's tree the way getTree does, then read folders' files the way getFolderFiles does.
 * Usage: node bench/lib/host-folder-files.mjs <tree.json>   (prints one JSON object)
 */
import { readFile } from 'node:fs/promises';
import { createJiti } from 'jiti';

const treePath = process.argv[2];
const jiti = createJiti(import.meta.url);
const { FolderFilesReader } = await jiti.import('../../src-main/jobs/folder-files-reader.ts');
const { ScanTreeSchema } = await jiti.import('../../src-shared/scan-tree.ts');

const mb = () => process.memoryUsage().rss / 1e6;
const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;
const before = mb();

// getTree: the whole tree file, parsed and validated (what the results view fetches once).
let start = process.hrtime.bigint();
const tree = ScanTreeSchema.parse(JSON.parse(await readFile(treePath, 'utf8')));
const getTreeMs = ms(start);
const folders = tree.dirs.name.length;

// getFolderFiles: the first read parses the tree's offset columns; later reads are one range read each.
const reader = new FolderFilesReader({ getJob: () => ({ kind: 'scan' }) }, () => treePath);
start = process.hrtime.bigint();
const first = await reader.read('bench', folders - 1);
const firstMs = ms(start);
const times = [];
let files = 0;
for (let k = 0; k < 200; k++) {
  const index = Math.floor((k * 7919) % folders);
  start = process.hrtime.bigint();
  files += (await reader.read('bench', index)).names.length;
  times.push(ms(start));
}
times.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    folders,
    get_tree_ms: Math.round(getTreeMs),
    first_folder_read_ms: Math.round(firstMs),
    first_folder_files: first.names.length,
    folder_read_median_ms: Number(times[100].toFixed(2)),
    folder_read_p99_ms: Number(times[197].toFixed(2)),
    files_read: files,
    rss_before_mb: Math.round(before),
    rss_after_mb: Math.round(mb()),
  }),
);
