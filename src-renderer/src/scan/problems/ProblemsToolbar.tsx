/** Above the Problems list: the filter box, the kind filter, and what can be done with the problems. */
import { PROBLEM_KINDS, PROBLEM_KIND_INFO, type ProblemKind } from './problem-kinds';
import { FRAME_LIST_HELP } from './frame-list-text';
import type { ProblemFilter } from './problem-rows';

interface ProblemsToolbarProps {
  filter: ProblemFilter;
  onFilter(filter: ProblemFilter): void;
  /** Show the active problem in the folder tree; undefined when it cannot be. */
  onReveal: (() => void) | undefined;
  /** Copy the active problem's missing frames; undefined when it has none. */
  onCopy: (() => void) | undefined;
  onExport: (() => void) | undefined;
}

function isKind(value: string): value is ProblemKind {
  return (PROBLEM_KINDS as readonly string[]).includes(value);
}

/** The filter controls and the action buttons. */
export function ProblemsToolbar({ filter, onFilter, onReveal, onCopy, onExport }: ProblemsToolbarProps) {
  return (
    <div className="problems-toolbar">
      <input
        type="search"
        className="problems-filter"
        aria-label="Filter problems by folder or pattern"
        placeholder="Filter by folder or pattern"
        value={filter.text}
        onChange={(event) => onFilter({ ...filter, text: event.currentTarget.value })}
      />
      <select
        className="problems-kind"
        aria-label="Problem kind"
        value={filter.kind}
        onChange={(event) => {
          const value = event.currentTarget.value;
          onFilter({ ...filter, kind: isKind(value) ? value : 'all' });
        }}
      >
        <option value="all">All kinds</option>
        {PROBLEM_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {PROBLEM_KIND_INFO[kind].label}
          </option>
        ))}
      </select>
      <span className="problems-toolbar-gap" />
      <button type="button" className="btn btn-small" disabled={!onReveal} onClick={onReveal}>
        Show in tree
      </button>
      <button
        type="button"
        className="btn btn-small"
        disabled={!onCopy}
        onClick={onCopy}
        aria-keyshortcuts="Control+C"
        title={`Copy the selected sequence's missing frames (Ctrl+C in the list). ${FRAME_LIST_HELP}`}
      >
        Copy missing frames
      </button>
      <button type="button" className="btn btn-small" disabled={!onExport} onClick={onExport}>
        Export CSV
      </button>
    </div>
  );
}
