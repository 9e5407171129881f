/** Pure scaling for the throughput graph: a round top for the y axis, and fractions and rates to pixels. */
import type { PhaseSpan, ThroughputPoint } from './throughput-history';

/** The smallest top the y axis takes (1 MB/s), so an idle start is not drawn as full-height noise. */
export const MIN_TOP_BYTES_PER_SECOND = 1_000_000;

/**
 * A round number at or above `max` for the top of the y axis: 1, 2, 2.5 or 5 times a power of ten, with a
 * little headroom so the curve's peak does not touch the top edge.
 */
export function niceTop(max: number, headroom = 1.1): number {
  const wanted = Math.max(MIN_TOP_BYTES_PER_SECOND, Number.isFinite(max) ? max * headroom : 0);
  const power = 10 ** Math.floor(Math.log10(wanted));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= wanted) return step * power;
  return 10 * power;
}

/** The top of the y axis for these points (and the average line, which must fit too). */
export function topFor(points: readonly ThroughputPoint[], average: number | null = null): number {
  let max = average ?? 0;
  for (const point of points) if (point.bytesPerSecond > max) max = point.bytesPerSecond;
  return niceTop(max);
}

/** A plot area in CSS pixels. */
export interface PlotBox {
  width: number;
  height: number;
}

/** The x pixel of a fraction done (0 at the left edge, 1 at the right). */
export function xOf(fraction: number, box: PlotBox): number {
  return Math.min(1, Math.max(0, fraction)) * box.width;
}

/** The y pixel of a rate (0 at the bottom edge, `top` at the top); clamped into the box. */
export function yOf(bytesPerSecond: number, top: number, box: PlotBox): number {
  const share = top > 0 ? Math.min(1, Math.max(0, bytesPerSecond / top)) : 0;
  return box.height - share * box.height;
}

/** The line of the curve in pixels, one [x, y] per point. */
export function curveOf(points: readonly ThroughputPoint[], top: number, box: PlotBox): [number, number][] {
  return points.map((point) => [xOf(point.fraction, box), yOf(point.bytesPerSecond, top, box)]);
}

/** A span's shaded band in pixels: at least `minWidth` wide, so a pause (which moves no bytes) still shows. */
export function bandOf(span: PhaseSpan, box: PlotBox, minWidth = 3): { x: number; width: number } {
  const from = xOf(span.from, box);
  const width = xOf(span.to, box) - from;
  if (width >= minWidth) return { x: from, width };
  const x = Math.min(Math.max(0, from - (minWidth - width) / 2), Math.max(0, box.width - minWidth));
  return { x, width: minWidth };
}

/** The canvas's backing size for a CSS size at a device pixel ratio (whole pixels, at least 1). */
export function backingSize(box: PlotBox, ratio: number): { width: number; height: number } {
  const scale = Number.isFinite(ratio) && ratio > 0 ? ratio : 1;
  return {
    width: Math.max(1, Math.round(box.width * scale)),
    height: Math.max(1, Math.round(box.height * scale)),
  };
}
