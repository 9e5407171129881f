/** Sums up the offload benchmark's rounds: medians, pair ratios, bytes read, cache bypass, Markdown tables. */
import { median } from './measure.mjs';
import { formatCount, formatSeconds } from './copy-report.mjs';

/** Bytes as decimal MB (10^6), the unit of MB/s. */
export const formatMb = (bytes) => `${formatCount(bytes / 1e6)} MB`;
/** A ratio with two decimals. */
const formatRatio = (r) => r.toFixed(2);

/** Median, smallest and largest of numbers. */
function spread(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/** Ratio "1.08 (1.02–1.15)". */
const ratioText = (r) => `${formatRatio(r.median)} (${formatRatio(r.min)}–${formatRatio(r.max)})`;

/** How often each destination reported each cache_bypass value: "D1 held ×3, D2 held ×2 partly ×1". */
function bypassText(runs) {
  const perDest = [];
  for (const run of runs) {
    (run.cacheBypass ?? []).forEach((value, index) => {
      perDest[index] ??= new Map();
      perDest[index].set(value, (perDest[index].get(value) ?? 0) + 1);
    });
  }
  return perDest
    .map((counts, index) => `D${index + 1} ${[...counts].map(([value, n]) => `${value} ×${n}`).join(' ')}`)
    .join(', ');
}

/** Summary of one variant over the rounds: `runs` are its results, one a round. */
function summarizeVariant(variant, runs, source) {
  const pick = (key) => runs.map((run) => run[key]).filter((value) => value !== undefined);
  const io = (key) => median(runs.map((run) => run.io?.[key] ?? 0));
  const engineRead = pick('engineRead');
  const jobMs = pick('jobMs');
  return {
    label: variant.label,
    command: variant.commandText,
    seconds: spread(pick('seconds')),
    flush: median(pick('flush')),
    with_flush: median(runs.map((run) => run.seconds + run.flush)),
    job_seconds: jobMs.length ? median(jobMs) / 1000 : null,
    mb_per_s: source.bytes / 1e6 / median(pick('seconds')),
    engine_bytes_read: engineRead.length ? median(engineRead) : null,
    tree_rchar: io('rchar'),
    tree_read_bytes: io('read_bytes'),
    tree_write_bytes: io('write_bytes'),
    cache_bypass: variant.verify ? bypassText(runs) : null,
    peak_mb: runs[0].peakMb === undefined ? null : Math.max(...pick('peakMb')),
    times: pick('seconds'),
  };
}

/** Summary of one set from its rounds: `rounds[i][variantName] = run`. */
export function summarizeSet(set, source, rounds, variants) {
  const variantSummaries = Object.fromEntries(
    set.variants.map((name) => [
      name,
      summarizeVariant(
        variants[name],
        rounds.map((round) => round[name]),
        source,
      ),
    ]),
  );
  const comparisons = set.comparisons
    .filter(([a, b]) => set.variants.includes(a) && set.variants.includes(b))
    .map(([a, b, goal]) => {
      const ratio = spread(rounds.map((round) => round[a].seconds / round[b].seconds));
      const withFlush = spread(
        rounds.map((round) => (round[a].seconds + round[a].flush) / (round[b].seconds + round[b].flush)),
      );
      const best = (name) => Math.min(...rounds.map((round) => round[name].seconds));
      return {
        a,
        b,
        text: `${variants[a].short} / ${variants[b].short}`,
        ratio,
        with_flush: withFlush,
        best: best(a) / best(b),
        goal: goal ? { ratio: goal, met: ratio.median <= goal } : null,
      };
    });
  const loads = rounds.flatMap((round) => Object.values(round).map((run) => run.load));
  return {
    name: set.name,
    label: set.label,
    load: { min: Math.min(...loads), max: Math.max(...loads) },
    files: source.files,
    bytes: source.bytes,
    rounds: rounds.length,
    variants: variantSummaries,
    comparisons,
    raw: rounds,
  };
}

/** The lines printed for one set. */
export function setReport(summary) {
  const header = `${summary.name}: ${summary.label}`;
  if (summary.skipped) return [`${header}: skipped: ${summary.skipped}`];
  const lines = [
    `${header} (${formatCount(summary.files)} files, ${formatMb(summary.bytes)}; ${summary.rounds} rounds;` +
      ` load average ${summary.load.min}–${summary.load.max} as the runs started)`,
  ];
  for (const v of Object.values(summary.variants)) {
    const times = v.times.map((s) => s.toFixed(2)).join(' ');
    const job = v.job_seconds === null ? '' : `, job ${formatSeconds(v.job_seconds)}`;
    const engine = v.engine_bytes_read === null ? '' : `engine bytes_read ${formatMb(v.engine_bytes_read)}, `;
    lines.push(
      `  ${v.label}`,
      `    time ${formatSeconds(v.seconds.median)} median (${times})${job}; then sync ${formatSeconds(v.flush)}`,
      `    ${engine}rchar ${formatMb(v.tree_rchar)}, read from disk ${formatMb(v.tree_read_bytes)}` +
        `, ${v.mb_per_s.toFixed(0)} MB/s of source` +
        (v.peak_mb === null ? '' : `, peak ${v.peak_mb.toFixed(0)} MB`),
    );
    if (v.cache_bypass) lines.push(`    cache_bypass ${v.cache_bypass}`);
  }
  for (const c of summary.comparisons) {
    const goal = c.goal ? `; goal ≤ ${c.goal.ratio}: ${c.goal.met ? 'met' : 'NOT met'}` : '';
    lines.push(
      `  ${c.text}: ${ratioText(c.ratio)} median of pair ratios; with the sync after: ${ratioText(c.with_flush)}` +
        `; best / best ${formatRatio(c.best)}${goal}`,
    );
  }
  return lines;
}

/** A Markdown table, padded the way Prettier pads tables. */
export function markdownTable(head, rows) {
  const all = [head, ...rows];
  const widths = head.map((_, column) => Math.max(3, ...all.map((row) => row[column].length)));
  const line = (cells) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  return [line(head), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** The comparisons of every set that ran. */
export function ratioTable(summaries) {
  const rows = summaries
    .filter((summary) => !summary.skipped)
    .flatMap((summary) =>
      summary.comparisons.map((c) => [
        `${summary.name}: ${summary.label}`,
        c.text,
        formatSeconds(summary.variants[c.a].seconds.median),
        formatSeconds(summary.variants[c.b].seconds.median),
        `**${formatRatio(c.ratio.median)}** (${formatRatio(c.ratio.min)}–${formatRatio(c.ratio.max)})`,
        formatRatio(c.with_flush.median),
        formatRatio(c.best),
        c.goal ? `≤ ${c.goal.ratio}: ${c.goal.met ? 'met' : 'NOT met'}` : '—',
      ]),
    );
  const head = ['set', 'A / B', 'A', 'B', 'median of pair ratios (range)', 'incl. sync', 'best/best', 'goal'];
  return markdownTable(head, rows);
}

/** Bytes read by every run kind of every set that ran: source, engine rchar, tree rchar, from disk. */
export function readTable(summaries) {
  const rows = summaries
    .filter((summary) => !summary.skipped)
    .flatMap((summary) =>
      Object.values(summary.variants).map((v) => [
        summary.name,
        v.label,
        formatMb(summary.bytes),
        v.engine_bytes_read === null ? '—' : formatMb(v.engine_bytes_read),
        formatMb(v.tree_rchar),
        formatMb(v.tree_read_bytes),
        `${v.mb_per_s.toFixed(0)}`,
        v.cache_bypass ?? '—',
      ]),
    );
  const head = ['set', 'run', 'source', 'bytes_read', 'rchar (tree)', 'from disk', 'MB/s', 'cache_bypass'];
  return markdownTable(head, rows);
}
