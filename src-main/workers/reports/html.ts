/**
 * The handover HTML: one self-contained page (inline CSS, no script, no external reference; a CSP that forbids
 * fetching anything) that opens offline and prints on A4 or Letter. Every value is escaped by the `markup`
 * template tag, so a hostile file name is only ever text; control and bidirectional-override characters in
 * names are shown as visible marks so a name cannot disguise itself.
 *
 * (The tag is not called `html`: Prettier would reformat the markup inside it, adding whitespace to cells.)
 */
import { countOf, formatBytes, formatCount, formatDuration } from '../../../src-shared/format';
import type { FailureGroup } from '../../../src-shared/jobs';
import {
  compareStatuses,
  readBackWords,
  statusLabel,
  statusTone,
  type HandoverDestination,
  type HandoverModel,
  type StatusTone,
} from './model';
import {
  frameListForReading,
  framesForReading,
  type FolderSummary,
  type FrameStatus,
  type LooseFile,
  type SequenceSummary,
  type StatusTally,
  type TreeSummary,
} from './file-tree-summary';

/** Caps on what the page lists (the CSV has every file). */
export interface HtmlLimits {
  /** Lines (sequences and files) listed in all, over every folder. */
  lines: number;
  sequencesPerFolder: number;
  filesPerFolder: number;
  /** Folders listed with their totals only, once the lines are used up. */
  folderTotals: number;
}

export const DEFAULT_HTML_LIMITS: HtmlLimits = {
  lines: 10_000,
  sequencesPerFolder: 200,
  filesPerFolder: 50,
  folderTotals: 2000,
};

export interface HtmlInput {
  model: HandoverModel;
  tree: TreeSummary;
  version: string;
  generatedAt: Date;
  /** IANA zone the times are shown in; the machine's when absent. */
  timeZone?: string;
  limits?: Partial<HtmlLimits>;
  /** The CSV's file name, to point at it. */
  csvName: string;
}

/** Text already made safe for HTML. */
class Safe {
  constructor(readonly text: string) {}
}

type Part = Safe | string | number | null | undefined | false | readonly Part[];

/** Controls (C0, DEL, C1) and bidirectional marks and overrides: shown as marks rather than acted on. */
// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function visible(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code); // ␀ … ␟
  if (code === 0x7f) return '\u2421'; // ␡
  return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** Escapes text for element content and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(HIDDEN, visible).replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}

function partText(part: Part): string {
  if (part instanceof Safe) return part.text;
  if (Array.isArray(part)) return part.map(partText).join('');
  if (part === null || part === undefined || part === false) return '';
  return escapeHtml(String(part));
}

/** Template tag: every interpolated value is escaped unless it is already Safe. */
function markup(strings: TemplateStringsArray, ...values: Part[]): Safe {
  let out = strings[0] as string;
  for (let i = 0; i < values.length; i++) out += partText(values[i]) + (strings[i + 1] as string);
  return new Safe(out);
}

const KIND_TITLE = { copy: 'Copy report', move: 'Move report', verify: 'Verification report' } as const;
const KIND_JOB = { copy: 'Copy', move: 'Move', verify: 'Verify' } as const;
const STATE_WORDS = { completed: 'Completed', cancelled: 'Cancelled', failed: 'Failed' } as const;
const FILES_LABEL = { copy: 'Files copied', move: 'Files moved', verify: 'Files checked' } as const;

