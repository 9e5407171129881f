#!/usr/bin/env node
/**
 * Offload: one read to several destinations. `wrangle copy SRC D1 --also D2` against `wrangle copy SRC D1`
 * (the goal: two destinations cost at most 1.3x one) and against the standard tool doing the same job,
 * `cp -a SRC D1/ && cp -a SRC D2/`; then what `--verify` (read back from storage) and extra hash formats
 * cost on top. Every run starts cold: `sync`, then `echo 3 > /proc/sys/vm/drop_caches`, so the sources are
 * read from the disk as from a freshly inserted card (root only). The tools themselves (node, the CLI, the
 * addon, cp) are warmed again after the drop with a tiny copy, so their start-up is not a cold one.
 *
 * Sets (sources built once under --dir and reused):
 *   big     8 random files of 256 MB: one destination, two on this disk, two with D2 on another filesystem
 *           (--other: /dev/shm by default, and/or a loop-mounted ext4 image made here), and cp -a twice
 *   small   20,000 random frames of 50–200 KB in sequences of 1,000: the same four (or five) runs
 *   verify  the big set, two destinations on this disk, with and without --verify
 *   hash    the big set, two destinations on this disk, --mhl (the hashes go in the ASC MHL; without
 *           --mhl, --verify or --checksum-file nothing is hashed) with --hash xxh64 and with
 *           --hash xxh64,md5,sha1,c4
 *
 * Why rounds: on the shared 2-core VM single runs scatter, so the runs of a set go back to back in rounds,
 * in the opposite order every other round, and each comparison is the median of its per-round ratios.
 * Every run writes into fresh destination folders. Those on this disk and on the loop filesystem are deleted
 * after each round (all of a set's copies would not fit beside the other engineers' work: a round writes 6
 * copies of up to 2.6 GB there, 7 with --other loop), then `sync` and a 3 s pause, since creating files soon
 * after deleting a big tree is 2–5x slower on ext4; the next round runs in the opposite order, so what is
 * left of that falls on each command alike. Those on tmpfs go right after their run (that costs nothing and
 * saves memory). Times are spawn to exit of the whole command; the `sync` right after each run is timed too
 * (what the run left in the page cache to write back). Bytes read: the engine's own `bytes_read` (its worker's rchar), and for both tools the rchar
 * and read_bytes (what came from the block device) of the whole process tree, which the kernel adds up in
 * the parent shell as it reaps its children. The CLI is copied aside first (out/ and the addon), so a rebuild
 * of the shared working tree during the benchmark cannot change or break the code under test.
 *
 * Usage: node bench/offload-vs-cp.mjs [options]   (npm run bench:offload; needs root)
 *   --pairs N          rounds per set (default 3)
 *   --sets LIST        comma-separated: big,small,verify,hash (default all)
 *   --other LIST       where the second destination goes for the other-filesystem runs: shm (/dev/shm),
 *                      loop (an ext4 image on this same disk, loop-mounted: adds ~3 minutes), loop,shm,
 *                      or none (default shm)
 *   --big-files N      files in the big set (default 8)     --big-mb N     MB (MiB) each (default 256)
 *   --frames N         frames in the small set (default 20000)
 *   --frame-kb MIN-MAX frame sizes in KB (KiB) (default 50-200)
 *   --small            a quick try: 8 × 32 MB and 2,000 frames (size flags given still apply)
 *   --dir PATH         sources, destinations, the loop image, job data (default /tmp/wrangle-offload-bench)
 *   --shm-dir PATH     tmpfs destinations (default /dev/shm/wrangle-offload-bench)
 *   --cli PATH         the built cli.js (default out/main/cli.js of this repo)
 *   --timeout S        kill a run (and stop) after S seconds (default 600): a hung copy must not hang the VM
 *   --json FILE        also write every raw run and the summary as JSON
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ensureBigSource,
  filesystemType,
  freeSpace,
  memoryAvailable,
  removeBatch,
  removeTree,
  sameFilesystem,
} from './lib/copy-sources.mjs';
import { formatCount } from './lib/copy-report.mjs';
import { CLI } from './lib/measure.mjs';
import {
  canDropCaches,
  diskFacts,
  dropCaches,
  ensureFrameSource,
  loadAverage,
  MiB,
  mountLoopExt4,
  parseIoCounts,
  run,
  snapshotBuild,
  timedSync,
  withIoCounts,
} from './lib/offload-sources.mjs';
import {
  formatMb,
  markdownTable,
  ratioTable,
  readTable,
  setReport,
  summarizeSet,
} from './lib/offload-report.mjs';
import { descendantsOf, runWithPeaks, stopRunning } from './lib/process-peaks.mjs';

const ALL_SETS = ['big', 'small', 'verify', 'hash'];
const OTHERS = ['loop', 'shm'];
const GiB = 1024 * MiB;
const ALL_HASHES = 'xxh64,md5,sha1,c4';

const options = readOptions(process.argv.slice(2));
const log = (line) => console.error(line);
const dataRoot = join(options.dir, 'data');
const destRoot = join(options.dir, 'dest');
const loopImage = join(options.dir, 'other-ext4.img');
const loopMount = join(options.dir, 'other-ext4');
const roots = { d1: destRoot, d2: destRoot, loop: loopMount, shm: options.shmDir };
let unmountLoop = null;
/** The copy of the CLI that every run uses (see snapshotBuild). */
let cli = options.cli;
const snapshotDir = join(options.dir, 'build');

