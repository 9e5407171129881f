/** One row of the flattened tree, by what it shows: a folder, a sequence, a file or a frame. */
import { ROW_DIR, ROW_FILE, ROW_SEQUENCE, type RowKind, type Rows } from './tree-model';

export interface RowRef {
  kind: RowKind;
  id: number;
  frame: number;
}

/** DOM id of a row. */
export function rowDomId(row: RowRef): string {
  if (row.kind === ROW_DIR) return `tree-node-${row.id}`;
  if (row.kind === ROW_SEQUENCE) return `tree-seq-${row.id}`;
  if (row.kind === ROW_FILE) return `tree-node-${row.id}-file-${row.frame}`;
  return `tree-seq-${row.id}-frame-${row.frame}`;
}

/** The row at position `row` of the flattened rows. */
export function rowAt(rows: Rows, row: number): RowRef {
  return { kind: rows.kinds[row] ?? ROW_DIR, id: rows.ids[row] ?? 0, frame: rows.frames[row] ?? -1 };
}
