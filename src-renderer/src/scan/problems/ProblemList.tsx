/**
 * The windowed Problems list: folders (collapsible) with their problems under them, one Tab stop. The tree holds
 * the focus and names the active line with aria-activedescendant, so only the lines in view are in the DOM.
 */
import type { KeyboardEvent } from 'react';
import { listAction, type ListAction } from './problem-keys';
import type { ProblemLine as Line } from './problem-rows';
import { GroupLine, ProblemLine } from './ProblemLines';
import { useWindowedList } from './use-windowed-list';

/** Line height in px (must match .problem-line in CSS). */
export const LINE_HEIGHT = 30;

/** DOM id of a line (the key is unique; ids must not hold spaces). */
function lineId(index: number): string {
  return `problem-line-${index}`;
}

interface ProblemListProps {
  lines: readonly Line[];
  active: number;
  collapsed: ReadonlySet<string>;
  label: string;
  /** Carry out what a key or a click asks for. */
  onAction(action: ListAction): void;
}

/** The list itself. */
export function ProblemList({ lines, active, collapsed, label, onAction }: ProblemListProps) {
  const list = useWindowedList(lines.length, LINE_HEIGHT);

  const run = (action: ListAction): void => {
    if (action.type === 'move') list.scrollIntoView(action.index);
    onAction(action);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const action = listAction(
      lines,
      active,
      { key: event.key, command: event.ctrlKey || event.metaKey },
      list.pageSize,
    );
    if (!action) return;
    event.preventDefault();
    run(action);
  };

  // The window, plus the active line wherever it is: aria-activedescendant must name an element in the page.
  const indexes = [];
  for (let index = list.start; index < list.end; index++) indexes.push(index);
  if (active < list.start || active >= list.end) indexes.push(active);

  const rendered = [];
  for (const index of indexes) {
    const line = lines[index];
    if (!line) continue;
    const common = {
      id: lineId(index),
      active: index === active,
      posInSet: line.posInSet,
      setSize: line.setSize,
      style: { transform: `translateY(${index * LINE_HEIGHT}px)` },
    };
    if (line.type === 'group') {
      const open = !collapsed.has(line.group.dir);
      rendered.push(
        <GroupLine
          key={line.key}
          {...common}
          group={line.group}
          open={open}
          onClick={() => {
            run({ type: 'move', index });
            run({ type: 'expand', dir: line.group.dir, open: !open });
          }}
        />,
      );
    } else {
      const row = line.row;
      rendered.push(
        <ProblemLine
          key={line.key}
          {...common}
          row={row}
          onClick={() => run({ type: 'move', index })}
          onDoubleClick={() => run({ type: 'reveal', row })}
        />,
      );
    }
  }

  return (
    <div
      ref={list.ref}
      className="problems-scroller"
      role="tree"
      aria-label={label}
      tabIndex={0}
      aria-activedescendant={lines.length > 0 ? lineId(active) : undefined}
      onKeyDown={onKeyDown}
      onScroll={list.onScroll}
      // Its border (1 px) plus every line; the CSS caps it.
      style={{ height: `${list.height + 1}px` }}
    >
      <div className="problems-spacer" style={{ height: `${list.height}px` }}>
        {rendered}
      </div>
    </div>
  );
}
