/**
 * Painting the treemap on two stacked canvases: the tiles once per layout, and the hover and selection
 * outlines on a second canvas above, so moving the pointer never repaints thousands of tiles.
 */
import { formatBytes } from '../../../../src-shared/format';
import { FOLDER_EDGE, FOLDER_FILL, FOLDER_TEXT, TILE_TEXT, colorOf } from './treemap-colors';
import { tileName } from './treemap-facts';
import { HEADER_PX, TILE_DIR, TILE_FILES, type TreemapLayout, type TreemapSource } from './treemap-layout';

const FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
/** About one glyph's width: a tile narrower than two gets no label. */
const CHAR_PX = 6.4;
const LABEL_MIN_W = 36;
const LABEL_MIN_H = 14;

/** Size the canvas' backing store for crisp pixels at the device's scale; returns its context. */
export function prepareCanvas(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
  dpr: number,
): CanvasRenderingContext2D | null {
  const w = Math.max(1, Math.round(width * dpr));
  const h = Math.max(1, Math.round(height * dpr));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}

/** `text` cut with an ellipsis to fit `width` pixels, or '' when not even two letters fit. */
function fit(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (width < 2 * CHAR_PX) return '';
  const full = ctx.measureText(text).width;
  if (full <= width) return text;
  // Start from the share of letters that fits on average, then drop letters until it really fits.
  let chars = Math.floor((text.length * width) / full);
  while (chars >= 2) {
    const cut = `${text.slice(0, chars - 1)}…`;
    if (ctx.measureText(cut).width <= width) return cut;
    chars--;
  }
  return '';
}

/** Paint every tile: folders as frames with a name strip, files and sequences filled by their type. */
export function drawTiles(
  ctx: CanvasRenderingContext2D,
  layout: TreemapLayout,
  source: TreemapSource,
  colors: ReadonlyMap<string, string>,
): void {
  ctx.fillStyle = FOLDER_FILL;
  ctx.fillRect(0, 0, layout.width, layout.height);
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  const labels: { text: string; x: number; y: number; color: string }[] = [];
  for (const tile of layout.tiles) {
    const { x, y, w, h } = tile;
    // A read files tile is covered by its files; the gap left by files too small to draw is the folder's.
    if (tile.kind === TILE_FILES && !tile.unread) continue;
    const folder = tile.kind === TILE_DIR;
    ctx.fillStyle = FOLDER_EDGE;
    ctx.fillRect(x, y, w, h);
    ctx.fillStyle = folder ? FOLDER_FILL : colorOf(colors, tile.ext, tile.unread);
    // The edge shows on the top and left only: each tile's right and bottom meet its neighbour's edge.
    ctx.fillRect(x + 1, y + 1, w - 1, h - 1);
    if (folder ? !tile.header : w < LABEL_MIN_W || h < LABEL_MIN_H) continue;
    const name = fit(ctx, tileName(source, tile), w - 8);
    if (name === '') continue;
    const size = formatBytes(tile.bytes);
    // A folder's strip adds its size when the whole name and the size both fit.
    const withSize = folder && ctx.measureText(`${name}  ${size}`).width <= w - 8;
    labels.push({
      text: withSize ? `${name}  ${size}` : name,
      x: x + 4,
      y: folder ? y + HEADER_PX / 2 + 0.5 : y + Math.min(h / 2, 9),
      // Light on the folder strips and the dark grey of unread files, dark on the bright type colours.
      color: folder || tile.unread ? FOLDER_TEXT : TILE_TEXT,
    });
  }
  // Text last, in two colours, so the fill style switches twice rather than per label.
  for (const color of [FOLDER_TEXT, TILE_TEXT]) {
    ctx.fillStyle = color;
    for (const label of labels) if (label.color === color) ctx.fillText(label.text, label.x, label.y);
  }
}

/** Outline the hovered tile (thin) and the selected one (thick; dashed when it stands in for a smaller one). */
export function drawOverlay(
  ctx: CanvasRenderingContext2D,
  layout: TreemapLayout,
  hover: number,
  selected: number,
  selectedExact: boolean,
): void {
  const hovered = layout.tiles[hover];
  if (hovered && hover !== selected) {
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.85)';
    ctx.lineWidth = 1;
    ctx.strokeRect(hovered.x + 0.5, hovered.y + 0.5, hovered.w - 1, hovered.h - 1);
  }
  const chosen = layout.tiles[selected];
  if (!chosen) return;
  // White inside black: visible on every tile colour and on the folder frames.
  ctx.setLineDash(selectedExact ? [] : [4, 3]);
  ctx.strokeStyle = '#000';
  ctx.lineWidth = 4;
  ctx.strokeRect(chosen.x + 2, chosen.y + 2, Math.max(0, chosen.w - 4), Math.max(0, chosen.h - 4));
  ctx.strokeStyle = '#fff';
  ctx.lineWidth = 2;
  ctx.strokeRect(chosen.x + 2, chosen.y + 2, Math.max(0, chosen.w - 4), Math.max(0, chosen.h - 4));
  ctx.setLineDash([]);
}
