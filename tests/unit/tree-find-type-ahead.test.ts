/** Type-ahead in the folder tree: the prefix, its reset after a pause, and which row it jumps to. */
import { describe, expect, it } from 'vitest';
import {
  EMPTY_TYPE_AHEAD,
  TYPE_AHEAD_RESET_MS,
  isTypeAheadKey,
  typeAheadRow,
  typed,
} from '../../src-renderer/src/keyboard/type-ahead';

const names = ['show', 'plates', 'comp', 'Plate_v002.exr', 'renders', 'prores.mov'];
const nameOf = (row: number): string => names[row] ?? '';

describe('type-ahead', () => {
  it('builds a prefix from keys typed within a second, and starts again after a pause', () => {
    let state = typed(EMPTY_TYPE_AHEAD, 'P', 1000);
    state = typed(state, 'r', 1500);
    expect(state.prefix).toBe('pr');
    state = typed(state, 'e', 1500 + TYPE_AHEAD_RESET_MS - 1);
    expect(state.prefix).toBe('pre');
    state = typed(state, 'c', 1500 + 2 * TYPE_AHEAD_RESET_MS + 10);
    expect(state.prefix).toBe('c');
  });

  it('jumps to the next row starting with the prefix, ignoring case, and wraps around', () => {
    expect(typeAheadRow(names.length, nameOf, 0, 'c')).toBe(2);
    expect(typeAheadRow(names.length, nameOf, 2, 'r')).toBe(4);
    expect(typeAheadRow(names.length, nameOf, 4, 's')).toBe(0);
    expect(typeAheadRow(names.length, nameOf, 0, 'x')).toBe(-1);
  });

  it('walks through the rows that start with one letter typed again and again', () => {
    expect(typeAheadRow(names.length, nameOf, 0, 'p')).toBe(1);
    expect(typeAheadRow(names.length, nameOf, 1, 'pp')).toBe(3);
    expect(typeAheadRow(names.length, nameOf, 3, 'ppp')).toBe(5);
    expect(typeAheadRow(names.length, nameOf, 5, 'pppp')).toBe(1);
  });

  it('stays on the current row while a longer prefix still matches it', () => {
    expect(typeAheadRow(names.length, nameOf, 1, 'pl')).toBe(1);
    expect(typeAheadRow(names.length, nameOf, 1, 'plate_')).toBe(3);
    expect(typeAheadRow(names.length, nameOf, 3, 'pr')).toBe(5);
  });

  it('types only plain printable keys', () => {
    const key = (k: string, extra = {}) => ({
      key: k,
      ctrlKey: false,
      metaKey: false,
      altKey: false,
      ...extra,
    });
    expect(isTypeAheadKey(key('a'))).toBe(true);
    expect(isTypeAheadKey(key('_'))).toBe(true);
    expect(isTypeAheadKey(key(' '))).toBe(false);
    expect(isTypeAheadKey(key('ArrowDown'))).toBe(false);
    expect(isTypeAheadKey(key('a', { ctrlKey: true }))).toBe(false);
    expect(isTypeAheadKey(key('f', { metaKey: true }))).toBe(false);
  });
});
