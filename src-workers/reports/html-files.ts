/** The handover HTML's files section: per folder, its image sequences and its other files, capped. */
import { countOf, formatBytes, formatCount } from '../../src-shared/format';
import { formatFrameSet } from '../../src-shared/frame-set';
import type { FolderSummary, FrameStatus, LooseFile, SequenceSummary, TreeSummary } from './file-tree-types';
import { markup, Safe } from './html-markup';
import { tallyText } from './html-text';
import { statusLabel, statusTone } from './model';

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

export function filesSection(tree: TreeSummary, limits: HtmlLimits, csvName: string): Safe {
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

/** "1050, 1077" / "1010–1019, 1050" from compact notation, at most `chunks` chunks then "…". */
export function framesForReading(compact: string, chunks = 12): string {
  if (compact === '') return '';
  const parts = compact.split(',');
  const shown = parts.slice(0, chunks).map((part) => {
    const match = /^(-?\d+)-(-?\d+)(?:x(\d+))?$/.exec(part);
    if (!match) return part;
    return `${match[1]}–${match[2]}${match[3] ? ` every ${match[3]}` : ''}`;
  });
  return parts.length > chunks ? `${shown.join(', ')}, …` : shown.join(', ');
}

/** A few frames, for reading: "1003, 1004–1006". */
export function frameListForReading(frames: readonly number[]): string {
  return framesForReading(formatFrameSet(frames), frames.length);
}
