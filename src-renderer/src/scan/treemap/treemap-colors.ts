/**
 * Tile colours by file type. Each of the scan's top types (by bytes over the whole scan) keeps one colour
 * wherever you zoom; every other type is grey. The legend lists the coloured types in view, by bytes in view.
 */
import { NO_EXTENSION } from '../../../../src-shared/file-types';
import { TILE_FILE, TILE_FILES, TILE_SEQUENCE, type TreemapLayout } from './treemap-layout';

/** Mid-bright hues, far apart, each at least 6.4:1 against the dark labels drawn on them (grey: 5:1). */
export const PALETTE = [
  '#5b9cf0',
  '#e8a33d',
  '#59c27a',
  '#e9707a',
  '#b48ce8',
  '#4fc3c8',
  '#d9c84e',
  '#e887c0',
  '#a3bb5f',
  '#d0956a',
] as const;
/** Types past the palette. */
export const OTHER_COLOR = '#7b838f';
/** Loose files whose list has not been read (their types are not known yet). */
export const UNREAD_COLOR = '#4a525e';
/** Folder frames and their name strips. */
export const FOLDER_FILL = '#262b33';
export const FOLDER_EDGE = '#14161a';
export const FOLDER_TEXT = '#e3e6eb';
/** Labels on coloured tiles. */
export const TILE_TEXT = '#0d0f12';

/** The legend's keys beside extensions. */
export const OTHER_KEY = '(other)';
export const UNREAD_KEY = '(unread)';

/** Type → colour for the first PALETTE.length types of `ranking` (largest first). */
export function colorsFor(ranking: readonly string[]): ReadonlyMap<string, string> {
  const colors = new Map<string, string>();
  for (const ext of ranking) {
    if (colors.size >= PALETTE.length) break;
    if (!colors.has(ext)) colors.set(ext, PALETTE[colors.size] ?? OTHER_COLOR);
  }
  return colors;
}

/** The colour of a leaf tile of type `ext` ('' for loose files not read yet). */
export function colorOf(colors: ReadonlyMap<string, string>, ext: string, unread: boolean): string {
  if (unread) return UNREAD_COLOR;
  return colors.get(ext) ?? OTHER_COLOR;
}

export interface LegendEntry {
  /** An extension, OTHER_KEY or UNREAD_KEY. */
  key: string;
  label: string;
  color: string;
  bytes: number;
}

/** How an extension reads in the legend. */
export function typeLabel(ext: string): string {
  if (ext === NO_EXTENSION) return 'no extension';
  if (ext === OTHER_KEY) return 'other types';
  if (ext === UNREAD_KEY) return 'files not read yet';
  return `.${ext}`;
}

/** The types in view, by bytes in view: the coloured ones, then "other" and "not read yet" when present. */
export function legendOf(layout: TreemapLayout, colors: ReadonlyMap<string, string>): LegendEntry[] {
  const bytes = new Map<string, number>();
  const add = (key: string, n: number): void => {
    bytes.set(key, (bytes.get(key) ?? 0) + n);
  };
  for (const tile of layout.tiles) {
    if (tile.kind === TILE_SEQUENCE || tile.kind === TILE_FILE)
      add(colors.has(tile.ext) ? tile.ext : OTHER_KEY, tile.bytes);
    else if (tile.kind === TILE_FILES && tile.unread) add(UNREAD_KEY, tile.bytes);
  }
  const entry = (key: string, n: number): LegendEntry => ({
    key,
    label: typeLabel(key),
    bytes: n,
    color:
      key === OTHER_KEY ? OTHER_COLOR : key === UNREAD_KEY ? UNREAD_COLOR : (colors.get(key) ?? OTHER_COLOR),
  });
  const typed = [...bytes]
    .filter(([key]) => key !== OTHER_KEY && key !== UNREAD_KEY)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([key, n]) => entry(key, n));
  const rest = [OTHER_KEY, UNREAD_KEY]
    .filter((key) => bytes.has(key))
    .map((key) => entry(key, bytes.get(key) ?? 0));
  return [...typed, ...rest];
}
