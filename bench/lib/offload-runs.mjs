/**
 * The offload benchmark's runs: a set's rounds in alternating order, each run cold (sync, drop the cache,
 * warm the tools again), timed, its I/O counted and its result checked; the destinations deleted after.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { removeBatch, removeTree } from './copy-sources.mjs';
import { dropCaches, loadAverage, parseIoCounts, run, timedSync, withIoCounts } from './offload-sources.mjs';
import { formatMb, summarizeSet } from './offload-report.mjs';
import { sourceFor, whyNot } from './offload-setup.mjs';
import { ALL_HASHES, commandFor, VARIANTS } from './offload-variants.mjs';
import { runWithPeaks } from './process-peaks.mjs';
import { withTimeout } from './time-limit.mjs';

const log = (line) => console.error(line);

/** Fresh, empty destination folders for one run, made before the cache drop so their creation is untimed. */
function freshDestinations(bench, set, variant, round) {
  return VARIANTS[variant].dests.map((where) => {
    const path = join(bench.roots[where], set.name, `${round + 1}-${variant}`, where === 'd1' ? 'd1' : 'd2');
    mkdirSync(path, { recursive: true });
    return path;
  });
}

/** The tiny tree copied after every cache drop to bring node, the CLI, its worker, the addon and cp back. */
export function prepareWarmUp(bench) {
  const { options, dataRoot } = bench;
  const src = join(options.dir, 'warm', 'src');
  mkdirSync(join(src, 'clip'), { recursive: true });
  writeFileSync(join(src, 'clip', 'frame.0001.exr'), Buffer.alloc(256 * 1024, 7));
  const dests = ['a', 'b', 'cp'].map((name) => join(options.dir, 'warm', name));
  for (const dest of dests) mkdirSync(dest, { recursive: true });
  const env = { ...process.env, WRANGLE_DATA_DIR: join(dataRoot, 'warm') };
  return async () => {
    // bench.cli is read here, at each call: snapshotCli replaces it with the copy.
    const args = [
      bench.cli,
      'copy',
      src,
      dests[0],
      '--also',
      dests[1],
      '--verify',
      '--mhl',
      '--hash',
      ALL_HASHES,
    ];
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
async function timeRun(bench, set, variant, source, round, warmUp) {
  const dests = freshDestinations(bench, set, variant, round);
  dropCaches();
  await warmUp();
  run('sync', []);
  const [command, args] = withIoCounts(...commandFor(variant, source.path, dests, bench.cli));
  const env = {
    ...process.env,
    WRANGLE_DATA_DIR: join(bench.dataRoot, `${set.name}-${round + 1}-${variant}`),
  };
  const load = loadAverage();
  const what = `${VARIANTS[variant].label} (${set.name} ${round + 1})`;
  const result = await withTimeout(what, bench.options.timeout, runWithPeaks(command, args, { env }));
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
function runLine(set, round, pairs, variant, result) {
  const read = result.engineRead === undefined ? '' : ` bytes_read ${formatMb(result.engineRead)}`;
  const bypass = VARIANTS[variant].verify ? ` cache_bypass ${result.cacheBypass.join('/')}` : '';
  return (
    `  ${set.name} ${round + 1}/${pairs} ${VARIANTS[variant].short}: ${result.seconds.toFixed(2)} s` +
    ` + sync ${result.flush.toFixed(2)} s;${read} rchar ${formatMb(result.io.rchar)}` +
    ` from disk ${formatMb(result.io.read_bytes)}${bypass}; load ${result.load}`
  );
}

/**
 * Delete a set's destinations (this disk, the loop filesystem), then sync and pause: creating files soon
 * after deleting a big tree is slower on ext4 (see the top of bench/offload-vs-cp.mjs).
 */
async function removeDestinations(bench, set) {
  const { roots } = bench;
  for (const root of new Set([roots.d1, roots.loop, roots.shm])) await removeBatch(join(root, set.name), 0);
  await sleep(3000);
}

/** Run one set's rounds, the order reversed every other round, its destinations deleted after each. */
export async function runSet(bench, set, sources, warmUp) {
  const { pairs } = bench.options;
  const source = sourceFor(bench, set, sources);
  const skipped = whyNot(bench, set, source);
  if (skipped) return { name: set.name, label: set.label, skipped };
  log(`${set.name}: ${pairs} rounds of ${set.variants.join(' / ')} on ${source.description} …`);
  const rounds = [];
  for (let round = 0; round < pairs; round++) {
    const order = round % 2 ? [...set.variants].reverse() : set.variants;
    const results = {};
    for (const variant of order) {
      results[variant] = await timeRun(bench, set, variant, source, round, warmUp);
      log(runLine(set, round, pairs, variant, results[variant]));
    }
    rounds.push(results);
    await removeDestinations(bench, set);
  }
  return summarizeSet(set, source, rounds, VARIANTS);
}
