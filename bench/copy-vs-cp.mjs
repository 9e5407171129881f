#!/usr/bin/env node
/**
 * wrangle copy vs `cp -a` and `rsync -a` on the same trees, in one run:
 *   (a) 2 GB of 64 MB files   (b) 50,000 files of 4 KB
 * plus `wrangle copy --verify` on (a), and a same-filesystem `wrangle move` of a 100k-file tree.
 * Usage: node bench/copy-vs-cp.mjs [--runs 3] [--dir /tmp/wrangle-copy-bench] [--skip-big] [--skip-small] [--skip-move]
 * Every copy goes to a fresh destination folder; destinations are deleted only at the end, because
 * creating files right after deleting a large tree is 2–5x slower on ext4 (its recently-deleted inode check).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CLI, median, run } from './lib/measure.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    dir: { type: 'string', default: '/tmp/wrangle-copy-bench' },
    'skip-big': { type: 'boolean', default: false },
    'skip-small': { type: 'boolean', default: false },
    'skip-move': { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const base = values.dir;
const dataDir = join(base, 'data');
const destinations = join(base, 'dest');
mkdirSync(destinations, { recursive: true });
let destinationCount = 0;
const freshDestination = (label) => {
  const path = join(destinations, `${label}-${destinationCount++}`);
  mkdirSync(path, { recursive: true });
  return path;
};

/** Make (or reuse) a source tree described by `marker`. */
function ensureTree(root, marker, build) {
  const markerFile = join(root, '.wrangle-bench');
  if (existsSync(markerFile) && readFileSync(markerFile, 'utf8') === marker) return;
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  console.error(`building ${marker} under ${root} …`);
  build(root);
  writeFileSync(markerFile, marker);
}

const big = join(base, 'src-big', 'plates');
ensureTree(join(base, 'src-big'), '32x64MB', (root) => {
  const block = randomBytes(64 * 1024 * 1024);
  mkdirSync(join(root, 'plates'));
  for (let i = 0; i < 32; i++) {
    block.writeUInt32LE(i, 0); // no two files alike
    writeFileSync(join(root, 'plates', `plate.${1001 + i}.exr`), block);
  }
});
const small = join(base, 'src-small', 'frames');
ensureTree(join(base, 'src-small'), '50000x4KB', (root) => {
  const block = randomBytes(4096);
  for (let d = 0; d < 50; d++) {
    const dir = join(root, 'frames', `sh${String(d).padStart(3, '0')}`);
    mkdirSync(dir, { recursive: true });
    for (let f = 0; f < 1000; f++) {
      block.writeUInt32LE(d * 1000 + f, 0);
      writeFileSync(join(dir, `beauty.${1001 + f}.exr`), block);
    }
  }
});

async function time(command, args, env = {}) {
  const result = await run(command, args, { env: { ...process.env, WRANGLE_DATA_DIR: dataDir, ...env } });
  if (result.code !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
  return result.seconds;
}

const tools = {
  'cp -a': (src, dest) => time('cp', ['-a', src, dest]),
  'rsync -a': (src, dest) => time('rsync', ['-a', src, dest]),
  'wrangle copy': (src, dest) => time(process.execPath, [CLI, 'copy', src, dest, '--json']),
  'wrangle copy --verify': (src, dest) =>
    time(process.execPath, [CLI, 'copy', src, dest, '--verify', '--json']),
};

async function compare(label, src, bytes, files, names) {
  // Warm the page cache so every tool reads from memory.
  await time('tar', ['-cf', '/dev/null', src]);
  const times = Object.fromEntries(names.map((name) => [name, []]));
  for (let i = 0; i < runs; i++) {
    for (const name of names) {
      const seconds = await tools[name](src, freshDestination(name.replace(/\W+/g, '_')));
      times[name].push(seconds);
      console.error(`  ${label} run ${i + 1}: ${name} ${seconds.toFixed(2)} s`);
    }
  }
  const cp = median(times['cp -a']);
  console.log(
    `${label}: ${files.toLocaleString()} files, ${(bytes / 1e9).toFixed(2)} GB (median of ${runs})`,
  );
  const report = {};
  for (const name of names) {
    const seconds = median(times[name]);
    report[name] = {
      seconds,
      ratio_to_cp: seconds / cp,
      mb_per_s: bytes / 1e6 / seconds,
      files_per_s: files / seconds,
    };
    console.log(
      `  ${name.padEnd(22)} ${seconds.toFixed(2)} s  ratio ${(seconds / cp).toFixed(2)}  ${(bytes / 1e6 / seconds).toFixed(0)} MB/s  ${Math.round(files / seconds).toLocaleString()} files/s`,
    );
  }
  return report;
}

const results = {};
if (!values['skip-big']) {
  results.big = await compare('(a) 64 MB files', big, 32 * 64 * 1024 * 1024, 32, [
    'cp -a',
    'rsync -a',
    'wrangle copy',
    'wrangle copy --verify',
  ]);
}
if (!values['skip-small']) {
  results.small = await compare('(b) 4 KB files', small, 50_000 * 4096, 50_000, [
    'cp -a',
    'rsync -a',
    'wrangle copy',
  ]);
}
if (!values['skip-move']) {
  // Same filesystem: a move is one rename per source, whatever the tree holds.
  const tree = join(base, 'move-src', 'SHOW');
  rmSync(join(base, 'move-src'), { recursive: true, force: true });
  mkdirSync(tree, { recursive: true });
  for (let d = 0; d < 100; d++) {
    const dir = join(tree, `sh${d}`);
    mkdirSync(dir);
    for (let f = 0; f < 1000; f++) writeFileSync(join(dir, `f${f}.exr`), '');
  }
  const seconds = await time(process.execPath, [CLI, 'move', tree, freshDestination('move'), '--json']);
  results.move_same_fs_100k = { seconds };
  console.log(
    `same-filesystem move of a 100,000-file tree: ${seconds.toFixed(3)} s (goal < 1 s, whole CLI run)`,
  );
}

mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/copy-vs-cp.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
console.error('removing destination copies …');
rmSync(destinations, { recursive: true, force: true });
rmSync(dataDir, { recursive: true, force: true });
