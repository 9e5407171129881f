#!/usr/bin/env node
/**
 * How fast the addon hashes (native/hashes.c), per format, on one thread: a 1 GiB buffer of random bytes in
 * memory, fed in 8 MiB updates as the copy engine would, several rounds, median. Each format alone, then all
 * six from one pass. The standard tool, `xxhsum -H1` (xxh64), hashes the same bytes from a file in /dev/shm
 * in the same rounds (its time includes starting the process and reading tmpfs, so it is a ceiling for what
 * a real file costs, not a pure hashing figure). The JavaScript fallback (hash-wasm for xxHash, node:crypto
 * for the rest) is timed once per format for comparison. GB/s counts 10^9 bytes.
 *
 * Usage: node bench/hash-speed.mjs [options]   (npm run bench:hash)
 *   --rounds N    rounds per format (default 5)
 *   --mib N       buffer size in MiB (default 1024)
 *   --no-js       skip the JavaScript fallback
 *   --json FILE   also write every timing as JSON
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createXXHash128, createXXHash3, createXXHash64 } from 'hash-wasm';
import { hasCommand } from './lib/copy-sources.mjs';
import { median } from './lib/measure.mjs';

// The order and bits of src-shared/hash-formats.ts.
const FORMATS = ['c4', 'md5', 'sha1', 'xxh128', 'xxh3', 'xxh64'];
const ALL_MASK = (1 << FORMATS.length) - 1;
const UPDATE = 8 * 1024 * 1024;
const SHM_FILE = '/dev/shm/wrangle-hash-bench.bin';

const { values: options } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    mib: { type: 'string', default: '1024' },
    'no-js': { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});
const rounds = Number(options.rounds);
const size = Number(options.mib) * 1024 * 1024;

const addonPath = fileURLToPath(new URL('../build/Release/wrangle_native.node', import.meta.url));
const addon = createRequire(import.meta.url)(addonPath);
if (typeof addon.hasherNew !== 'function')
  throw new Error(`${addonPath} has no hashing calls: npm run build:native`);

const gbps = (seconds) => size / seconds / 1e9;

/** Seconds to hash the whole buffer with the formats of `mask`, and the digests. */
function timeNative(buffer, mask) {
  const hasher = addon.hasherNew(mask);
  const started = process.hrtime.bigint();
  for (let at = 0; at < buffer.length; at += UPDATE)
    addon.hasherUpdate(hasher, buffer.subarray(at, at + UPDATE));
  const hex = addon.hasherHex(hasher);
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, hex };
}

/** Seconds for `xxhsum -H1 file`, spawn to exit, and what it printed. */
function timeXxhsum() {
  const started = process.hrtime.bigint();
  const result = spawnSync('xxhsum', ['-H1', SHM_FILE], { encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`xxhsum failed: ${result.stderr}`);
  return { seconds, hex: result.stdout.split(/\s/)[0] };
}

/** The fallback's hashers for one format, hash-wasm's made ahead (they are async to create). */
async function jsHasher(format) {
  const wasm = { xxh64: createXXHash64, xxh3: createXXHash3, xxh128: createXXHash128 }[format];
  if (wasm) return (await wasm()).init();
  const hash = createHash(format === 'c4' ? 'sha512' : format);
  return { update: (data) => hash.update(data), digest: () => hash.digest('hex') };
}

async function timeJs(buffer, format) {
  const hasher = await jsHasher(format);
  const started = process.hrtime.bigint();
  for (let at = 0; at < buffer.length; at += UPDATE) hasher.update(buffer.subarray(at, at + UPDATE));
  hasher.digest('hex');
  return Number(process.hrtime.bigint() - started) / 1e9;
}

console.error(`filling ${options.mib} MiB with random bytes…`);
const buffer = Buffer.allocUnsafe(size);
randomFillSync(buffer);
const xxhsum = hasCommand('xxhsum');
if (xxhsum) writeFileSync(SHM_FILE, buffer);
else console.error('xxhsum not found (apt-get install -y xxhash): no comparison with it');

const runs = new Map([...FORMATS, 'all'].map((name) => [name, []]));
const xxhsumRuns = [];
try {
  for (let round = 1; round <= rounds; round++) {
    // xxhsum next to xxh64 in every round, so drift on the shared machine hits both alike.
    if (xxhsum) {
      const tool = timeXxhsum();
      const ours = timeNative(buffer, 1 << FORMATS.indexOf('xxh64'));
      if (tool.hex !== ours.hex[FORMATS.indexOf('xxh64')])
        throw new Error(`xxh64 differs: xxhsum ${tool.hex}, ours ${ours.hex[FORMATS.indexOf('xxh64')]}`);
      xxhsumRuns.push(tool.seconds);
      runs.get('xxh64').push(ours.seconds);
    }
    for (const [index, format] of FORMATS.entries())
      if (format !== 'xxh64' || !xxhsum) runs.get(format).push(timeNative(buffer, 1 << index).seconds);
    runs.get('all').push(timeNative(buffer, ALL_MASK).seconds);
    console.error(`round ${round}/${rounds} done`);
  }
} finally {
  if (xxhsum) rmSync(SHM_FILE, { force: true });
}

const jsRuns = new Map();
if (!options['no-js']) for (const format of FORMATS) jsRuns.set(format, await timeJs(buffer, format));

const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}`;
console.log(
  `\nHashing ${options.mib} MiB in 8 MiB updates, one thread, median of ${rounds} rounds (${machine})\n`,
);
console.log('| format | native GB/s | median s | range GB/s | JS fallback GB/s |');
console.log('| ------ | ----------- | -------- | ---------- | ---------------- |');
for (const [name, seconds] of runs) {
  const label = name === 'all' ? 'all six, one pass' : name;
  const range = `${gbps(Math.max(...seconds)).toFixed(2)}–${gbps(Math.min(...seconds)).toFixed(2)}`;
  const js = jsRuns.has(name) ? gbps(jsRuns.get(name)).toFixed(2) : '—';
  console.log(
    `| ${label} | **${gbps(median(seconds)).toFixed(2)}** | ${median(seconds).toFixed(3)} | ${range} | ${js} |`,
  );
}
if (xxhsum)
  console.log(
    `\nxxhsum -H1 on ${SHM_FILE} (spawn to exit): ${gbps(median(xxhsumRuns)).toFixed(2)} GB/s, ` +
      `median ${median(xxhsumRuns).toFixed(3)} s; ours/xxhsum time ratio ${(median(runs.get('xxh64')) / median(xxhsumRuns)).toFixed(2)}`,
  );

if (options.json)
  writeFileSync(
    options.json,
    JSON.stringify(
      {
        machine,
        bytes: size,
        update: UPDATE,
        rounds,
        native: Object.fromEntries(runs),
        xxhsum: xxhsumRuns,
        js: Object.fromEntries(jsRuns),
      },
      null,
      2,
    ),
  );