const STYLE = `
:root{color-scheme:light dark;--fg:#1b1f24;--muted:#5b6472;--bg:#fff;--line:#d8dce2;--soft:#f3f5f7;
--ok:#1d7535;--note:#2f5fae;--warn:#8a5a00;--bad:#b42318}
@media screen and (prefers-color-scheme:dark){:root{--fg:#e5e7ea;--muted:#9aa3ae;--bg:#15181c;--line:#2d333a;
--soft:#1d2127;--ok:#62c480;--note:#8fb4ff;--warn:#e3b45a;--bad:#ff8272}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0 auto;max-width:1120px;padding:28px 28px 40px;color:var(--fg);background:var(--bg);
font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:18px;margin:28px 0 10px;padding-bottom:4px;border-bottom:2px solid var(--line)}
h3{font-size:14px;margin:18px 0 6px;overflow-wrap:anywhere}
p{margin:6px 0}
code,.mono,.path,.range{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;
font-size:.93em}
.muted{color:var(--muted)}
.lead{font-size:15px;margin:8px 0 2px}
.badge{display:inline-block;padding:1px 10px;border-radius:999px;font-size:13px;font-weight:600;
border:1.5px solid currentColor;vertical-align:middle;margin-left:10px}
.ok{color:var(--ok)}.note{color:var(--note)}.warn{color:var(--warn)}.problem{color:var(--bad)}
table{width:100%;border-collapse:collapse;table-layout:fixed;margin:4px 0 10px}
table.narrow{max-width:640px}
th,td{text-align:left;vertical-align:top;padding:4px 8px;border-bottom:1px solid var(--line);
overflow-wrap:anywhere;word-break:break-word}
th{font-size:12px;font-weight:600;color:var(--muted);background:var(--soft)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
table.facts th{width:24%;background:none;font-size:13px;color:var(--muted)}
table.facts td{font-size:13px}
ul.plain{list-style:none;margin:0;padding:0}
.path .dir{color:var(--muted)}
.more{font-style:italic;color:var(--muted)}
.folder-total{font-weight:400;color:var(--muted);margin-left:8px}
footer{margin-top:32px;padding-top:8px;border-top:1px solid var(--line);font-size:12px;color:var(--muted)}
@page{margin:14mm 12mm}
@media print{
:root{color-scheme:light;--fg:#000;--muted:#4a4a4a;--bg:#fff;--line:#b9b9b9;--soft:#efefef;--ok:#145c29;
--note:#1f4a8f;--warn:#6b4500;--bad:#9b1c12}
body{max-width:none;padding:0;font-size:9pt;background:#fff;color:#000}
h1{font-size:16pt}h2{font-size:12pt;margin-top:0}h3{font-size:9.5pt}
.lead{font-size:10pt}
section.page{break-before:page}
h2,h3{break-after:avoid}
tr,li{break-inside:avoid}
thead{display:table-header-group}
th,td{padding:2px 5px}
table.facts th,table.facts td{font-size:9pt}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`;

/** The whole page. */
export function renderHtml(input: HtmlInput): string {
  const { model, tree, version } = input;
  const limits = { ...DEFAULT_HTML_LIMITS, ...input.limits };
  const time = (iso: string | null): Part => timeCell(iso, input.timeZone);
  const made = time(input.generatedAt.toISOString());
  const title = `Wrangle ${KIND_TITLE[model.kind].toLowerCase()} · ${model.batch_id}`;
  const problems = tree.total.problems();
  const badge = stateBadge(model, problems);
  const destinationsTitle =
    model.kind === 'verify'
      ? 'Folder checked'
      : model.destinations.length === 1
        ? 'Destination'
        : 'Destinations';

  const page = markup`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${`Wrangle ${version}`}">
<title>${title}</title>
<style>${new Safe(STYLE)}</style>
</head>
<body>
<header>
<h1>${KIND_TITLE[model.kind]}<span class="badge ${badge.tone}">${badge.text}</span></h1>
<p class="lead">${headline(model, tree)}</p>
${model.state === 'failed' && model.error ? markup`<p class="problem">${model.error}</p>` : ''}
<p class="muted">Batch <code>${model.batch_id}</code> · Wrangle ${version} · made ${made}</p>
</header>
<section>
<h2>The job</h2>
${factsTable(model, time)}
</section>
<section>
<h2>${destinationsTitle}</h2>
${destinationsTable(model, tree)}
</section>
<section>
<h2>Outcome by file</h2>
${outcomeTable(tree.total)}
</section>
<section class="page">
<h2>Failures by cause</h2>
${failuresSection(model, problems, input.csvName)}
</section>
<section class="page">
<h2>Files</h2>
<p class="muted">Image sequences per folder, as frame ranges with their gaps; other files by name. <code>${input.csvName}</code> lists every file with its checksums and its outcome at each ${model.kind === 'verify' ? 'check' : 'destination'}.</p>
${filesSection(tree, limits, input.csvName)}
</section>
<footer>Made by Wrangle ${version} · batch <code>${model.batch_id}</code> · ${made}</footer>
</body>
</html>
`;
  return page.text;
}

