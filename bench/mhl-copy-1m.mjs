#!/usr/bin/env node
/**
 * The worker's memory while a copy of 1,000,000 files writes its ASC MHL history (goal: the worker stays
 * under 300 MB). Unlike bench/mhl-1m.mjs, which drives the history writer alone on synthetic records, this
 * runs the real thing end to end: `node <cli> copy <src>/CARD001 <dest> --mhl --json`.
 *
 * The source is 1,000,000 files of 16–64 bytes (deterministic text) in 1,000 folders on tmpfs
 * (<dir>/src/CARD001/D0000/f000000.dat …), built once and reused (a marker says it is complete). Each pair
 * runs the copy with --mhl and the same copy without it (alternating which goes first), each into a fresh
 * destination on the same tmpfs with a fresh WRANGLE_DATA_DIR, after a `sync`; the destination and data
 * folder are deleted after each run. Without --mhl the copy neither hashes nor spools records, so the
 * difference is the whole cost of the history: hashing every file, the per-file spool, and writing it.
 *
 * Measured per run: seconds from spawn to exit, and the peak resident memory (VmHWM, sampled from /proc by
 * lib/process-peaks.mjs) of the CLI and of each process below it; the worker is the largest of those. A
 * timeline (lib/rss-timeline.mjs, every 100 ms) splits the worker's VmRSS into phases, with RssAnon: copy
 * (until the history spool stops growing; without --mhl, until report.json appears), history (until the
 * spool is deleted) and reports (report.json renamed into place, then the HTML and CSV handover reports
 * rendered from it, until the process exits).
 * The first --mhl run's manifest is checked: its size, its <hash> and <directoryhash> counts (streamed),
 * `result.destinations[0].mhl_manifests` lists it, `failed_count` is 0, and
 * `xmllint --noout --stream --schema ASCMHL.xsd` accepts it (timed, with xmllint's own peak memory).
 *
 * Usage: node bench/mhl-copy-1m.mjs [options]   (npm run bench:mhl-copy)
 *   --files N        files in the source tree (default 1000000)
 *   --per-dir N      files a folder (default 1000)
 *   --pairs N        pairs of runs, --mhl and plain (default 2)
 *   --dir PATH       source, destinations and job data (default /dev/shm/wrangle-mhl1m)
 *   --cli PATH       the built cli.js to run (default out/main/cli.js of this repo). For stable runs while
 *                    others rebuild, copy out/ to a folder of your own with build/Release/wrangle_native.node
 *                    beside it (a copy: a symlinked build/ vanishes during a node-gyp rebuild) and pass its
 *                    out/main/cli.js
 *   --xsd PATH       ASC MHL schema (default /work/shared/ascmhl/xsd/ASCMHL.xsd); --no-validate skips it
 *   --xmllint-timeout S  give up validating after S seconds (default 1800)
 *   --fresh          rebuild the source tree even if it is there
 *   --clean          delete the source tree at the end too
 *   --node-options S NODE_OPTIONS for the CLI, which its worker inherits (e.g. --max-old-space-size=160, to
 *                    see whether the worker needs its peak or V8 only lets garbage pile up that far)
 *   --json FILE      also write every run (with its memory timeline) and the summary as JSON
 */
