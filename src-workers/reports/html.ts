/**
 * The handover HTML: one self-contained page (inline CSS, no script, no external reference; a CSP that forbids
 * fetching anything) that opens offline and prints on A4 or Letter. Every value is escaped by the `markup`
 * template tag (html-markup.ts), so a hostile file name is only ever text. This module puts the page together
 * from its sections: the job (html-job.ts), the failures (html-failures.ts) and the files (html-files.ts).
 */
import { countOf, formatBytes, formatDuration } from '../../src-shared/format';
import type { TreeSummary } from './file-tree-types';
import { DEFAULT_HTML_LIMITS, filesSection, type HtmlLimits } from './html-files';
import { failuresSection } from './html-failures';
import { destinationsTable, factsTable, outcomeTable } from './html-job';
import { markup, Safe, type Part } from './html-markup';
import { STYLE } from './html-style';
import { tallyText, timeCell } from './html-text';
import type { HandoverModel, StatusTone } from './model';

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

const KIND_TITLE = { copy: 'Copy report', move: 'Move report', verify: 'Verification report' } as const;

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
