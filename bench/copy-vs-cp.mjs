#!/usr/bin/env node
/**
 * wrangle copy vs `cp -a` and `rsync -a` on the same warm source trees, and a same-filesystem wrangle move.
 *
 * Sets: small (20,000 files of 4 KB in 20 folders), big (12 files of 100 MB), verify (big with
 * `wrangle copy --verify`, against plain cp -a, which cannot verify), cross-small and cross-big (the same
 * sources on --dir copied to --shm-dir, another filesystem), and move (`wrangle move` of a 100,000-file tree
 * within one filesystem; goal < 1 s). Wrangle is timed end to end: the whole `node <cli> copy SRC DEST
 * --json` process, spawn to exit (it must exit 0 and report every file copied). Its peak memory (VmHWM from
 * /proc, every 20 ms) is reported for the CLI process and its worker processes, apart and together.
 *
 * Why pairs: on the shared 2-core development VM single runs scatter by ±15%, and a copy's wall time is often
 * the disk's write-back, which other work on the machine shares. So the tools run back to back in pairs
 * (wrangle, cp -a, rsync -a, then the reverse order, so cp -a is always next to both), each pair on the same
 * conditions, and the headline is the median of the per-pair ratios wrangle/cp and rsync/cp.
 *
 * Every run copies into a fresh destination folder after a `sync`, so no run pays for the last one's dirty
 * pages. Destinations are deleted only between sets (then sync and a short pause): creating files soon after
 * deleting a big tree is 2–5x slower on ext4. Sources are built once, kept under --dir and reused; the page
 * cache is warmed by reading them before each pair. File sizes and peak memory are in MiB ("MB"), as in the
 * other benches; MB/s counts 10^6 bytes.
 *
 * Usage: node bench/copy-vs-cp.mjs [options]   (npm run bench:copy)
 *   --pairs N        pairs per set (default 5); the move runs N times
 *   --sets LIST      comma-separated: small,big,verify,cross-small,cross-big,move (default all)
 *   --dir PATH       sources, same-filesystem destinations and job data (default /tmp/wrangle-copy-bench)
 *   --shm-dir PATH   cross-filesystem destinations (default /dev/shm/wrangle-copy-bench)
 *   --cli PATH       the built cli.cjs to time (default out/main/cli.cjs of this repo)
 *   --scale X        shrink (or grow) every set for a quick try: file counts of small and move, file size of
 *                    big (default 1; e.g. 0.1 → 2,000 small files, 12 × 10 MB, a 10,000-file move)
 *   --json FILE      also write every raw timing and the summary as JSON (e.g. bench/results/copy.json)
 */
import { existsSync, mkdirSync, renameSync, rmdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  MiB,
  ensureBigSource,
  ensureMoveSource,
  ensureSmallSource,
  filesystemType,
  freeSpace,
  hasCommand,
  memoryAvailable,
  removeBatch,
  removeTree,
  sameFilesystem,
  syncDisks,
  warmCache,
} from './lib/copy-sources.mjs';
import { formatCount, markdownTable, pairLine, setReport, summarizeSet } from './lib/copy-report.mjs';
import { CLI } from './lib/measure.mjs';
import { runWithPeaks, stopRunning } from './lib/process-peaks.mjs';

const ALL_SETS = ['small', 'big', 'verify', 'cross-small', 'cross-big', 'move'];
const GiB = 1024 * MiB;

const options = readOptions(process.argv.slice(2));
const sizes = sizesAt(options.scale);
const log = (line) => console.error(line);
const destRoots = { same: join(options.dir, 'dest'), cross: join(options.shmDir, 'dest') };
const dataRoot = join(options.dir, 'data');

/** Parsed and checked command-line options. */
function readOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      pairs: { type: 'string', default: '5' },
      sets: { type: 'string', default: ALL_SETS.join(',') },
      dir: { type: 'string', default: '/tmp/wrangle-copy-bench' },
      'shm-dir': { type: 'string', default: '/dev/shm/wrangle-copy-bench' },
      cli: { type: 'string', default: CLI },
      scale: { type: 'string', default: '1' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log('Usage: node bench/copy-vs-cp.mjs [--pairs N] [--sets LIST] [--dir PATH] [--shm-dir PATH]');
    console.log(
      `                                 [--cli PATH] [--scale X] [--json FILE]\nSets: ${ALL_SETS.join(',')}`,
    );
    process.exit(0);
  }
  const pairs = Number(values.pairs);
  const scale = Number(values.scale);
  const sets = values.sets.split(',').filter(Boolean);
  const unknown = sets.filter((name) => !ALL_SETS.includes(name));
  if (!Number.isInteger(pairs) || pairs < 1) fail(`--pairs must be a whole number ≥ 1, not ${values.pairs}`);
  if (!(scale > 0)) fail(`--scale must be a number > 0, not ${values.scale}`);
  if (unknown.length) fail(`unknown set(s) ${unknown.join(', ')}; choose from ${ALL_SETS.join(',')}`);
  const cli = resolve(values.cli);
  if (!existsSync(cli)) fail(`no CLI at ${cli} (build it, or pass --cli /work/old-build/out/main/cli.cjs)`);
  return {
    pairs,
    scale,
    sets: ALL_SETS.filter((name) => sets.includes(name)),
    dir: resolve(values.dir),
    shmDir: resolve(values['shm-dir']),
    cli,
    json: values.json && resolve(values.json),
  };
}

