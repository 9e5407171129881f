/** Sums up the copy benchmark's pairs: medians, pair ratios, rates, peak memory, goals, a Markdown table. */
import { median } from './measure.mjs';

const TOOL_NAMES = { wrangle: 'wrangle', cp: 'cp -a', rsync: 'rsync -a' };

/** Seconds with three decimals (two from 10 s up). */
export const formatSeconds = (s) => `${s.toFixed(s < 10 ? 3 : 2)} s`;
/** A ratio with two decimals. */
const formatRatio = (r) => r.toFixed(2);
/** A whole number with thousands separators. */
export const formatCount = (n) => Math.round(n).toLocaleString('en-US');
/** Bytes as decimal MB, the unit of MB/s. */
const formatMb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

/** Median, smallest and largest of numbers. */
function spread(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/** Peak memory of one wrangle run: the CLI, its worker processes, and both together (MB). */
function runPeaks(peaks) {
  const workers = peaks.descendants.reduce((sum, peak) => sum + peak.mb, 0);
  return { cli: peaks.self, workers, together: peaks.self + workers, processes: peaks.descendants.length };
}

/** Highest of each peak over a set's wrangle runs, and the worker processes' names. */
function setPeaks(runs) {
  const all = runs.map((run) => runPeaks(run.wrangle.peaks));
  const names = new Set(runs.flatMap((run) => run.wrangle.peaks.descendants.map((peak) => peak.name)));
  const highest = (key) => Math.max(...all.map((peaks) => peaks[key]));
  return {
    cli_mb: highest('cli'),
    workers_mb: highest('workers'),
    together_mb: highest('together'),
    worker_processes: highest('processes'),
    worker_names: [...names],
  };
}

/** Whether a set's result meets its goal (undefined when it has none). */
function goalMet(goal, summary) {
  if (!goal) return undefined;
  return goal.ratio !== undefined
    ? summary.ratio.wrangle.median <= goal.ratio
    : summary.median.wrangle < goal.seconds;
}

/** Summary of one set from its runs: `runs[i][tool] = { seconds, peaks }`. */
export function summarizeSet(set, source, runs) {
  const tools = Object.keys(runs[0]).filter((key) => key in TOOL_NAMES);
  const medianOf = (tool) => median(runs.map((run) => run[tool].seconds));
  const summary = {
    name: set.name,
    label: set.label,
    files: source.files,
    bytes: source.bytes,
    pairs: runs.length,
    median: Object.fromEntries(tools.map((tool) => [tool, medianOf(tool)])),
    ratio: {},
    files_per_s: source.files / medianOf('wrangle'),
    mb_per_s: source.bytes / 1e6 / medianOf('wrangle'),
    peak: setPeaks(runs),
  };
  if (runs[0].cp) {
    for (const tool of tools.filter((name) => name !== 'cp')) {
      summary.ratio[tool] = spread(runs.map((run) => run[tool].seconds / run.cp.seconds));
    }
  }
  summary.goal = set.goal ? { text: set.goal.text, met: goalMet(set.goal, summary) } : null;
  summary.runs = runs;
  return summary;
}

/** One progress line for a finished pair (or single run, for the move). */
export function pairLine(set, index, pairs, run) {
  const times = Object.entries(run)
    .filter(([tool]) => tool in TOOL_NAMES)
    .map(([tool, result]) => `${TOOL_NAMES[tool]} ${formatSeconds(result.seconds)}`);
  const ratios = run.cp
    ? Object.keys(run)
        .filter((tool) => tool in TOOL_NAMES && tool !== 'cp')
        .map((tool) => `${tool}/cp ${formatRatio(run[tool].seconds / run.cp.seconds)}`)
    : [];
  const tail = ratios.length ? ` → ${ratios.join(', ')}` : '';
  return `  ${set.name} ${index + 1}/${pairs}: ${times.join(', ')}${tail}`;
}

/** Peak memory as "CLI a MB + worker b MB = c MB (transfer-worker.cjs)". */
function peakText(peak) {
  const mb = (value) => `${value.toFixed(0)} MB`;
  const workers = peak.worker_processes === 1 ? 'worker' : `${peak.worker_processes} workers`;
  const names = peak.worker_names.length ? ` (${peak.worker_names.join(', ')})` : '';
  return `CLI ${mb(peak.cli_mb)} + ${workers} ${mb(peak.workers_mb)} = ${mb(peak.together_mb)}${names}`;
}

/** Goal text with its verdict. */
const goalText = (goal) => (goal ? `${goal.text}: ${goal.met ? 'met' : 'NOT met'}` : 'no goal set');

/** The lines printed for one set. */
export function setReport(summary) {
  const header = `${summary.name}: ${summary.label}`;
  if (summary.skipped) return [`${header}: skipped: ${summary.skipped}`];
  const size = summary.bytes ? `, ${formatMb(summary.bytes)}` : '';
  const times = Object.entries(summary.median).map(([tool, s]) => `${TOOL_NAMES[tool]} ${formatSeconds(s)}`);
  const ratios = Object.entries(summary.ratio).map(
    ([tool, r]) => `${tool}/cp ${formatRatio(r.median)} (${formatRatio(r.min)}–${formatRatio(r.max)})`,
  );
  const rounds = summary.median.cp ? 'pairs' : 'runs';
  const ratioLine = ratios.length ? `  median of pair ratios  ${ratios.join('   ')}` : null;
  const rate = summary.bytes
    ? `${formatCount(summary.files_per_s)} files/s   ${summary.mb_per_s.toFixed(0)} MB/s`
    : `${formatCount(summary.files_per_s)} files/s`;
  return [
    `${header} (${formatCount(summary.files)} files${size}; ${summary.pairs} ${rounds})`,
    `  median time            ${times.join('   ')}`,
    ratioLine,
    `  wrangle rate           ${rate}`,
    `  wrangle peak memory    ${peakText(summary.peak)}`,
    `  goal                   ${goalText(summary.goal)}`,
  ].filter(Boolean);
}

/** A table row's cells for one set. */
function tableCells(summary) {
  const dash = '—';
  const peak = summary.peak;
  return [
    `${summary.name}: ${summary.label}`,
    formatSeconds(summary.median.wrangle),
    summary.median.cp ? formatSeconds(summary.median.cp) : dash,
    summary.ratio.wrangle ? `**${formatRatio(summary.ratio.wrangle.median)}**` : dash,
    summary.ratio.rsync ? formatRatio(summary.ratio.rsync.median) : dash,
    formatCount(summary.files_per_s),
    summary.bytes ? summary.mb_per_s.toFixed(0) : dash,
    `${peak.cli_mb.toFixed(0)} + ${peak.workers_mb.toFixed(0)} = ${peak.together_mb.toFixed(0)}`,
    goalText(summary.goal),
  ];
}

/** A Markdown table of the sets that ran, padded the way Prettier pads tables. */
export function markdownTable(summaries) {
  const head = ['set', 'wrangle', 'cp -a', 'ratio', 'rsync ratio', 'files/s', 'MB/s', 'peak MB', 'goal'];
  const rows = [head, ...summaries.filter((summary) => !summary.skipped).map(tableCells)];
  const widths = head.map((_, column) => Math.max(3, ...rows.map((row) => row[column].length)));
  const line = (cells) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  return [line(head), line(widths.map((width) => '-'.repeat(width))), ...rows.slice(1).map(line)].join('\n');
}
