/**
 * The Problems view's model, pure: one row per thing with problems, in a stable order (folder, then name),
 * filtered by text and kind, grouped by folder, and flattened into the lines the list shows.
 */
import type { SequenceEntry } from '../../../../src-shared/jobs';
import { sequenceKinds, type ProblemKind } from './problem-kinds';

/** One thing with problems: today an image sequence. */
export interface ProblemRow {
  /** Unique and stable across scans of the same tree: the folder and the name. */
  key: string;
  /** Its folder relative to the scanned root ('' for the root): the group it is listed under. */
  dir: string;
  /** The sequence's pattern (or a file's or folder's name). */
  name: string;
  /** What is wrong, at least one. */
  kinds: readonly ProblemKind[];
  /** The sequence, for its frames; null for a problem that is not a sequence. */
  seq: SequenceEntry | null;
  /** The sequence's index in the tree file, to reveal it in the folder tree; null when not loaded. */
  treeIndex: number | null;
}

/** A sequence with problems and its index in the tree file (null when only the summary is loaded). */
export interface ProblemSource {
  seq: SequenceEntry;
  index: number | null;
}

// Natural order ("sh2" before "sh10"), the same in every run; exact text breaks ties so the order is total.
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });
function compareText(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** By folder, then name: the order the list and the CSV use. */
export function compareRows(a: ProblemRow, b: ProblemRow): number {
  return compareText(a.dir, b.dir) || compareText(a.name, b.name);
}

/** The rows of the sequences with problems, sorted (sequences without problems are left out). */
export function sequenceProblemRows(sources: readonly ProblemSource[]): ProblemRow[] {
  const rows: ProblemRow[] = [];
  for (const { seq, index } of sources) {
    const kinds = sequenceKinds(seq);
    if (kinds.length === 0) continue;
    rows.push({
      key: `${seq.dir}/${seq.pattern}`,
      dir: seq.dir,
      name: seq.pattern,
      kinds,
      seq,
      treeIndex: index,
    });
  }
  return rows.sort(compareRows);
}

/** "renders/beauty", or "." for the root. */
export function dirLabel(dir: string): string {
  return dir === '' ? '.' : dir;
}

/** "renders/beauty/beauty.####.exr". */
export function rowPath(row: ProblemRow): string {
  return row.dir === '' ? row.name : `${row.dir}/${row.name}`;
}

/** What the list shows: every word of `text` in the path, and `kind` among the row's ('all': any). */
export interface ProblemFilter {
  text: string;
  kind: ProblemKind | 'all';
}

export const NO_FILTER: ProblemFilter = { text: '', kind: 'all' };

/** Whether a row passes the filter; words match anywhere in its path, case-insensitively. */
export function matchesFilter(row: ProblemRow, filter: ProblemFilter): boolean {
  if (filter.kind !== 'all' && !row.kinds.includes(filter.kind)) return false;
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const path = rowPath(row).toLowerCase();
  return words.every((word) => path.includes(word));
}

/** The rows of one folder. */
export interface ProblemGroup {
  dir: string;
  rows: ProblemRow[];
}

/** Sorted rows, grouped by folder in the same order (a folder's rows are adjacent once sorted). */
export function groupRows(sorted: readonly ProblemRow[]): ProblemGroup[] {
  const groups: ProblemGroup[] = [];
  for (const row of sorted) {
    const last = groups[groups.length - 1];
    if (last && last.dir === row.dir) last.rows.push(row);
    else groups.push({ dir: row.dir, rows: [row] });
  }
  return groups;
}

/** One line of the list: a folder's header, or a problem under it. */
export type ProblemLine =
  | { type: 'group'; key: string; group: ProblemGroup; posInSet: number; setSize: number }
  | { type: 'problem'; key: string; row: ProblemRow; group: ProblemGroup; posInSet: number; setSize: number };

/** The lines of `groups`: each header, then its rows unless the folder is collapsed. */
export function flattenGroups(
  groups: readonly ProblemGroup[],
  collapsed: ReadonlySet<string>,
): ProblemLine[] {
  const lines: ProblemLine[] = [];
  groups.forEach((group, g) => {
    lines.push({ type: 'group', key: `group:${group.dir}`, group, posInSet: g + 1, setSize: groups.length });
    if (collapsed.has(group.dir)) return;
    group.rows.forEach((row, r) =>
      lines.push({ type: 'problem', key: row.key, row, group, posInSet: r + 1, setSize: group.rows.length }),
    );
  });
  return lines;
}
