/** The two kinds of line in the Problems list: a folder's header and one problem under it. */
import type { CSSProperties } from 'react';
import { countOf } from '../../../../src-shared/format';
import { ltr } from '../../components/path-text';
import { FrameStrip } from '../tree/FrameStrip';
import { rangeLabel } from '../tree/sequence-model';
import { PROBLEM_KIND_INFO } from './problem-kinds';
import { dirLabel, type ProblemGroup, type ProblemRow } from './problem-rows';

interface LineProps {
  id: string;
  active: boolean;
  posInSet: number;
  setSize: number;
  style: CSSProperties;
  onClick: () => void;
  onDoubleClick?: () => void;
}

/** A folder: chevron, path and how many problems it holds. */
export function GroupLine({
  id,
  group,
  open,
  active,
  posInSet,
  setSize,
  style,
  onClick,
}: LineProps & {
  group: ProblemGroup;
  open: boolean;
}) {
  const count = countOf(group.rows.length, 'problem');
  return (
    <div
      id={id}
      role="treeitem"
      data-testid="problem-group"
      aria-level={1}
      aria-expanded={open}
      aria-selected={active}
      aria-posinset={posInSet}
      aria-setsize={setSize}
      aria-label={`${dirLabel(group.dir)}, ${count}`}
      className={`problem-line problem-group${active ? ' active' : ''}`}
      style={style}
      onClick={onClick}
    >
      <span className={`chevron${open ? ' open' : ''}`} aria-hidden="true" />
      <span className="folder-icon" aria-hidden="true" />
      <span className="problem-group-dir" title={dirLabel(group.dir)}>
        {ltr(dirLabel(group.dir))}
      </span>
      <span className="problem-group-count">{count}</span>
    </div>
  );
}

/** The flags of a row, one per kind: "2 missing: 1107, 1188", "1 zero-byte". */
function flagsOf(row: ProblemRow): { kind: string; text: string; tone: string }[] {
  return row.kinds.map((kind) => {
    const info = PROBLEM_KIND_INFO[kind];
    return { kind, text: info.flag(row.seq), tone: info.tone };
  });
}

/** One problem: its name, its frame range and what is wrong. */
export function ProblemLine({
  id,
  row,
  active,
  posInSet,
  setSize,
  style,
  onClick,
  onDoubleClick,
}: LineProps & {
  row: ProblemRow;
}) {
  const flags = flagsOf(row);
  const range = row.seq ? rangeLabel(row.seq) : '';
  const spoken = [row.name, range, ...flags.map((flag) => flag.text)].filter(Boolean).join(', ');
  return (
    <div
      id={id}
      role="treeitem"
      data-testid="problem-row"
      data-seq-index={row.treeIndex ?? undefined}
      aria-level={2}
      aria-selected={active}
      aria-posinset={posInSet}
      aria-setsize={setSize}
      aria-label={spoken}
      className={`problem-line problem-row${active ? ' active' : ''}`}
      style={style}
      onClick={onClick}
      onDoubleClick={onDoubleClick}
    >
      <span className="problem-name" title={row.name}>
        {row.name}
      </span>
      <span className="problem-range">{range}</span>
      <span className="problem-flags">
        {flags.map((flag) => (
          <span key={flag.kind} className={`problem-flag tone-${flag.tone}`} data-kind={flag.kind}>
            {flag.text}
          </span>
        ))}
      </span>
      {/* Last, so the strips line up; states only: sizes would mean reading folders nobody opened. */}
      {row.seq && <FrameStrip seq={row.seq} />}
    </div>
  );
}