/** Parsed and checked command-line options. */
function readOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      pairs: { type: 'string', default: '3' },
      sets: { type: 'string', default: ALL_SETS.join(',') },
      other: { type: 'string', default: 'shm' },
      'big-files': { type: 'string' },
      'big-mb': { type: 'string' },
      frames: { type: 'string' },
      'frame-kb': { type: 'string', default: '50-200' },
      small: { type: 'boolean', default: false },
      dir: { type: 'string', default: '/tmp/wrangle-offload-bench' },
      'shm-dir': { type: 'string', default: '/dev/shm/wrangle-offload-bench' },
      cli: { type: 'string', default: CLI },
      timeout: { type: 'string', default: '600' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log('Usage: node bench/offload-vs-cp.mjs [--pairs N] [--sets big,small,verify,hash]');
    console.log(
      '         [--other loop,shm|none] [--big-files N] [--big-mb N] [--frames N] [--frame-kb MIN-MAX]',
    );
    console.log('         [--small] [--dir PATH] [--shm-dir PATH] [--cli PATH] [--timeout S] [--json FILE]');
    process.exit(0);
  }
  const number = (name, value, min) => {
    const n = Number(value);
    if (!(n >= min) || !Number.isFinite(n)) fail(`--${name} must be a number ≥ ${min}, not ${value}`);
    return n;
  };
  const pairs = number('pairs', values.pairs, 1);
  if (!Number.isInteger(pairs)) fail(`--pairs must be a whole number, not ${values.pairs}`);
  const sets = values.sets.split(',').filter(Boolean);
  const unknownSets = sets.filter((name) => !ALL_SETS.includes(name));
  if (unknownSets.length) fail(`unknown set(s) ${unknownSets.join(', ')}; choose from ${ALL_SETS.join(',')}`);
  const other = values.other === 'none' ? [] : values.other.split(',').filter(Boolean);
  const unknownOther = other.filter((name) => !OTHERS.includes(name));
  if (unknownOther.length) fail(`--other takes loop, shm, both or none, not ${unknownOther.join(', ')}`);
  const kb = values['frame-kb'].match(/^(\d+)-(\d+)$/);
  if (!kb || Number(kb[1]) < 1 || Number(kb[2]) < Number(kb[1]))
    fail(`--frame-kb wants MIN-MAX, e.g. 50-200`);
  const cli = resolve(values.cli);
  if (!existsSync(cli)) fail(`no CLI at ${cli} (npx electron-vite build, npm run build:native)`);
  const quick = values.small;
  return {
    pairs,
    sets: ALL_SETS.filter((name) => sets.includes(name)),
    other: OTHERS.filter((name) => other.includes(name)),
    bigFiles: Math.round(number('big-files', values['big-files'] ?? 8, 1)),
    bigMb: number('big-mb', values['big-mb'] ?? (quick ? 32 : 256), 1),
    frames: Math.round(number('frames', values.frames ?? (quick ? 2000 : 20_000), 1)),
    frameKb: [Number(kb[1]), Number(kb[2])],
    dir: resolve(values.dir),
    shmDir: resolve(values['shm-dir']),
    cli,
    timeout: number('timeout', values.timeout, 1),
    json: values.json && resolve(values.json),
  };
}