import { existsSync, mkdirSync, readdirSync, rmdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { filesystemType, memoryAvailable, removeTree, syncDisks } from './lib/copy-sources.mjs';
import { countInFile, validateWithXmllint } from './lib/manifest-check.mjs';
import { CLI, median } from './lib/measure.mjs';
import { runWithPeaks, stopRunning } from './lib/process-peaks.mjs';
import { peakBetween, startTimeline } from './lib/rss-timeline.mjs';
import { ensureTinyFilesTree } from './lib/tiny-files-tree.mjs';

const GOAL_MB = 300;
const GiB = 1024 ** 3;
const log = (line) => console.error(line);
const options = readOptions(process.argv.slice(2));

/** Parsed and checked command-line options. */
function readOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      files: { type: 'string', default: '1000000' },
      'per-dir': { type: 'string', default: '1000' },
      pairs: { type: 'string', default: '2' },
      dir: { type: 'string', default: '/dev/shm/wrangle-mhl1m' },
      cli: { type: 'string', default: CLI },
      xsd: { type: 'string', default: '/work/shared/ascmhl/xsd/ASCMHL.xsd' },
      'no-validate': { type: 'boolean', default: false },
      'xmllint-timeout': { type: 'string', default: '1800' },
      fresh: { type: 'boolean', default: false },
      clean: { type: 'boolean', default: false },
      'node-options': { type: 'string' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log('Usage: node bench/mhl-copy-1m.mjs [--files N] [--per-dir N] [--pairs N] [--dir PATH]');
    console.log(
      '         [--cli PATH] [--xsd PATH] [--no-validate] [--xmllint-timeout S] [--fresh] [--clean]',
    );
    console.log('         [--json FILE]');
    process.exit(0);
  }
  const whole = (name, min) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min)
      fail(`--${name} must be a whole number ≥ ${min}, not ${values[name]}`);
    return n;
  };
  const cli = resolve(values.cli);
  if (!existsSync(cli)) fail(`no CLI at ${cli} (build it, or pass --cli /path/to/out/main/cli.js)`);
  const xsd = resolve(values.xsd);
  if (!values['no-validate'] && !existsSync(xsd)) fail(`no schema at ${xsd} (pass --xsd, or --no-validate)`);
  return {
    files: whole('files', 1),
    perDir: whole('per-dir', 1),
    pairs: whole('pairs', 1),
    dir: resolve(values.dir),
    cli,
    xsd,
    validate: !values['no-validate'],
    xmllintTimeout: whole('xmllint-timeout', 1),
    fresh: values.fresh,
    clean: values.clean,
    nodeOptions: values['node-options'],
    json: values.json && resolve(values.json),
  };
}

/** Stop with a message. */
function fail(message) {
  console.error(`mhl-copy-1m: ${message}`);
  process.exit(2);
}

/** MiB with no decimals. */
const mb = (n) => `${Math.round(n)} MB`;
/** Seconds with one decimal. */
const sec = (s) => `${s.toFixed(1)} s`;
/** A whole number with thousands separators. */
const count = (n) => Math.round(n).toLocaleString('en-US');

let runNumber = 0;

/** The folders a run writes into: a fresh destination and a fresh job data folder. */
function freshFolders() {
  runNumber++;
  const dest = join(options.dir, `dst-${runNumber}`);
  const data = join(options.dir, `data-${runNumber}`);
  removeTree(dest);
  removeTree(data);
  mkdirSync(dest, { recursive: true });
  return { dest, data };
}

/** The CLI's --json output, or a loud error showing what it printed instead. */
function parseOutput(what, result) {
  if (result.code !== 0)
    throw new Error(`${what} exited ${result.code ?? result.signal}: ${result.stderr.slice(-2000)}`);
  try {
    return JSON.parse(result.stdout);
  } catch (error) {
    throw new Error(`${what}: bad --json output (${error.message}): ${result.stdout.slice(0, 2000)}`, {
      cause: error,
    });
  }
}

/** The ASC MHL manifests (*.mhl) in `<dest>/CARD001/ascmhl`. */
function manifestsIn(dest, card) {
  const folder = join(dest, card, 'ascmhl');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.mhl'))
    .map((name) => join(folder, name));
}

/** What went wrong with a run's result (an empty list when all is well). */
function problemsOf(output, source, mhl, manifests) {
  const result = output.result ?? {};
  const listed = result.destinations?.[0]?.mhl_manifests ?? [];
  return [
    output.status !== 'completed' && `status ${output.status}`,
    result.files_copied !== source.files && `files_copied ${result.files_copied}, expected ${source.files}`,
    result.failed_count !== 0 && `failed_count ${result.failed_count}`,
    mhl && manifests.length !== 1 && `${manifests.length} manifests in ascmhl/, expected 1`,
    mhl &&
      manifests.length === 1 &&
      !listed.includes(manifests[0]) &&
      `mhl_manifests ${JSON.stringify(listed)}`,
    !mhl && manifests.length > 0 && 'a manifest was written without --mhl',
  ].filter(Boolean);
}