function stateBadge(model: HandoverModel, problems: number): { text: string; tone: StatusTone } {
  if (model.state === 'failed') return { text: 'Failed', tone: 'problem' };
  if (model.state === 'cancelled') return { text: 'Cancelled', tone: 'warn' };
  if (model.failed_count > 0 || problems > 0)
    return {
      text: model.kind === 'verify' ? 'Completed: problems found' : 'Completed with failures',
      tone: 'problem',
    };
  return { text: model.kind === 'verify' ? 'Completed: all files match' : 'Completed', tone: 'ok' };
}

function headline(model: HandoverModel, tree: TreeSummary): Safe {
  const files = countOf(tree.total.files, 'file');
  const bytes = formatBytes(tree.total.bytes);
  const took = model.duration_ms !== null ? ` in ${formatDuration(model.duration_ms)}` : '';
  const where =
    model.kind === 'verify'
      ? `in ${model.destinations[0]?.path ?? ''}`
      : `from ${countOf(model.sources.length, 'source')} to ${countOf(model.destinations.length, 'destination')}`;
  return markup`${files} (${bytes}) ${where}${took}: ${tallyText(tree.total)}.`;
}

function timeCell(iso: string | null, timeZone: string | undefined): Part {
  if (iso === null) return markup`<span class="muted">not recorded</span>`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return markup`<time datetime="${date.toISOString()}">${formatTime(date, timeZone)}</time>`;
}

