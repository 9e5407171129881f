#!/usr/bin/env node
/**
 * ASC MHL at scale: write a history of 1,000,000 synthetic file records (added in shuffled order, as copy
 * threads finish out of order), then read it back, each in its own process, and print the seconds and the
 * peak resident memory (VmHWM) of each. Goal: writing stays under 300 MB.
 * The library is bundled from src-workers/mhl with rolldown into node_modules/.cache/mhl-bench first.
 * A third process opens the written history (checking its chain) and writes generation 2 over it.
 * Usage: node bench/mhl-1m.mjs [--files 1000000] [--per-dir 250] [--formats xxh64] [--dir /tmp/wrangle-bench]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { rolldown } from 'rolldown';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '1000000' },
    'per-dir': { type: 'string', default: '250' },
    formats: { type: 'string', default: 'xxh64' },
    dir: { type: 'string', default: '/tmp/wrangle-bench' },
    child: { type: 'string' },
    root: { type: 'string' },
  },
});

const REPO = fileURLToPath(new URL('..', import.meta.url));
const CACHE = join(REPO, 'node_modules', '.cache', 'mhl-bench');
const BUNDLE = join(CACHE, 'mhl.mjs');

/** The benchmark's two halves, run in child processes so each has its own peak memory. */
async function child(kind, root) {
  const { HistoryWriter, readHistory } = await import(BUNDLE);
  const files = Number(values.files);
  const perDir = Number(values['per-dir']);
  const formats = values.formats.split(',');
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  if (kind === 'write' || kind === 'continue') {
    const writer = await HistoryWriter.open(root, {
      processType: 'transfer',
      formats,
      createdAt: new Date(Date.UTC(2026, 10, kind === 'write' ? 22 : 23, 12, 0, 0)),
      hostname: 'bench-host',
      tool: { name: 'Wrangle', version: 'bench' },
    });
    // A shuffled order: records arrive as copy threads finish.
    const order = new Uint32Array(files);
    for (let i = 0; i < files; i++) order[i] = i;
    let seed = 12345;
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = files - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    const hex = (n, digits) => {
      let out = '';
      let x = n >>> 0 || 1;
      while (out.length < digits) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        out += (x >>> 0).toString(16).padStart(8, '0');
      }
      return out.slice(0, digits);
    };
    const lengths = { md5: 32, sha1: 40, xxh128: 32, xxh3: 16, xxh64: 16 };
    const mtime = { s: 1_790_000_000, ns: 0 };
    for (const i of order) {
      const folder = Math.floor(i / perDir);
      const path =
        `show/seq${String(folder % 40).padStart(2, '0')}/sh${String(folder).padStart(4, '0')}` +
        `/renders/v001/beauty.${String(i % perDir).padStart(4, '0')}.exr`;
      const hashes = {};
      for (const format of formats) hashes[format] = hex(i * 7919 + format.length, lengths[format]);
      writer.add({
        path,
        size: 1_000_000 + (i % 40_000_000),
        mtime,
        hashes,
        action: kind === 'write' ? 'original' : 'verified',
      });
    }
    const added = seconds();
    const { manifests } = await writer.finish();
    const total = seconds();
    const bytes = statSync(manifests[manifests.length - 1]).size;
    console.log(JSON.stringify({ added, finish: total - added, total, bytes, manifest: manifests[0] }));
  } else {
    const history = await readHistory(root);
    const total = seconds();
    console.log(JSON.stringify({ total, files: history.paths().length }));
  }
  const hwm = /VmHWM:\s+(\d+) kB/.exec(
    await import('node:fs').then((fs) => fs.readFileSync('/proc/self/status', 'utf8')),
  );
  console.log(
    JSON.stringify({ peakMb: hwm ? Number(hwm[1]) / 1024 : process.resourceUsage().maxRSS / 1024 }),
  );
}

async function bundle() {
  mkdirSync(CACHE, { recursive: true });
  const external = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), /^[^./]/];
  const build = await rolldown({
    input: join(REPO, 'src-workers/mhl/index.ts'),
    platform: 'node',
    external,
  });
  await build.write({ file: BUNDLE, format: 'esm' });
  await build.close();
}

function runChild(kind, root) {
  const script = fileURLToPath(import.meta.url);
  const args = [
    script,
    '--child',
    kind,
    '--root',
    root,
    '--files',
    values.files,
    '--per-dir',
    values['per-dir'],
    '--formats',
    values.formats,
  ];
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${kind} failed:\n${result.stderr}`);
  const [stats, memory] = result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  return { ...stats, ...memory, wall };
}

if (values.child) {
  await child(values.child, values.root);
} else {
  await bundle();
  mkdirSync(values.dir, { recursive: true });
  const root = mkdtempSync(join(values.dir, 'mhl-'));
  try {
    writeFileSync(
      join(root, 'README.txt'),
      'ASC MHL benchmark tree (records are synthetic; files are not here)\n',
    );
    const write = runChild('write', root);
    const read = runChild('read', root);
    const again = runChild('continue', root);
    const mb = (n) => `${n.toFixed(0)} MB`;
    console.log(
      `records:   ${Number(values.files).toLocaleString('en-US')} (${values.formats}, ${values['per-dir']} a folder)`,
    );
    console.log(`manifest:  ${(write.bytes / 1e6).toFixed(0)} MB`);
    console.log(
      `write:     ${write.total.toFixed(2)} s (add ${write.added.toFixed(2)} s, finish ${write.finish.toFixed(2)} s), ` +
        `process ${write.wall.toFixed(2)} s, peak RSS ${mb(write.peakMb)}`,
    );
    console.log(
      `read back: ${read.total.toFixed(2)} s, process ${read.wall.toFixed(2)} s, peak RSS ${mb(read.peakMb)}`,
    );
    console.log(
      `continue:  ${again.total.toFixed(2)} s (open+add ${again.added.toFixed(2)} s, finish ${again.finish.toFixed(2)} s), ` +
        `process ${again.wall.toFixed(2)} s, peak RSS ${mb(again.peakMb)} (generation 2 over the 1M-record generation 1)`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