/** One copy, with or without --mhl: timed, its memory sampled, its result checked; then its folders removed. */
async function runCopy(source, mhl, { check }) {
  const { dest, data } = freshFolders();
  const what = `copy ${mhl ? '--mhl' : '(plain)'} #${runNumber}`;
  syncDisks();
  const args = [options.cli, 'copy', source.path, dest, ...(mhl ? ['--mhl'] : []), '--json'];
  const timeline = startTimeline(data);
  const result = await runWithPeaks(process.execPath, args, {
    env: {
      ...process.env,
      WRANGLE_DATA_DIR: data,
      ...(options.nodeOptions === undefined ? {} : { NODE_OPTIONS: options.nodeOptions }),
    },
  });
  const { processes, spool, reportAt } = timeline.stop();
  const output = parseOutput(what, result);
  const manifests = manifestsIn(dest, basename(source.path));
  const problems = problemsOf(output, source, mhl, manifests);
  if (problems.length) throw new Error(`${what}: ${problems.join(', ')}\n${result.stdout.slice(0, 2000)}`);

  const workers = [...result.peaks.descendants].sort((a, b) => b.mb - a.mb);
  const worker = workers[0] ?? { pid: 0, name: 'none', mb: 0 };
  const run = {
    mhl,
    run: runNumber,
    seconds: result.seconds,
    duration_ms: output.result.duration_ms,
    cli_mb: result.peaks.self,
    worker_mb: worker.mb,
    worker_name: worker.name,
    other_processes: workers.slice(1),
    phases: phasesOf(processes, worker.pid, spool, reportAt),
    timeline: processes,
  };
  if (mhl) {
    const manifest = manifests[0];
    const stats = await countInFile(manifest, ['<hash>', '<directoryhash>']);
    run.manifest = {
      path: manifest,
      bytes: stats.bytes,
      hash_entries: stats.counts['<hash>'],
      directoryhash_entries: stats.counts['<directoryhash>'],
      closed: stats.closed,
      listed_in_result: true,
    };
    if (stats.counts['<hash>'] !== source.files)
      throw new Error(`${what}: ${stats.counts['<hash>']} <hash> entries, expected ${source.files}`);
    if (!stats.closed) throw new Error(`${what}: ${manifest} does not end with </hashlist>`);
    if (check && options.validate) {
      log(`  validating ${manifest} (${mb(stats.bytes / 1024 ** 2)}) with xmllint --stream …`);
      run.manifest.xmllint = await validateWithXmllint(manifest, options.xsd, options.xmllintTimeout);
    }
  }
  removeTree(dest);
  removeTree(data);
  return run;
}

/**
 * The worker's largest VmRSS sample in each phase, from the 100 ms timeline: copy (until the spool last
 * grew, or without --mhl until report.json appeared), history (until the spool was deleted), reports (from
 * report.json to the end), and the phases' lengths in seconds.
 */
function phasesOf(processes, workerPid, spool, reportAt) {
  const samples = processes.find((each) => each.pid === workerPid)?.samples ?? [];
  const end = samples.at(-1)?.[0] ?? 0;
  const round = (peak) =>
    peak && Object.fromEntries(Object.entries(peak).map(([key, value]) => [key, +value.toFixed(1)]));
  const copyEnd = spool.lastGrew ?? reportAt ?? Infinity;
  const historyEnd = spool.lastGrew === null ? copyEnd : (spool.gone ?? reportAt ?? Infinity);
  const reportsFrom = reportAt ?? Infinity;
  const length = (from, to) => (Number.isFinite(from) ? +(Math.min(to, end) - from).toFixed(1) : null);
  return {
    copy: round(peakBetween(samples, 0, copyEnd)),
    history: spool.lastGrew === null ? null : round(peakBetween(samples, copyEnd, historyEnd)),
    reports: round(peakBetween(samples, reportsFrom)),
    seconds: {
      copy: Number.isFinite(copyEnd) ? +copyEnd.toFixed(1) : null,
      history: spool.lastGrew === null ? null : length(copyEnd, historyEnd),
      reports: length(reportsFrom, end),
    },
    spool_mb: spool.lastGrew === null ? null : +(spool.maxBytes / 1024 ** 2).toFixed(1),
  };
}

/** A phase's peak and its length: "270 MB (anon 223) 48.8 s". */
function phaseText(peak, seconds) {
  return peak ? `${mb(peak.rss)} (anon ${Math.round(peak.anon)}) ${seconds ?? '?'} s` : '—';
}

