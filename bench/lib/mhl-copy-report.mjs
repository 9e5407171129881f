/** What bench/mhl-copy-1m.mjs prints: a line a run, medians of each kind, the table and the goal's verdict. */
import { dirname } from 'node:path';
import { filesystemType } from './copy-sources.mjs';
import { median } from './measure.mjs';
import { machineSummary } from './run-facts.mjs';

/** The worker's goal while it writes the history, MB. */
export const GOAL_MB = 300;

/** MiB with no decimals. */
export const mb = (n) => `${Math.round(n)} MB`;
/** Seconds with one decimal. */
const sec = (s) => `${s.toFixed(1)} s`;
/** A whole number with thousands separators. */
export const count = (n) => Math.round(n).toLocaleString('en-US');

/** A phase's peak and its length: "270 MB (anon 223) 48.8 s". */
function phaseText(peak, seconds) {
  return peak ? `${mb(peak.rss)} (anon ${Math.round(peak.anon)}) ${seconds ?? '?'} s` : '—';
}

/** One line about a run. */
export function runLine(run) {
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
export function summarize(runs) {
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

/** One line about the machine and the code under test. */
export function machineLine(options) {
  return `${machineSummary()}; ${options.dir} on ${filesystemType(dirname(options.dir))}; cli ${options.cli}`;
}

/**
 * Print the medians of both kinds as a table, the phase lengths, what the history adds, the goal's verdict
 * and the checked manifest (with xmllint's verdict).
 */
export function printSummary({ options, source, withMhl, plain, checked }) {
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
}