/** Stop with a message. */
function fail(message) {
  console.error(`offload-vs-cp: ${message}`);
  process.exit(2);
}

/**
 * The runs a set can alternate. `dests` name where each destination goes: d1 and d2 on this disk (--dir),
 * loop on the loop-mounted ext4, shm on tmpfs. `short` names the run in a ratio.
 */
const VARIANTS = {
  one: { tool: 'wrangle', dests: ['d1'], short: 'one', label: 'wrangle copy SRC D1' },
  two: { tool: 'wrangle', dests: ['d1', 'd2'], short: 'two', label: 'wrangle copy SRC D1 --also D2' },
  'two-loop': {
    tool: 'wrangle',
    dests: ['d1', 'loop'],
    short: 'two (D2 loop ext4)',
    label: 'wrangle copy SRC D1 --also D2, D2 on a loop-mounted ext4',
  },
  'two-shm': {
    tool: 'wrangle',
    dests: ['d1', 'shm'],
    short: 'two (D2 tmpfs)',
    label: 'wrangle copy SRC D1 --also D2, D2 on /dev/shm (tmpfs)',
  },
  cp2: { tool: 'cp', dests: ['d1', 'd2'], short: 'cp -a ×2', label: 'cp -a SRC D1/ && cp -a SRC D2/' },
  'two-verify': {
    tool: 'wrangle',
    dests: ['d1', 'd2'],
    extra: ['--verify'],
    verify: true,
    short: 'two --verify',
    label: 'wrangle copy SRC D1 --also D2 --verify',
  },
  xxh64: {
    tool: 'wrangle',
    dests: ['d1', 'd2'],
    extra: ['--mhl', '--hash', 'xxh64'],
    short: 'xxh64',
    label: 'wrangle copy SRC D1 --also D2 --mhl --hash xxh64',
  },
  all4: {
    tool: 'wrangle',
    dests: ['d1', 'd2'],
    extra: ['--mhl', '--hash', ALL_HASHES],
    short: ALL_HASHES,
    label: `wrangle copy SRC D1 --also D2 --mhl --hash ${ALL_HASHES}`,
  },
};

/** The sets, in the order they run, with the runs each alternates and the ratios it reports. */
function defineSets() {
  const others = options.other.map((name) => `two-${name}`);
  const big = `${options.bigFiles} × ${+options.bigMb.toFixed(1)} MB`;
  const small = `${formatCount(options.frames)} frames of ${options.frameKb.join('–')} KB`;
  const offload = {
    variants: ['one', 'two', ...others, 'cp2'],
    comparisons: [['two', 'one', 1.3], ...others.map((name) => [name, 'one', 1.3]), ['two', 'cp2']],
  };
  return [
    { name: 'big', source: 'big', label: big, ...offload },
    { name: 'small', source: 'frames', label: small, ...offload },
    {
      name: 'verify',
      source: 'big',
      label: `${big}, --verify`,
      variants: ['two', 'two-verify'],
      comparisons: [['two-verify', 'two']],
    },
    {
      name: 'hash',
      source: 'big',
      label: `${big}, --mhl, hash formats`,
      variants: ['xxh64', 'all4'],
      comparisons: [['all4', 'xxh64']],
    },
  ].filter((set) => options.sets.includes(set.name));
}

