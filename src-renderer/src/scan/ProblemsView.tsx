/**
 * The Problems section of the results: every sequence with missing, zero-byte or suspiciously small frames,
 * grouped by folder in a stable order, filtered, with its missing frames copied and the whole list exported.
 */
import { useMemo, useState } from 'react';
import { countOf, formatCount } from '../../../src-shared/format';
import { folderName } from '../api';
import { missingFramesText } from './problems/frame-list-text';
import type { ListAction } from './problems/problem-keys';
import {
  flattenGroups,
  groupRows,
  matchesFilter,
  NO_FILTER,
  sequenceProblemRows,
  type ProblemFilter,
  type ProblemRow,
  type ProblemSource,
} from './problems/problem-rows';
import { problemsCsv } from './problems/problems-csv';
import { ProblemList } from './problems/ProblemList';
import { ProblemsToolbar } from './problems/ProblemsToolbar';
import { copyToClipboard, downloadText } from './problems/share-text';

/** A problem sequence and its index in the tree file's list (null when the tree file is not loaded). */
export type ProblemItem = ProblemSource;

interface ProblemsViewProps {
  problems: readonly ProblemItem[];
  /** How many problem sequences the scan found (may exceed `problems` when only the summary is loaded). */
  total: number;
  /** The scanned folder (names the exported file). */
  root: string;
  /** Reveal a sequence in the folder tree. */
  onReveal?: (index: number) => void;
}

/** The "Problems" section of the results. */
export function ProblemsView({ problems, total, root, onReveal }: ProblemsViewProps) {
  const rows = useMemo(() => sequenceProblemRows(problems), [problems]);
  const [filter, setFilter] = useState<ProblemFilter>(NO_FILTER);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const shown = useMemo(() => rows.filter((row) => matchesFilter(row, filter)), [rows, filter]);
  const groups = useMemo(() => groupRows(shown), [shown]);
  const lines = useMemo(() => flattenGroups(groups, collapsed), [groups, collapsed]);
  const found = activeKey === null ? -1 : lines.findIndex((line) => line.key === activeKey);
  const active = Math.max(0, found);
  const activeLine = lines[active];
  const activeRow = activeLine?.type === 'problem' ? activeLine.row : null;

  const reveal = (row: ProblemRow): void => {
    if (row.treeIndex !== null) onReveal?.(row.treeIndex);
  };
  const copyMissing = (row: ProblemRow): void => {
    const text = row.seq ? missingFramesText(row.seq) : '';
    if (text === '') {
      setMessage(`${row.name} has no missing frames.`);
      return;
    }
    void copyToClipboard(text).then((error) =>
      setMessage(error ? `Could not copy: ${error}` : `Copied the missing frames of ${row.name}: ${text}`),
    );
  };
  const exportCsv = (): void => {
    downloadText(`${folderName(root)}-problems.csv`, problemsCsv(rows));
    setMessage(`Exported ${countOf(rows.length, 'problem')} as CSV.`);
  };
  const onAction = (action: ListAction): void => {
    if (action.type === 'move') setActiveKey(lines[action.index]?.key ?? null);
    else if (action.type === 'expand')
      setCollapsed((set) => {
        const next = new Set(set);
        if (action.open) next.delete(action.dir);
        else next.add(action.dir);
        return next;
      });
    else if (action.type === 'reveal') reveal(action.row);
    else copyMissing(action.row);
  };

  const filtered = shown.length !== rows.length;
  return (
    <section className="card problems-card" role="region" aria-label="Problems">
      <h3 className="card-title">
        Problems {total > 0 && <span className="card-count">{formatCount(total)}</span>}
      </h3>
      {rows.length === 0 ? (
        <p className="card-empty">No problem sequences.</p>
      ) : (
        <>
          <ProblemsToolbar
            filter={filter}
            onFilter={(next) => {
              // A new filter starts at the top of what it shows.
              setFilter(next);
              setActiveKey(null);
            }}
            onReveal={activeRow?.treeIndex != null && onReveal ? () => reveal(activeRow) : undefined}
            onCopy={activeRow?.seq?.missing ? () => copyMissing(activeRow) : undefined}
            onExport={exportCsv}
          />
          {lines.length === 0 ? (
            <p className="card-empty problems-none">No problems match the filter.</p>
          ) : (
            <ProblemList
              key={`${filter.kind}:${filter.text}`}
              lines={lines}
              active={active}
              collapsed={collapsed}
              label={`Problems by folder, ${countOf(shown.length, 'problem')} in ${countOf(groups.length, 'folder')}`}
              onAction={onAction}
            />
          )}
        </>
      )}
      {(filtered || total > rows.length) && (
        <p className="card-note problems-note" data-testid="problems-note">
          {filtered && `Showing ${formatCount(shown.length)} of ${formatCount(rows.length)}. `}
          {total > rows.length &&
            `${formatCount(rows.length)} of ${formatCount(total)} listed until the folder tree loads.`}
        </p>
      )}
      <p className="problems-status" role="status" data-testid="problems-status">
        {message}
      </p>
    </section>
  );
}
