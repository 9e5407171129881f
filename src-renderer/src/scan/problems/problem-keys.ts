/** What a key does in the Problems list (pure, so the keyboard model is tested without a browser). */
import type { ProblemLine, ProblemRow } from './problem-rows';

/** The part of a keyboard event the list reads. */
export interface ListKey {
  key: string;
  /** Ctrl, or Cmd on macOS. */
  command: boolean;
}

export type ListAction =
  | { type: 'move'; index: number }
  | { type: 'expand'; dir: string; open: boolean }
  | { type: 'reveal'; row: ProblemRow }
  | { type: 'copy'; row: ProblemRow };

/**
 * The action for `key` with line `active` current: Up/Down/Home/End/PageUp/PageDown move; Left closes a folder
 * or goes to it, Right opens it or goes into it; Enter opens or closes a folder and shows a problem in the tree;
 * Ctrl/Cmd+C copies a problem's missing frames. Null for a key the list leaves alone.
 */
export function listAction(
  lines: readonly ProblemLine[],
  active: number,
  { key, command }: ListKey,
  pageSize: number,
): ListAction | null {
  if (lines.length === 0) return null;
  const last = lines.length - 1;
  const move = (index: number): ListAction => ({ type: 'move', index: Math.max(0, Math.min(last, index)) });
  const line = lines[Math.max(0, Math.min(last, active))];
  if (!line) return null;
  if (command)
    return key.toLowerCase() === 'c' && line.type === 'problem' ? { type: 'copy', row: line.row } : null;
  switch (key) {
    case 'ArrowDown':
      return move(active + 1);
    case 'ArrowUp':
      return move(active - 1);
    case 'PageDown':
      return move(active + Math.max(1, pageSize));
    case 'PageUp':
      return move(active - Math.max(1, pageSize));
    case 'Home':
      return move(0);
    case 'End':
      return move(last);
    case 'ArrowLeft':
      if (line.type === 'problem')
        return move(lines.findIndex((l) => l.type === 'group' && l.group === line.group));
      return { type: 'expand', dir: line.group.dir, open: false };
    case 'ArrowRight':
      if (line.type === 'problem') return null;
      return lines[active + 1]?.type === 'problem'
        ? move(active + 1)
        : { type: 'expand', dir: line.group.dir, open: true };
    case 'Enter':
    case ' ':
      if (line.type === 'problem') return { type: 'reveal', row: line.row };
      return { type: 'expand', dir: line.group.dir, open: lines[active + 1]?.type !== 'problem' };
    default:
      return null;
  }
}