/** Stop with a message. */
function fail(message) {
  console.error(`copy-vs-cp: ${message}`);
  process.exit(2);
}

/** File counts and sizes of the sources at --scale. */
function sizesAt(scale) {
  return {
    smallFiles: Math.max(20, Math.round(20_000 * scale)),
    bigMb: 100 * scale,
    moveFiles: Math.max(100, Math.round(100_000 * scale)),
  };
}

/** The sets, in the order they run. */
function defineSets({ smallFiles, bigMb, moveFiles }) {
  const small = `${formatCount(smallFiles)} × 4 KB`;
  const big = `12 × ${+bigMb.toFixed(1)} MB`;
  return [
    { name: 'small', source: 'small', label: small, goal: { ratio: 1.0, text: '≤ 1.0x cp (aim 0.8)' } },
    { name: 'big', source: 'big', label: big, goal: { ratio: 0.85, text: '≤ 0.85x cp' } },
    {
      name: 'verify',
      source: 'big',
      label: `${big}, --verify`,
      verify: true,
      goal: { ratio: 1.3, text: '≤ 1.3x cp' },
    },
    { name: 'cross-small', source: 'small', label: `${small}, other fs`, cross: true, goal: null },
    { name: 'cross-big', source: 'big', label: `${big}, other fs`, cross: true, goal: null },
    {
      name: 'move',
      source: 'move',
      label: `${formatCount(moveFiles)} files, same fs`,
      goal: { seconds: 1, text: '< 1 s' },
    },
  ];
}

/** The source tree a set copies, built on first use and cached in `sources`. */
function sourceFor(set, sources) {
  if (!sources[set.source]) {
    const { smallFiles, bigMb, moveFiles } = sizes;
    if (set.source === 'small') sources.small = ensureSmallSource(options.dir, smallFiles, 20, log);
    if (set.source === 'big') sources.big = ensureBigSource(options.dir, 12, bigMb, log);
    if (set.source === 'move') sources.move = ensureMoveSource(options.dir, moveFiles, log);
    // What a copy takes on disk (the move copies nothing); reading it also warms the cache.
    sources[set.source].allocated = set.source === 'move' ? 0 : warmCache(sources[set.source].path);
  }
  return sources[set.source];
}

/** The tools a set alternates: wrangle and cp -a, plus rsync -a where it is installed and meaningful. */
function toolsFor(set, haveRsync) {
  return set.verify || !haveRsync ? ['wrangle', 'cp'] : ['wrangle', 'cp', 'rsync'];
}

/** Why a set cannot run on this machine (too little space, no other filesystem), or null. */
function whyNot(set, source, copies) {
  const destination = set.cross ? options.shmDir : options.dir;
  if (set.cross) {
    const mount = dirname(options.shmDir);
    if (!existsSync(mount)) return `${mount} does not exist`;
    if (sameFilesystem(options.dir, mount))
      return `${options.shmDir} would be on the filesystem of ${options.dir}`;
  }
  mkdirSync(destination, { recursive: true });
  const needBytes = copies * source.allocated + (set.cross ? 256 * MiB : GiB);
  const needInodes = copies * (source.files + 200);
  const free = freeSpace(destination);
  const short = (have, need) => `${(have / GiB).toFixed(1)} GiB free, ${(need / GiB).toFixed(1)} GiB needed`;
  if (free.bytes < needBytes) return `${destination}: ${short(free.bytes, needBytes)} (try fewer --pairs)`;
  if (free.inodes < needInodes) return `${destination}: ${free.inodes} inodes free, ${needInodes} needed`;
  // A tmpfs destination lives in memory: it must fit beside the cached source without evicting it.
  const memoryNeed = needBytes + source.bytes + 512 * MiB;
  if (set.cross && memoryAvailable() < memoryNeed) return `memory: ${short(memoryAvailable(), memoryNeed)}`;
  return null;
}