/** The source a set copies, built on first use. `allocated` estimates what one copy takes on disk. */
function sourceFor(set, sources) {
  if (!sources[set.source]) {
    const source =
      set.source === 'big'
        ? ensureBigSource(options.dir, options.bigFiles, options.bigMb, log)
        : ensureFrameSource(options.dir, options.frames, ...options.frameKb, log);
    source.allocated = source.bytes + source.files * 4096 + 64 * MiB;
    sources[set.source] = source;
  }
  return sources[set.source];
}

/** Why a set cannot run here (space, memory), or null. */
function whyNot(set, source) {
  const count = (where) =>
    set.variants.flatMap((name) => VARIANTS[name].dests).filter((d) => where(d)).length;
  const onDisk = count((d) => d === 'd1' || d === 'd2') * source.allocated + 4 * GiB;
  const free = freeSpace(options.dir).bytes;
  if (free < onDisk)
    return `${options.dir}: ${(free / GiB).toFixed(1)} GiB free, ${(onDisk / GiB).toFixed(1)} GiB needed (try smaller sets)`;
  const onLoop = count((d) => d === 'loop') * source.allocated;
  if (onLoop && freeSpace(loopMount).bytes < onLoop) return `${loopMount} (the loop image) is too small`;
  const onShm = count((d) => d === 'shm') ? source.allocated + GiB : 0;
  if (onShm && memoryAvailable() < onShm)
    return `memory: too little for a tmpfs copy of ${formatMb(source.bytes)}`;
  return null;
}

/** Make the loop-mounted ext4 (or check /dev/shm) for the other-filesystem runs; drop what is unusable. */
function prepareOthers(sets, sources) {
  const uses = (name) => sets.some((set) => set.variants.includes(`two-${name}`));
  if (uses('shm')) {
    const mount = dirname(options.shmDir);
    if (!existsSync(mount) || sameFilesystem(options.dir, mount)) {
      log(`--other shm dropped: ${mount} is missing or on the filesystem of ${options.dir}`);
      dropOther(sets, 'shm');
    } else mkdirSync(options.shmDir, { recursive: true });
  }
  if (uses('loop')) {
    const largest = Math.max(
      ...sets
        .filter((set) => set.variants.includes('two-loop'))
        .map((set) => sourceFor(set, sources).allocated),
    );
    // One round's copy at a time; ext4 keeps 5% for root and some for its metadata.
    const bytes = Math.ceil((largest * 1.15 + 512 * MiB) / MiB) * MiB;
    try {
      if (freeSpace(options.dir).bytes < bytes + 4 * GiB)
        throw new Error(`too little space for ${formatMb(bytes)}`);
      unmountLoop = mountLoopExt4(loopImage, loopMount, bytes);
      log(`made ${loopMount}: ext4 in a ${formatMb(bytes)} sparse image (${loopImage}), loop-mounted`);
    } catch (error) {
      log(`--other loop dropped: ${error.message}`);
      dropOther(sets, 'loop');
    }
  }
}

/** Remove the `two-<name>` runs from every set. */
function dropOther(sets, name) {
  for (const set of sets) {
    set.variants = set.variants.filter((variant) => variant !== `two-${name}`);
    set.comparisons = set.comparisons.filter(([a]) => a !== `two-${name}`);
  }
}

/** Fresh, empty destination folders for one run, made before the cache drop so their creation is untimed. */
function freshDestinations(set, variant, round) {
  return VARIANTS[variant].dests.map((where) => {
    const path = join(roots[where], set.name, `${round + 1}-${variant}`, where === 'd1' ? 'd1' : 'd2');
    mkdirSync(path, { recursive: true });
    return path;
  });
}

/** Command and arguments of a run, unwrapped. */
function commandFor(variant, source, dests) {
  const { tool, extra = [] } = VARIANTS[variant];
  if (tool === 'cp') {
    // One command line for both, so its time and its I/O counts cover both copies.
    return ['sh', ['-c', 'cp -a "$1" "$2/" && cp -a "$1" "$3/"', 'sh', source, ...dests]];
  }
  const also = dests.slice(1).flatMap((dest) => ['--also', dest]);
  return [process.execPath, [cli, 'copy', source, dests[0], ...also, ...extra, '--json']];
}