/** One line about a run. */
function runLine(run) {
  const { phases } = run;
  const history = phases.history ? `, history ${phaseText(phases.history, phases.seconds.history)}` : '';
  const spool = phases.spool_mb === null ? '' : `; spool ${mb(phases.spool_mb)}`;
  const manifest = run.manifest
    ? `; manifest ${mb(run.manifest.bytes / 1024 ** 2)}, ${count(run.manifest.hash_entries)} <hash>`
    : '';
  return (
    `  #${run.run} ${run.mhl ? '--mhl ' : 'plain '} ${sec(run.seconds)}  worker ${mb(run.worker_mb)}  ` +
    `CLI ${mb(run.cli_mb)}; worker by phase: copy ${phaseText(phases.copy, phases.seconds.copy)}${history}, ` +
    `reports ${phaseText(phases.reports, phases.seconds.reports)}${spool}${manifest}`
  );
}

/** Medians of the runs of one kind. */
function summarize(runs) {
  const of = (pick) => median(runs.map(pick));
  return {
    runs: runs.length,
    seconds: of((run) => run.seconds),
    worker_mb: of((run) => run.worker_mb),
    worker_mb_max: Math.max(...runs.map((run) => run.worker_mb)),
    cli_mb: of((run) => run.cli_mb),
    phase_mb: Object.fromEntries(
      ['copy', 'history', 'reports'].map((phase) => [
        phase,
        runs[0].phases[phase] ? of((run) => run.phases[phase]?.rss ?? 0) : null,
      ]),
    ),
    phase_s: Object.fromEntries(
      ['copy', 'history', 'reports'].map((phase) => [
        phase,
        runs[0].phases.seconds[phase] === null ? null : of((run) => run.phases.seconds[phase] ?? 0),
      ]),
    ),
  };
}

