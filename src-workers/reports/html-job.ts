/** The handover HTML's sections on the job: its facts, what each destination got, and the outcome by file. */
import { formatBytes, formatCount, formatDuration } from '../../src-shared/format';
import type { TreeSummary } from './file-tree-types';
import { markup, Safe, type Part } from './html-markup';
import { tallyText } from './html-text';
import {
  compareStatuses,
  readBackWords,
  statusLabel,
  statusTone,
  type HandoverDestination,
  type HandoverModel,
} from './model';
import type { StatusTally } from './status-tally';

const KIND_JOB = { copy: 'Copy', move: 'Move', verify: 'Verify' } as const;
const STATE_WORDS = { completed: 'Completed', cancelled: 'Cancelled', failed: 'Failed' } as const;
const FILES_LABEL = { copy: 'Files copied', move: 'Files moved', verify: 'Files checked' } as const;

function list(items: readonly string[]): Safe {
  if (items.length === 1) return markup`<code>${items[0]}</code>`;
  return markup`<ul class="plain">${items.map((item) => markup`<li><code>${item}</code></li>`)}</ul>`;
}

export function factsTable(model: HandoverModel, time: (iso: string | null) => Part): Safe {
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
export function destinationsTable(model: HandoverModel, tree: TreeSummary): Safe {
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

export function outcomeTable(total: StatusTally): Safe {
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