/** The tiny tree copied after every cache drop to bring node, the CLI, its worker, the addon and cp back. */
function prepareWarmUp() {
  const src = join(options.dir, 'warm', 'src');
  mkdirSync(join(src, 'clip'), { recursive: true });
  writeFileSync(join(src, 'clip', 'frame.0001.exr'), Buffer.alloc(256 * 1024, 7));
  const dests = ['a', 'b', 'cp'].map((name) => join(options.dir, 'warm', name));
  for (const dest of dests) mkdirSync(dest, { recursive: true });
  const env = { ...process.env, WRANGLE_DATA_DIR: join(dataRoot, 'warm') };
  return async () => {
    const args = [cli, 'copy', src, dests[0], '--also', dests[1], '--verify', '--mhl', '--hash', ALL_HASHES];
    const what = 'the warm-up copy';
    const result = await withTimeout(
      what,
      60,
      runWithPeaks(process.execPath, [...args, '--on-conflict=overwrite', '--json'], { env }),
    );
    if (result.code !== 0)
      throw new Error(`${what} exited ${result.code ?? result.signal}: ${result.stderr}`);
    run('cp', ['-a', src, `${dests[2]}/`]);
  };
}

/**
 * Settle as `promise` does, unless `seconds` pass first: then kill every process this benchmark started,
 * deepest first (a command's own workers too), and reject. A hung copy stops the benchmark, not the VM.
 */