/** "2025-05-13 16:02:11 UTC+02:00", in the given zone (the machine's by default). */
export function formatTime(date: Date, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const offset = Math.round((wall - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
  const zone =
    offset === 0
      ? 'UTC'
      : `UTC${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${get('year')}-${pad(get('month'))}-${pad(get('day'))} ${pad(get('hour'))}:${pad(get('minute'))}:${pad(get('second'))} ${zone}`;
}

function list(items: readonly string[]): Safe {
  if (items.length === 1) return markup`<code>${items[0]}</code>`;
  return markup`<ul class="plain">${items.map((item) => markup`<li><code>${item}</code></li>`)}</ul>`;
}

function factsTable(model: HandoverModel, time: (iso: string | null) => Part): Safe {
  const rows: [string, Part][] = [];
  rows.push(['Job', KIND_JOB[model.kind]]);
  if (model.sources.length > 0)
    rows.push([
      model.kind === 'verify' ? 'Checked against' : model.sources.length === 1 ? 'Source' : 'Sources',
      list(model.sources),
    ]);
  rows.push([
    model.kind === 'verify' ? 'Folder' : model.destinations.length === 1 ? 'Destination' : 'Destinations',
    model.destinations.length === 1
      ? list(model.destinations.map((d) => d.path))
      : markup`<ul class="plain">${model.destinations.map(
          (d, i) => markup`<li><span class="muted">dest${i + 1}</span> <code>${d.path}</code></li>`,
        )}</ul>`,
  ]);
  rows.push(['Hash formats', model.hashes.length > 0 ? model.hashes.join(', ') : 'none']);
  rows.push(['Verification', verificationText(model)]);
  for (const fact of model.facts)
    rows.push([fact.label, Array.isArray(fact.value) ? list(fact.value) : fact.value]);
  rows.push(['Started', time(model.started_at)]);
  rows.push(['Finished', time(model.finished_at)]);
  if (model.duration_ms !== null) rows.push(['Duration', formatDuration(model.duration_ms)]);
  if (model.bytes !== null) {
    rows.push([
      model.kind === 'verify' ? 'Bytes read' : model.kind === 'move' ? 'Bytes moved' : 'Bytes copied',
      `${formatBytes(model.bytes)} (${formatCount(model.bytes)} bytes)`,
    ]);
    if (model.duration_ms !== null && model.duration_ms > 0)
      rows.push(['Average speed', `${formatBytes((model.bytes * 1000) / model.duration_ms)}/s`]);
  }
  const state = STATE_WORDS[model.state];
  rows.push(['State', model.error ? `${state}: ${model.error}` : state]);
  return markup`<table class="facts"><tbody>${rows.map(
    ([label, value]) => markup`<tr><th scope="row">${label}</th><td>${value}</td></tr>`,
  )}</tbody></table>`;
}

function verificationText(model: HandoverModel): Part {
  if (
    !model.verify &&
    model.destinations.every((d) => d.read_back === null || d.read_back === 'not_verified')
  )
    return model.kind === 'verify' ? 'Not read' : 'Off: copies were not read back';
  const words = model.destinations.map((d) => readBackWords(d.read_back, model.verify));
  if (words.every((w) => w === words[0])) return words[0] ?? '';
  return markup`<ul class="plain">${words.map((w, i) => markup`<li><span class="muted">dest${i + 1}</span> ${w}</li>`)}</ul>`;
}

function num(value: number | null): Part {
  return value === null ? markup`<span class="muted">–</span>` : formatCount(value);
}

function tallyText(tally: StatusTally): Safe {
  const entries = [...tally.byStatus.entries()].sort(([a], [b]) => compareStatuses(a, b));
  if (entries.length === 0) return markup`<span class="muted">no files</span>`;
  return markup`${entries.map(
    ([status, { files }], i) =>
      markup`${i > 0 ? ' · ' : ''}<span class="${statusTone(status)}">${formatCount(files)} ${statusLabel(status)}</span>`,
  )}`;
}

interface Column {
  head: string;
  num?: boolean;
  /** Its share of the table's width. */
  weight: number;
  show: boolean;
  cell: (d: HandoverDestination, i: number) => Part;
}

function columnsTable(model: HandoverModel, all: Column[]): Safe {
  const columns = all.filter((c) => c.show);
  const total = columns.reduce((sum, c) => sum + c.weight, 0);
  const numClass = (c: Column): Part => (c.num ? new Safe(' class="num"') : '');
  return markup`<table>
<colgroup>${columns.map((c) => markup`<col style="width:${((c.weight / total) * 100).toFixed(1)}%">`)}</colgroup>
<thead><tr>${columns.map((c) => markup`<th scope="col"${numClass(c)}>${c.head}</th>`)}</tr></thead>
<tbody>${model.destinations.map(
    (d, i) => markup`<tr>${columns.map((c) => markup`<td${numClass(c)}>${c.cell(d, i)}</td>`)}</tr>`,
  )}</tbody>
</table>`;
}

/**
 * Two tables, so that each fits a portrait page: the numbers and how they were read back, then what was
 * written beside the copies (manifests, checksum files).
 */
function destinationsTable(model: HandoverModel, tree: TreeSummary): Safe {
  const any = (pick: (d: HandoverDestination) => unknown): boolean =>
    model.destinations.some((d) => pick(d) !== null);
  const several = model.destinations.length > 1;
  const label = (i: number): Part => (several ? markup`<span class="muted">dest${i + 1}</span> ` : '');
  const numbers = columnsTable(model, [
    {
      head: model.kind === 'verify' ? 'Folder' : 'Destination',
      weight: 3,
      show: true,
      cell: (d, i) =>
        markup`${label(i)}<code>${d.path}</code>${
          d.stopped ? markup`<br><span class="problem">Stopped: ${d.stopped}</span>` : ''
        }`,
    },
    {
      head: FILES_LABEL[model.kind],
      num: true,
      weight: 1.1,
      show: any((d) => d.files),
      cell: (d) => num(d.files),
    },
    {
      head: 'Bytes',
      num: true,
      weight: 1.1,
      show: any((d) => d.bytes),
      cell: (d) => (d.bytes === null ? num(null) : formatBytes(d.bytes)),
    },
    { head: 'Verified', num: true, weight: 1.1, show: any((d) => d.verified), cell: (d) => num(d.verified) },
    {
      head: model.kind === 'verify' ? 'Problems' : 'Failures',
      num: true,
      weight: 1.1,
      show: any((d) => d.failed),
      cell: (d) => (d.failed ? markup`<span class="problem">${formatCount(d.failed)}</span>` : num(d.failed)),
    },
    { head: 'Read back', weight: 2.2, show: true, cell: (d) => readBackWords(d.read_back, model.verify) },
    {
      head: 'Files, by the list',
      weight: 2.2,
      show: true,
      cell: (_d, i) => tallyText(tree.destinations[i] ?? tree.total),
    },
  ]);
  const showManifests = any((d) => d.mhl_manifests);
  const showChecksums = model.kind !== 'verify' || any((d) => d.checksum_file);
  if (!showManifests && !showChecksums) return numbers;
  const written = columnsTable(model, [
    {
      head: model.kind === 'verify' ? 'Folder' : 'Destination',
      weight: 3,
      show: true,
      cell: (d, i) => markup`${label(i)}<code>${d.path}</code>`,
    },
    {
      head: 'ASC MHL manifests written',
      weight: 4,
      show: showManifests,
      cell: (d) =>
        d.mhl_manifests === null || d.mhl_manifests.length === 0
          ? markup`<span class="muted">none</span>`
          : markup`<ul class="plain">${d.mhl_manifests.map((m) => markup`<li><code>${m}</code></li>`)}</ul>`,
    },
    {
      head: 'Checksum file',
      weight: 3,
      show: showChecksums,
      cell: (d) =>
        d.checksum_file ? markup`<code>${d.checksum_file}</code>` : markup`<span class="muted">none</span>`,
    },
  ]);
  return markup`${numbers}
${written}`;
}

function outcomeTable(total: StatusTally): Safe {
  const entries = [...total.byStatus.entries()].sort(([a], [b]) => compareStatuses(a, b));
  return markup`<table class="narrow">
<colgroup><col style="width:50%"><col style="width:25%"><col style="width:25%"></colgroup>
<thead><tr><th scope="col">Outcome</th><th scope="col" class="num">Files</th><th scope="col" class="num">Size</th></tr></thead>
<tbody>${entries.map(
    ([status, { files, bytes }]) =>
      markup`<tr><td class="${statusTone(status)}">${statusLabel(status)}</td><td class="num">${formatCount(files)}</td><td class="num">${formatBytes(bytes)}</td></tr>`,
  )}<tr><th scope="row">All files</th><th class="num">${formatCount(total.files)}</th><th class="num">${formatBytes(total.bytes)}</th></tr></tbody>
</table>`;
}

function failuresSection(model: HandoverModel, problems: number, csvName: string): Safe {
  const groups = model.failure_groups;
  if (groups.length === 0) {
    if (problems === 0 && model.failed_count === 0) return markup`<p class="ok">No failures.</p>`;
    return markup`<p>${countOf(Math.max(problems, model.failed_count), 'file')} with problems; <code>${csvName}</code> gives each one's cause.</p>`;
  }
  const listed = groups.reduce((sum, g) => sum + g.count, 0);
  const unlisted = Math.max(0, model.failed_count - listed);
  const verb = model.kind === 'verify' ? 'verified' : 'transferred';
  return markup`<p>${countOf(Math.max(model.failed_count, listed), 'entry', 'entries')} not ${verb}, ${countOf(groups.length, 'cause')}.</p>
<table>
<colgroup><col style="width:10%"><col style="width:36%"><col style="width:18%"><col style="width:36%"></colgroup>
<thead><tr><th scope="col" class="num">Files</th><th scope="col">Cause</th><th scope="col">Code</th><th scope="col">Where</th></tr></thead>
<tbody>${groups.map(failureRow)}</tbody>
</table>
${unlisted > 0 ? markup`<p class="more">and ${countOf(unlisted, 'more failure')} under other causes — see the CSV</p>` : ''}`;
}

function failureRow(group: FailureGroup): Safe {
  const code = group.errno && group.errno !== group.code ? `${group.code} · ${group.errno}` : group.code;
  const more = group.folder !== null ? 0 : Math.max(0, group.count - group.examples.length);
  const where =
    group.folder !== null
      ? markup`Folder <code>${group.folder}</code>`
      : markup`<ul class="plain">${group.examples.map((p) => markup`<li><code>${p}</code></li>`)}${
          more > 0 ? markup`<li class="more">and ${formatCount(more)} more</li>` : ''
        }</ul>`;
  return markup`<tr><td class="num problem">${formatCount(group.count)}</td><td>${group.cause}</td><td class="mono">${code}</td><td>${where}</td></tr>`;
}

function pathCell(dir: string, name: string): Safe {
  return markup`<td class="path">${dir === '' ? '' : markup`<span class="dir">${dir}/</span>`}${name}</td>`;
}

function rangeText(seq: SequenceSummary): string {
  const span = seq.first === seq.last ? String(seq.first) : `${seq.first}–${seq.last}`;
  return seq.step > 1 ? `${span} every ${seq.step}` : span;
}

/** "(98 frames, missing 1050, 1077)". */
function framesNote(seq: SequenceSummary): string {
  const parts = [countOf(seq.count, 'frame')];
  if (seq.missing_count > 0) {
    const listed = framesForReading(seq.missing);
    parts.push(
      seq.missing_count <= 12 ? `missing ${listed}` : `${formatCount(seq.missing_count)} missing: ${listed}`,
    );
  }
  const zero = seq.zero_byte;
  if (zero.count > 0)
    parts.push(
      `${formatCount(zero.count)} empty: ${frameListForReading(zero.frames)}${zero.count > zero.frames.length ? ', …' : ''}`,
    );
  return `(${parts.join(', ')})`;
}

/** "8 failed: 1041–1048 (dest1 copied, dest2 failed)". */
function frameStatusText(entry: FrameStatus, count: string, frames: boolean): Safe {
  const listed = frames
    ? `: ${frameListForReading(entry.frames)}${entry.count > entry.frames.length ? ', …' : ''}`
    : '';
  const outs = entry.outs
    ? ` (${entry.outs.map((status, i) => `dest${i + 1} ${statusLabel(status)}`).join(', ')})`
    : '';
  return markup`<span class="${statusTone(entry.status)}">${count} ${statusLabel(entry.status)}${listed}${outs}</span>`;
}

function sequenceOutcome(seq: SequenceSummary): Safe {
  const [main, ...others] = seq.statuses;
  if (!main) return markup``;
  if (others.length === 0) return frameStatusText(main, 'all', false);
  return markup`${frameStatusText(main, formatCount(main.count), false)}${others.map(
    (entry) => markup`<br>${frameStatusText(entry, formatCount(entry.count), true)}`,
  )}`;
}

/** "dest1 copied · dest2 failed: No space left…". */
function outsText(outs: readonly { status: string; cause?: string }[]): Safe {
  return markup`${outs.map(
    (out, i) =>
      markup`${i > 0 ? markup`<br>` : ''}<span class="muted">dest${i + 1}</span> <span class="${statusTone(out.status)}">${statusLabel(out.status)}</span>${out.cause ? markup`<span class="muted">: ${out.cause}</span>` : ''}`,
  )}`;
}

function fileOutcome(file: LooseFile): Safe {
  const renamed = file.renamed ? markup` as <code>${file.renamed}</code>` : '';
  const head = markup`<span class="${statusTone(file.status)}">${statusLabel(file.status)}</span>${renamed}`;
  if (file.outs) return markup`${head}<br>${outsText(file.outs)}`;
  return markup`${head}${file.cause ? markup`<br><span class="muted">${file.cause}</span>` : ''}`;
}

const FILE_COLUMNS = new Safe(
  '<colgroup><col style="width:38%"><col style="width:14%"><col style="width:18%"><col style="width:10%"><col style="width:20%"></colgroup>' +
    '<thead><tr><th scope="col">Name</th><th scope="col">Frames</th><th scope="col">Details</th><th scope="col" class="num">Size</th><th scope="col">Outcome</th></tr></thead>',
);

function folderTable(
  folder: FolderSummary,
  budget: number,
  limits: HtmlLimits,
): { table: Safe; lines: number } {
  const sequenceCap = Math.min(limits.sequencesPerFolder, budget);
  const shownSequences = folder.sequences.slice(0, sequenceCap);
  const fileCap = Math.min(limits.filesPerFolder, Math.max(0, budget - shownSequences.length));
  const shownFiles = folder.loose.slice(0, fileCap);
  const moreSequences = folder.sequences.length - shownSequences.length;
  const moreSequenceFrames = folder.sequences.slice(sequenceCap).reduce((sum, s) => sum + s.count, 0);
  const moreFiles = folder.loose_count - shownFiles.length;
  const dir = folder.path;
  const rows: Safe[] = [];
  for (const seq of shownSequences)
    rows.push(
      markup`<tr>${pathCell(dir, seq.pattern)}<td class="range">${rangeText(seq)}</td><td>${framesNote(seq)}</td><td class="num">${formatBytes(seq.bytes)}</td><td>${sequenceOutcome(seq)}</td></tr>`,
    );
  if (moreSequences > 0)
    rows.push(
      markup`<tr><td colspan="5" class="more">and ${countOf(moreSequences, 'more sequence')} (${countOf(moreSequenceFrames, 'frame')}) — see the CSV</td></tr>`,
    );
  for (const group of folder.unlisted_groups)
    rows.push(
      markup`<tr>${pathCell(dir, group.name)}<td class="muted">–</td><td class="muted">${countOf(group.files, 'frame file')}, too scattered to list as ranges — see the CSV</td><td class="num">${formatBytes(group.bytes)}</td><td></td></tr>`,
    );
  for (const file of shownFiles)
    rows.push(
      markup`<tr>${pathCell(dir, file.name)}<td class="muted">–</td><td></td><td class="num">${formatBytes(file.size)}</td><td>${fileOutcome(file)}</td></tr>`,
    );
  if (moreFiles > 0)
    rows.push(
      markup`<tr><td colspan="5" class="more">and ${countOf(moreFiles, shownFiles.length > 0 ? 'more file' : 'file')} — see the CSV</td></tr>`,
    );
  const heading = markup`<h3><span class="path">${dir === '' ? '(top level)' : `${dir}/`}</span><span class="folder-total">${countOf(folder.tally.files, 'file')} · ${formatBytes(folder.tally.bytes)} · </span>${tallyText(folder.tally)}</h3>`;
  return {
    table: markup`${heading}
<table>${FILE_COLUMNS}<tbody>${rows}</tbody></table>
`,
    lines: shownSequences.length + shownFiles.length + folder.unlisted_groups.length + 1,
  };
}

function filesSection(tree: TreeSummary, limits: HtmlLimits, csvName: string): Safe {
  const parts: Safe[] = [];
  const folders = tree.folders;
  let lines = 0;
  let index = 0;
  for (; index < folders.length && lines < limits.lines; index++) {
    const { table, lines: used } = folderTable(folders[index] as FolderSummary, limits.lines - lines, limits);
    parts.push(table);
    lines += used;
  }
  if (index < folders.length) {
    const rest = folders.slice(index);
    const shown = rest.slice(0, limits.folderTotals);
    parts.push(markup`<h3>More folders</h3>
<p class="muted">The list above reached its length; these folders are given by their totals. <code>${csvName}</code> lists every file.</p>
<table>
<colgroup><col style="width:45%"><col style="width:12%"><col style="width:13%"><col style="width:30%"></colgroup>
<thead><tr><th scope="col">Folder</th><th scope="col" class="num">Files</th><th scope="col" class="num">Size</th><th scope="col">Outcome</th></tr></thead>
<tbody>${shown.map(
      (f) =>
        markup`<tr><td class="path">${f.path === '' ? '(top level)' : `${f.path}/`}</td><td class="num">${formatCount(f.tally.files)}</td><td class="num">${formatBytes(f.tally.bytes)}</td><td>${tallyText(f.tally)}</td></tr>`,
    )}</tbody></table>
`);
    const left = rest.slice(shown.length);
    if (left.length > 0) {
      const files = left.reduce((sum, f) => sum + f.tally.files, 0);
      parts.push(
        markup`<p class="more">and ${countOf(left.length, 'more folder')} (${countOf(files, 'file')}) — see the CSV</p>`,
      );
    }
  }
  if (tree.untracked.files > 0)
    parts.push(
      markup`<p class="more">and ${countOf(tree.untracked.files, 'more file')} (${formatBytes(tree.untracked.bytes)}) in further folders: ${tallyText(tree.untracked)} — see the CSV</p>`,
    );
  if (folders.length === 0 && tree.untracked.files === 0) parts.push(markup`<p class="muted">No files.</p>`);
  return markup`${parts}`;
}
