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
 *   --cli PATH         the built cli.cjs (default out/main/cli.cjs of this repo)
 *   --timeout S        kill a run (and stop) after S seconds (default 600): a hung copy must not hang the VM
 *   --json FILE        also write every raw run and the summary as JSON
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { readOffloadOptions, fail } from './lib/offload-args.mjs';
import { markdownTable, ratioTable, readTable, setReport } from './lib/offload-report.mjs';
import { prepareWarmUp, runSet } from './lib/offload-runs.mjs';
import {
  cleanUp,
  machineLines,
  offloadBench,
  prepareOthers,
  snapshotCli,
  sourceFor,
} from './lib/offload-setup.mjs';
import { canDropCaches, loadAverage } from './lib/offload-sources.mjs';
import { defineSets } from './lib/offload-variants.mjs';
import { stopRunning } from './lib/process-peaks.mjs';
import { commandLine, wrangleEnvironmentNote } from './lib/run-facts.mjs';

const options = readOffloadOptions(process.argv.slice(2));
const log = (line) => console.error(line);
const bench = offloadBench(options);

/** Run the chosen sets; print their reports, the tables and the command line. */
async function main() {
  if (!canDropCaches()) fail('cannot write /proc/sys/vm/drop_caches: run as root (every run starts cold)');
  mkdirSync(options.dir, { recursive: true });
  const startedAt = new Date().toISOString();
  const sets = defineSets(options);
  const sources = {};
  for (const set of sets) sourceFor(bench, set, sources);
  prepareOthers(bench, sets, sources);
  const warmUp = prepareWarmUp(bench);
  await snapshotCli(bench, warmUp);
  const machine = machineLines(bench);
  console.log(machine.join('\n'));
  const environmentNote = wrangleEnvironmentNote();
  if (environmentNote) console.log(environmentNote);
  const summaries = [];
  for (const set of sets) {
    const summary = await runSet(bench, set, sources, warmUp);
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
  const command = commandLine(import.meta.url);
  console.log(`Command: ${command}`);
  console.log(`Sources kept for next time under ${options.dir} (src-*).`);
  if (options.json) {
    mkdirSync(dirname(options.json), { recursive: true });
    const report = { command, started_at: startedAt, machine, options, sets: summaries };
    writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`Raw runs: ${options.json}`);
  }
}

process.on('SIGINT', async () => {
  log('interrupted: stopping the running copy, removing destinations, unmounting …');
  await stopRunning();
  cleanUp(bench);
  process.exit(130);
});
try {
  await main();
} finally {
  cleanUp(bench);
}