async function withTimeout(what, seconds, promise) {
  let timer;
  const expired = new Promise((_, reject) => {
    timer = setTimeout(() => {
      for (const pid of descendantsOf(process.pid).reverse()) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone already
        }
      }
      reject(new Error(`${what} took longer than ${seconds} s and was killed`));
    }, seconds * 1000);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Throw unless a run exited 0 and, for wrangle, copied (and verified, if asked) every file everywhere. */
function checkRun(variant, set, source, result) {
  const what = `${VARIANTS[variant].label} (${set.name})`;
  if (result.code !== 0)
    throw new Error(`${what} exited ${result.code ?? result.signal}: ${result.stderr.slice(-2000)}`);
  if (VARIANTS[variant].tool !== 'wrangle') return null;
  let output;
  try {
    output = JSON.parse(result.stdout);
    if (output.status !== 'completed') throw new Error(`status ${output.status}`);
  } catch (error) {
    throw new Error(`${what}: bad --json result (${error.message}): ${result.stdout.slice(0, 2000)}`, {
      cause: error,
    });
  }
  const job = output.result ?? {};
  const dests = job.destinations ?? [];
  const problems = [
    job.failed_count && `failed_count ${job.failed_count}`,
    dests.length !== VARIANTS[variant].dests.length && `${dests.length} destinations reported`,
    ...dests.map((d, i) => d.files_copied !== source.files && `D${i + 1} files_copied ${d.files_copied}`),
    ...dests.map(
      (d, i) =>
        VARIANTS[variant].verify &&
        d.verified_files !== source.files &&
        `D${i + 1} verified_files ${d.verified_files}`,
    ),
    typeof job.housekeeping?.bytes_read !== 'number' && 'no housekeeping.bytes_read',
  ].filter(Boolean);
  if (problems.length) throw new Error(`${what}: ${problems.join(', ')}\n${result.stdout.slice(0, 2000)}`);
  return job;
}

/** Peak resident memory of the wrangle processes (CLI + workers), MB; the shell and grep are left out. */
function wranglePeak(peaks) {
  return peaks.descendants.filter((p) => !['grep', 'sh'].includes(p.name)).reduce((sum, p) => sum + p.mb, 0);
}

/** One cold run: fresh folders, sync and drop the cache, warm the tools, run, then time the sync after it. */
async function timeRun(set, variant, source, round, warmUp) {
  const dests = freshDestinations(set, variant, round);
  dropCaches();
  await warmUp();
  run('sync', []);
  const [command, args] = withIoCounts(...commandFor(variant, source.path, dests));
  const env = { ...process.env, WRANGLE_DATA_DIR: join(dataRoot, `${set.name}-${round + 1}-${variant}`) };
  const load = loadAverage();
  const what = `${VARIANTS[variant].label} (${set.name} ${round + 1})`;
  const result = await withTimeout(what, options.timeout, runWithPeaks(command, args, { env }));
  const flush = timedSync();
  const job = checkRun(variant, set, source, result);
  const io = parseIoCounts(result.stderr);
  if (!io) throw new Error(`${variant}: no I/O counts on stderr: ${result.stderr.slice(-500)}`);
  for (const [index, where] of VARIANTS[variant].dests.entries())
    if (where === 'shm') removeTree(dests[index]);
  return {
    seconds: result.seconds,
    flush,
    load,
    io,
    ...(job
      ? {
          engineRead: job.housekeeping.bytes_read,
          jobMs: job.duration_ms,
          cacheBypass: job.destinations.map((d) => d.cache_bypass),
          peakMb: wranglePeak(result.peaks),
        }
      : {}),
  };
}

/** One progress line for a finished run. */
function runLine(set, round, variant, result) {
  const read = result.engineRead === undefined ? '' : ` bytes_read ${formatMb(result.engineRead)}`;
  const bypass = VARIANTS[variant].verify ? ` cache_bypass ${result.cacheBypass.join('/')}` : '';
  return (
    `  ${set.name} ${round + 1}/${options.pairs} ${VARIANTS[variant].short}: ${result.seconds.toFixed(2)} s` +
    ` + sync ${result.flush.toFixed(2)} s;${read} rchar ${formatMb(result.io.rchar)}` +
    ` from disk ${formatMb(result.io.read_bytes)}${bypass}; load ${result.load}`
  );
}

/** Delete a set's destinations (this disk, the loop filesystem), then sync and pause (see the top). */
async function removeDestinations(set) {
  for (const root of new Set([roots.d1, roots.loop, roots.shm])) await removeBatch(join(root, set.name), 0);
  await sleep(3000);
}

/** Run one set's rounds, the order reversed every other round, its destinations deleted after each. */
async function runSet(set, sources, warmUp) {
  const source = sourceFor(set, sources);
  const skipped = whyNot(set, source);
  if (skipped) return { name: set.name, label: set.label, skipped };
  log(`${set.name}: ${options.pairs} rounds of ${set.variants.join(' / ')} on ${source.description} …`);
  const rounds = [];
  for (let round = 0; round < options.pairs; round++) {
    const order = round % 2 ? [...set.variants].reverse() : set.variants;
    const results = {};
    for (const variant of order) {
      results[variant] = await timeRun(set, variant, source, round, warmUp);
      log(runLine(set, round, variant, results[variant]));
    }
    rounds.push(results);
    await removeDestinations(set);
  }
  return summarizeSet(set, source, rounds, VARIANTS);
}

/** The command line as typed, ready to paste. */
function commandLine() {
  const quote = (arg) => (/^[\w./,=:@%+-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`);
  const script = relative(process.cwd(), fileURLToPath(import.meta.url)) || basename(process.argv[1]);
  return ['node', script, ...process.argv.slice(2)].map(quote).join(' ');
}

/** Lines about the machine, the disk and the code under test. */
function machineLines() {
  const cpu = `${cpus().length} CPUs (${cpus()[0]?.model.trim()})`;
  const memory = `${(totalmem() / GiB).toFixed(0)} GiB RAM`;
  const date = new Date().toISOString().slice(0, 10);
  const lines = [
    `${date}, node ${process.version}, ${cpu}, ${memory}, load average ${loadAverage()} at the start; cli ${options.cli} (${gitHead()}), copied to ${cli}`,
    diskFacts(options.dir),
  ];
  if (unmountLoop) lines.push(`${loopMount}: ext4 in a sparse image file on that same disk, loop-mounted`);
  if (existsSync(options.shmDir)) lines.push(`${options.shmDir}: ${filesystemType(options.shmDir)} (memory)`);
  return lines;
}

/** The checkout's commit, and whether its working tree has changes. */
function gitHead() {
  const git = (...args) =>
    spawnSync('git', ['--no-optional-locks', '-C', dirname(options.cli), ...args], { encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD').stdout.trim() || 'not a git checkout';
  return git('status', '--porcelain', '--untracked-files=no').stdout.trim()
    ? `${head} + uncommitted changes`
    : head;
}

/**
 * Copy the CLI aside and check the copy runs a tiny copy (the warm-up); a rebuild under way in the shared
 * tree can leave out/ or the addon missing or half-written for a while, so wait and try again.
 */
async function snapshotCli(warmUp) {
  for (let attempt = 1; ; attempt++) {
    try {
      cli = snapshotBuild(options.cli, snapshotDir);
      await warmUp();
      return;
    } catch (error) {
      if (attempt === 8) throw error;
      log(`the build at ${options.cli} does not run yet (${error.message.split('\n')[0]}); again in 15 s`);
      await sleep(15_000);
    }
  }
}

/** Unmount the loop filesystem and delete everything this run made except the reusable sources. */
function cleanUp() {
  for (const path of [destRoot, dataRoot, join(options.dir, 'warm'), snapshotDir, options.shmDir])
    rmSync(path, { recursive: true, force: true });
  if (unmountLoop && !unmountLoop())
    log(`could not unmount ${loopMount}: umount it, then delete ${loopImage}`);
  unmountLoop = null;
}

/** Run the chosen sets; print their reports, the tables and the command line. */
async function main() {
  if (!canDropCaches()) fail('cannot write /proc/sys/vm/drop_caches: run as root (every run starts cold)');
  mkdirSync(options.dir, { recursive: true });
  const startedAt = new Date().toISOString();
  const sets = defineSets();
  const sources = {};
  for (const set of sets) sourceFor(set, sources);
  prepareOthers(sets, sources);
  const warmUp = prepareWarmUp();
  await snapshotCli(warmUp);
  const machine = machineLines();
  console.log(machine.join('\n'));
  const setting = Object.keys(process.env).filter((name) => name.startsWith('WRANGLE_'));
  if (setting.length)
    console.log(`note: ${setting.join(', ')} set in the environment; they apply to every run`);
  const summaries = [];
  for (const set of sets) {
    const summary = await runSet(set, sources, warmUp);
    summaries.push(summary);
    console.log(setReport(summary).join('\n'));
  }
  const ran = summaries.filter((summary) => !summary.skipped);
  if (ran.length) {
    console.log(`\n${ratioTable(ran)}\n\n${readTable(ran)}\n`);
    const hash = ran.find((summary) => summary.name === 'hash');
    if (hash) {
      const rows = Object.values(hash.variants).map((v) => [v.label, `${v.mb_per_s.toFixed(0)} MB/s`]);
      console.log(`${markdownTable(['hash run', 'source MB/s, spawn to exit'], rows)}\n`);
    }
  }
  for (const summary of summaries.filter((candidate) => candidate.skipped))
    console.log(`${summary.name} skipped: ${summary.skipped}`);
  console.log(
    `Every run cold: sync + drop_caches, tools warmed again; load average ${loadAverage()} at the end.`,
  );
  console.log(
    'Ratios: median of the per-round ratios (range); times: medians, spawn to exit; MB = 10^6 bytes.',
  );
  console.log(`Command: ${commandLine()}`);
  console.log(`Sources kept for next time under ${options.dir} (src-*).`);
  if (options.json) {
    mkdirSync(dirname(options.json), { recursive: true });
    const report = { command: commandLine(), started_at: startedAt, machine, options, sets: summaries };
    writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`Raw runs: ${options.json}`);
  }
}

process.on('SIGINT', async () => {
  log('interrupted: stopping the running copy, removing destinations, unmounting …');
  await stopRunning();
  cleanUp();
  process.exit(130);
});
try {
  await main();
} finally {
  cleanUp();
}