/** A fresh, empty destination folder for one run, made before the sync so its creation is not timed. */
function freshDestination(set, round, tool) {
  const path = join(destRoots[set.cross ? 'cross' : 'same'], set.name, `${round + 1}-${tool}`);
  mkdirSync(path, { recursive: true });
  return path;
}

/** Environment for a wrangle run: its job records go to a data folder of their own. */
function wrangleEnv(set, round) {
  return { ...process.env, WRANGLE_DATA_DIR: join(dataRoot, `${set.name}-${round + 1}`) };
}

/** Command and arguments that copy `source` into the folder `dest` with `tool`. */
function commandFor(tool, set, source, dest) {
  if (tool === 'cp') return ['cp', ['-a', source, `${dest}/`]];
  if (tool === 'rsync') return ['rsync', ['-a', source, `${dest}/`]];
  return [
    process.execPath,
    [options.cli, 'copy', source, dest, '--json', ...(set.verify ? ['--verify'] : [])],
  ];
}

/** Throw unless a run exited 0 (and, for wrangle, reports every file copied, and verified if asked). */
function checkCopy(tool, set, source, result) {
  const what = `${tool} (${set.name})`;
  checkExit(what, result);
  if (tool !== 'wrangle') return;
  const output = parseJson(what, result.stdout).result ?? {};
  const problems = [
    output.files_copied !== source.files && `files_copied ${output.files_copied}, expected ${source.files}`,
    output.failed_count && `failed_count ${output.failed_count}`,
    set.verify && output.verified_files !== source.files && `verified_files ${output.verified_files}`,
  ].filter(Boolean);
  if (problems.length) throw new Error(`${what}: ${problems.join(', ')}\n${result.stdout.slice(0, 2000)}`);
}

/** Throw unless a process exited 0, with the end of what it printed on stderr. */
function checkExit(what, result) {
  if (result.code === 0) return;
  throw new Error(`${what} exited ${result.code ?? result.signal}: ${result.stderr.slice(-2000)}`);
}

/** The CLI's --json output, or a loud error showing what it printed instead. */
function parseJson(what, stdout) {
  try {
    const output = JSON.parse(stdout);
    if (output.status !== 'completed') throw new Error(`status ${output.status}`);
    return output;
  } catch (error) {
    throw new Error(`${what}: bad --json result (${error.message}): ${stdout.slice(0, 2000)}`, {
      cause: error,
    });
  }
}

/** Time one copy: sync, then the tool's whole process, spawn to exit. */
async function timeCopy(tool, set, source, round) {
  const dest = freshDestination(set, round, tool);
  syncDisks();
  const [command, args] = commandFor(tool, set, source.path, dest);
  const result = await runWithPeaks(command, args, { env: wrangleEnv(set, round) });
  checkCopy(tool, set, source, result);
  return { seconds: result.seconds, peaks: result.peaks };
}

/** Run a copy set's pairs, the order reversed every other pair, then delete its destinations as one batch. */
async function runCopySet(set, source, tools) {
  const runs = [];
  for (let round = 0; round < options.pairs; round++) {
    warmCache(source.path);
    const run = {};
    const order = round % 2 ? [...tools].reverse() : tools;
    for (const tool of order) run[tool] = await timeCopy(tool, set, source, round);
    runs.push(Object.fromEntries(tools.map((tool) => [tool, run[tool]])));
    log(pairLine(set, round, options.pairs, runs[round]));
  }
  await removeBatch(join(destRoots[set.cross ? 'cross' : 'same'], set.name));
  return runs;
}

/** Move the tree from `from` into a fresh folder with `wrangle move`; returns the run and where it went. */
async function timeMove(set, from, round) {
  const dest = freshDestination(set, round, 'wrangle');
  syncDisks();
  const args = [options.cli, 'move', from, dest, '--json'];
  const result = await runWithPeaks(process.execPath, args, { env: wrangleEnv(set, round) });
  const what = `wrangle move (${set.name})`;
  checkExit(what, result);
  const output = parseJson(what, result.stdout).result ?? {};
  const to = join(dest, basename(from));
  if (output.failed_count || existsSync(from) || !existsSync(to)) {
    throw new Error(`${what}: the tree did not move from ${from} to ${to}: ${result.stdout.slice(0, 2000)}`);
  }
  return { run: { wrangle: { seconds: result.seconds, peaks: result.peaks } }, to };
}

