/**
 * The runs of bench/mhl-copy-1m.mjs: one copy with or without --mhl into fresh folders, timed, its memory
 * sampled and split into phases, its result and manifest checked; and the clean-up of what runs leave.
 */
import { existsSync, mkdirSync, readdirSync, rmdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { removeTree, syncDisks } from './copy-sources.mjs';
import { countInFile, validateWithXmllint } from './manifest-check.mjs';
import { mb } from './mhl-copy-report.mjs';
import { runWithPeaks } from './process-peaks.mjs';
import { peakBetween, startTimeline } from './rss-timeline.mjs';

const log = (line) => console.error(line);

let runNumber = 0;

/** The folders a run writes into: a fresh destination and a fresh job data folder. */
function freshFolders(options) {
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
export async function runCopy(options, source, mhl, { check }) {
  const { dest, data } = freshFolders(options);
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

/** Delete the destinations and data folders left by an interrupted run (and the source with --clean). */
export function cleanUp(options, { source }) {
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