/** The command line as typed, ready to paste. */
function commandLine() {
  const quote = (arg) => (/^[\w./,=:@%+-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`);
  const script = relative(process.cwd(), fileURLToPath(import.meta.url)) || basename(process.argv[1]);
  return ['node', script, ...process.argv.slice(2)].map(quote).join(' ');
}

/** One line about the machine and the code under test. */
function machineLine() {
  const cpu = `${cpus().length} CPUs (${cpus()[0]?.model.trim()})`;
  const memory = `${(totalmem() / GiB).toFixed(0)} GiB RAM`;
  const date = new Date().toISOString().slice(0, 10);
  return `${date}, node ${process.version}, ${cpu}, ${memory}; ${options.dir} on ${filesystemType(
    dirname(options.dir),
  )}; cli ${options.cli}`;
}

/** Delete the destinations and data folders left by an interrupted run (and the source with --clean). */
function cleanUp({ source }) {
  if (!existsSync(options.dir)) return;
  for (const name of readdirSync(options.dir))
    if (/^(dst|data)-\d+$/.test(name)) removeTree(join(options.dir, name));
  if (source) {
    removeTree(join(options.dir, 'src'));
    try {
      rmdirSync(options.dir);
    } catch {
      // not empty: not ours alone
    }
  }
}

async function main() {
  const machine = machineLine();
  console.log(machine);
  const setting = Object.keys(process.env).filter((name) => name.startsWith('WRANGLE_'));
  if (setting.length)
    console.log(`note: ${setting.join(', ')} set in the environment; they apply to every run`);
  mkdirSync(options.dir, { recursive: true });
  cleanUp({ source: false });
  const source = ensureTinyFilesTree(options.dir, {
    files: options.files,
    perDir: options.perDir,
    fresh: options.fresh,
    log,
  });
  // One destination on tmpfs: a 4 KiB page and an inode a file, plus the spool and some room.
  const need = source.files * 5 * 1024 + GiB;
  if (memoryAvailable() < need)
    fail(
      `memory: ${(memoryAvailable() / GiB).toFixed(1)} GiB available, about ${(need / GiB).toFixed(1)} GiB needed`,
    );
  console.log(`source: ${source.description} (${count(source.bytes)} bytes) at ${source.path}`);
  const startedAt = new Date().toISOString();
  const loadBefore = loadavg()[0];
  const runs = [];
  for (let pair = 0; pair < options.pairs; pair++) {
    const order = pair % 2 ? [false, true] : [true, false];
    for (const mhl of order) {
      log(`pair ${pair + 1}/${options.pairs}: copy ${mhl ? '--mhl' : 'without --mhl'} …`);
      const run = await runCopy(source, mhl, { check: mhl && !runs.some((each) => each.mhl) });
      runs.push(run);
      log(runLine(run));
    }
  }
  const withMhl = summarize(runs.filter((run) => run.mhl));
  const plain = summarize(runs.filter((run) => !run.mhl));
  const checked = runs.find((run) => run.mhl).manifest;
  const loadAfter = loadavg()[0];

  const note = options.nodeOptions === undefined ? '' : ` (NODE_OPTIONS=${options.nodeOptions})`;
  console.log(
    `\n${count(source.files)} files, ${options.pairs} pair(s)${note}; medians (worker: its peak in each phase):`,
  );
  console.log(
    '| copy            | seconds | worker peak | copy phase | history phase | reports phase | CLI peak |',
  );
  console.log(
    '| --------------- | ------: | ----------: | ---------: | ------------: | ------------: | -------: |',
  );
  const cell = (value, width) => (value === null ? '—' : mb(value)).padStart(width);
  for (const [label, summary] of [
    ['`--mhl`', withMhl],
    ['without `--mhl`', plain],
  ])
    console.log(
      `| ${label.padEnd(15)} | ${summary.seconds.toFixed(1).padStart(7)} | ${cell(summary.worker_mb, 11)} | ` +
        `${cell(summary.phase_mb.copy, 10)} | ${cell(summary.phase_mb.history, 13)} | ` +
        `${cell(summary.phase_mb.reports, 13)} | ${cell(summary.cli_mb, 8)} |`,
    );
  const phaseSeconds = (summary) =>
    ['copy', 'history', 'reports']
      .filter((phase) => summary.phase_s[phase] !== null)
      .map((phase) => `${phase} ${sec(summary.phase_s[phase])}`)
      .join(', ');
  console.log(`phase lengths: --mhl ${phaseSeconds(withMhl)}; without: ${phaseSeconds(plain)}`);
  console.log(
    `history's share: +${sec(withMhl.seconds - plain.seconds)}, worker peak +${mb(withMhl.worker_mb - plain.worker_mb)}`,
  );
  const verdict = (value) => (value < GOAL_MB ? 'under' : 'OVER');
  console.log(
    `goal (worker under ${GOAL_MB} MB): while writing the history ${verdict(withMhl.phase_mb.history)} ` +
      `(${mb(withMhl.phase_mb.history)}); whole --mhl run ${verdict(withMhl.worker_mb_max)} ` +
      `(highest ${mb(withMhl.worker_mb_max)}); whole run without --mhl ${verdict(plain.worker_mb_max)} ` +
      `(highest ${mb(plain.worker_mb_max)})`,
  );
  console.log(
    `manifest: ${mb(checked.bytes / 1024 ** 2)} (${count(checked.bytes)} bytes), ${count(checked.hash_entries)} <hash>, ` +
      `${count(checked.directoryhash_entries)} <directoryhash>, ends with </hashlist>: ${checked.closed}, ` +
      'listed in result.destinations[0].mhl_manifests, failed_count 0',
  );
  if (checked.xmllint) {
    const x = checked.xmllint;
    const verdict = x.timedOut
      ? `gave up after ${options.xmllintTimeout} s`
      : x.valid
        ? 'valid'
        : `INVALID (exit ${x.code})`;
    console.log(
      `xmllint --stream --schema: ${verdict} in ${sec(x.seconds)}, xmllint peak ${mb(x.peakMb)}: ${x.message}`,
    );
  } else console.log('xmllint: skipped (--no-validate)');
  console.log(`load average (1 min): ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after`);
  console.log(`Command: ${commandLine()}`);
  console.log(
    options.clean ? 'Source tree deleted (--clean).' : `Source tree kept for next time: ${source.path}`,
  );
  if (options.json) {
    mkdirSync(dirname(options.json), { recursive: true });
    const report = {
      command: commandLine(),
      started_at: startedAt,
      machine,
      options,
      source,
      summary: { mhl: withMhl, plain, manifest: checked, goal_mb: GOAL_MB },
      runs,
    };
    writeFileSync(options.json, `${JSON.stringify(report)}\n`);
    console.log(`Raw runs and timelines: ${options.json}`);
  }
}

process.on('SIGINT', async () => {
  log('interrupted: stopping the running copy and removing destinations …');
  await stopRunning();
  cleanUp({ source: options.clean });
  process.exit(130);
});
try {
  await main();
} finally {
  cleanUp({ source: options.clean });
}