/** Move the tree from one fresh folder to the next, N times, then rename it home for the next benchmark. */
async function runMoveSet(set, source) {
  const runs = [];
  let at = source.path;
  try {
    for (let round = 0; round < options.pairs; round++) {
      const { run, to } = await timeMove(set, at, round);
      at = to;
      runs.push(run);
      log(pairLine(set, round, options.pairs, run));
    }
  } finally {
    if (at !== source.path && existsSync(at)) renameSync(at, source.path);
  }
  await removeBatch(join(destRoots.same, set.name));
  return runs;
}

/** Run one set, or explain why it was skipped. */
async function runSet(set, sources, haveRsync) {
  const source = sourceFor(set, sources);
  const tools = set.source === 'move' ? ['wrangle'] : toolsFor(set, haveRsync);
  const skipped = whyNot(set, source, set.source === 'move' ? 0 : options.pairs * tools.length);
  if (skipped) return { name: set.name, label: set.label, skipped };
  log(`${set.name}: ${options.pairs} × ${tools.join(' / ')} on ${source.description} …`);
  const runs = set.source === 'move' ? await runMoveSet(set, source) : await runCopySet(set, source, tools);
  return summarizeSet(set, source, runs);
}

/** The command line as typed, ready to paste. */
function commandLine() {
  const quote = (arg) => (/^[\w./,=:@%+-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`);
  const script = relative(process.cwd(), fileURLToPath(import.meta.url)) || basename(process.argv[1]);
  return ['node', script, ...process.argv.slice(2)].map(quote).join(' ');
}

/** One line about the machine and the code under test. */
function machineLine(haveRsync) {
  const cross = existsSync(dirname(options.shmDir)) ? filesystemType(dirname(options.shmDir)) : 'missing';
  const cpu = `${cpus().length} CPUs (${cpus()[0]?.model.trim()})`;
  const memory = `${(totalmem() / GiB).toFixed(0)} GiB RAM`;
  const where = `${options.dir} on ${filesystemType(options.dir)}, ${options.shmDir} on ${cross}`;
  const rsync = haveRsync ? '' : '; rsync not installed: rsync -a skipped';
  const date = new Date().toISOString().slice(0, 10);
  return `${date}, node ${process.version}, ${cpu}, ${memory}; ${where}; cli ${options.cli}${rsync}`;
}

/** Delete everything this run made except the reusable sources. */
function cleanUp() {
  for (const path of [destRoots.same, dataRoot, destRoots.cross]) removeTree(path);
  try {
    rmdirSync(options.shmDir); // only if empty: --shm-dir may name a folder that holds other things
  } catch {
    // not there, or not ours alone
  }
}

/** Run the chosen sets and print their summaries, the Markdown table and the command line. */
async function main() {
  const haveRsync = hasCommand('rsync');
  mkdirSync(options.dir, { recursive: true });
  const setting = Object.keys(process.env).filter((name) => name.startsWith('WRANGLE_'));
  const machine = machineLine(haveRsync);
  console.log(machine);
  if (setting.length)
    console.log(`note: ${setting.join(', ')} set in the environment; they apply to every run`);
  if (options.scale !== 1) console.log(`note: --scale ${options.scale}: sizes differ from the goals' sets`);
  const startedAt = new Date().toISOString();
  const sources = {};
  const summaries = [];
  for (const set of defineSets(sizes).filter((candidate) => options.sets.includes(candidate.name))) {
    const summary = await runSet(set, sources, haveRsync);
    summaries.push(summary);
    console.log(setReport(summary).join('\n'));
  }
  if (summaries.some((summary) => !summary.skipped)) console.log(`\n${markdownTable(summaries)}\n`);
  for (const summary of summaries.filter((candidate) => candidate.skipped)) {
    console.log(`${summary.name} skipped: ${summary.skipped}`);
  }
  console.log(
    'Goals: small ≤ 1.0x cp -a (aim 0.8), big ≤ 0.85x, verify ≤ 1.3x (against plain cp -a), move < 1 s.',
  );
  console.log(
    'Ratios are medians of the per-pair ratios; times are medians; peak MB is CLI + workers = together.',
  );
  console.log(`Command: ${commandLine()}`);
  console.log(`Sources kept for next time under ${options.dir} (src-*).`);
  if (options.json) {
    mkdirSync(dirname(options.json), { recursive: true });
    const report = { command: commandLine(), started_at: startedAt, machine, options, sets: summaries };
    writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`Raw timings: ${options.json}`);
  }
}

process.on('SIGINT', async () => {
  log('interrupted: stopping the running copy and removing destinations …');
  await stopRunning();
  cleanUp();
  process.exit(130);
});
try {
  await main();
} finally {
  cleanUp();
}
