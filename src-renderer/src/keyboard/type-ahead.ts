/**
 * Type-ahead in a list, as in a file manager: letters typed within a second of each other make a prefix, and
 * the selection jumps to the next row whose name starts with it. Typing one letter again and again walks
 * through the rows that start with it. Pure: the clock and the rows are passed in.
 */

/** Letters typed less than this apart make one prefix. */
export const TYPE_AHEAD_RESET_MS = 1000;

/** The prefix typed so far and when its last key came. */
export interface TypeAheadState {
  prefix: string;
  at: number;
}

export const EMPTY_TYPE_AHEAD: TypeAheadState = { prefix: '', at: -Infinity };

/** The state after typing `char` at `now` (ms): appended, or a new prefix after a pause. */
export function typed(
  state: TypeAheadState,
  char: string,
  now: number,
  resetMs = TYPE_AHEAD_RESET_MS,
): TypeAheadState {
  const fresh = now - state.at > resetMs;
  return { prefix: (fresh ? '' : state.prefix) + char.toLowerCase(), at: now };
}

/** True for a key that types into the prefix: one printable character, no Ctrl, Cmd or Alt. */
export function isTypeAheadKey(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>,
): boolean {
  return (
    event.key.length === 1 &&
    event.key !== ' ' &&
    event.key !== '?' &&
    !event.ctrlKey &&
    !event.metaKey &&
    !event.altKey
  );
}

/**
 * The row to select for `prefix`, looking from `current` on and wrapping around; -1 when no row matches. A
 * longer prefix may stay on the current row (it still matches); one letter, or the same letter repeated,
 * moves on to the next row.
 */
export function typeAheadRow(
  count: number,
  nameOf: (row: number) => string,
  current: number,
  prefix: string,
): number {
  if (count === 0 || prefix === '') return -1;
  const repeated = [...prefix].every((char) => char === prefix[0]);
  const needle = repeated ? prefix.slice(0, 1) : prefix;
  const start = repeated ? current + 1 : current;
  for (let step = 0; step < count; step++) {
    const row = (((start + step) % count) + count) % count;
    if (nameOf(row).toLowerCase().startsWith(needle)) return row;
  }
  return -1;
}
