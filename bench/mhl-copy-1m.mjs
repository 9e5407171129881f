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
 *   --cli PATH       the built cli.cjs to run (default out/main/cli.cjs of this repo). For stable runs while
 *                    others rebuild, copy out/ to a folder of your own with build/Release/wrangle_native.node
 *                    beside it (a copy: a symlinked build/ vanishes during a node-gyp rebuild) and pass its
 *                    out/main/cli.cjs
 *   --xsd PATH       ASC MHL schema (default /work/shared/ascmhl/xsd/ASCMHL.xsd); --no-validate skips it
 *   --xmllint-timeout S  give up validating after S seconds (default 1800)
 *   --fresh          rebuild the source tree even if it is there
 *   --clean          delete the source tree at the end too
 *   --node-options S NODE_OPTIONS for the CLI, which its worker inherits (e.g. --max-old-space-size=160, to
 *                    see whether the worker needs its peak or V8 only lets garbage pile up that far)
 *   --json FILE      also write every run (with its memory timeline) and the summary as JSON
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname } from 'node:path';
import { memoryAvailable } from './lib/copy-sources.mjs';
import { fail, readMhlCopyOptions } from './lib/mhl-copy-args.mjs';
import { count, GOAL_MB, machineLine, printSummary, runLine, summarize } from './lib/mhl-copy-report.mjs';
import { cleanUp, runCopy } from './lib/mhl-copy-runs.mjs';
import { stopRunning } from './lib/process-peaks.mjs';
import { commandLine, wrangleEnvironmentNote } from './lib/run-facts.mjs';
import { ensureTinyFilesTree } from './lib/tiny-files-tree.mjs';

const GiB = 1024 ** 3;
const log = (line) => console.error(line);
const options = readMhlCopyOptions(process.argv.slice(2));

async function main() {
  const machine = machineLine(options);
  console.log(machine);
  const environmentNote = wrangleEnvironmentNote();
  if (environmentNote) console.log(environmentNote);
  mkdirSync(options.dir, { recursive: true });
  cleanUp(options, { source: false });
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
      const run = await runCopy(options, source, mhl, { check: mhl && !runs.some((each) => each.mhl) });
      runs.push(run);
      log(runLine(run));
    }
  }
  const withMhl = summarize(runs.filter((run) => run.mhl));
  const plain = summarize(runs.filter((run) => !run.mhl));
  const checked = runs.find((run) => run.mhl).manifest;
  const loadAfter = loadavg()[0];

  printSummary({ options, source, withMhl, plain, checked });
  console.log(`load average (1 min): ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after`);
  const command = commandLine(import.meta.url);
  console.log(`Command: ${command}`);
  console.log(
    options.clean ? 'Source tree deleted (--clean).' : `Source tree kept for next time: ${source.path}`,
  );
  if (options.json) {
    mkdirSync(dirname(options.json), { recursive: true });
    const report = {
      command,
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
  cleanUp(options, { source: options.clean });
  process.exit(130);
});
try {
  await main();
} finally {
  cleanUp(options, { source: options.clean });
}
