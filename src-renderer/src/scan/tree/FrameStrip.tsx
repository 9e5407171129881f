/**
 * A sequence's frames at a glance: one cell per frame from first to last, several frames per pixel with the
 * worst winning when they do not fit (frame-strip-model.ts). One canvas per visible row (rows are virtualized),
 * drawn in runs, so thousands of sequences and 10k-frame ones stay cheap. The states differ in shape as well
 * as colour: missing is a full-height red bar, present a shorter calm one, small a low amber one, and
 * zero-byte an empty (black, outlined) box. The aria-label says it all in words; the tooltip (frame, state,
 * size and a legend) is extra.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { createPortal } from 'react-dom';
import { formatBytes } from '../../../../src-shared/format';
import type { SequenceEntry } from '../../../../src-shared/jobs';
import { useElementSize } from '../../hooks/use-element-size';
import {
  STATUS_BY_RANK,
  cellCount,
  cellFrames,
  cellText,
  stripLabel,
  stripRanks,
  stripRuns,
} from './frame-strip-model';
import { sequenceFrames, type FrameStatus } from './sequence-model';
import type { FrameSizeOf } from './use-frame-sizes';

/** Bar height per state, as a share of the strip's height (missing and zero-byte fill it). */
const HEIGHT: Record<FrameStatus, number> = { missing: 1, zero: 1, ok: 0.62, small: 0.34 };
/** Cells at least this wide (CSS px) are drawn one by one with a gap between them. */
const SEPARATE_CELLS_PX = 4;
/** Between the strip and its tooltip, in CSS px. */
const TIP_GAP = 6;
/** A run of problem cells narrower than this (CSS px) is drawn this wide, over its neighbours. */
const MIN_PROBLEM_PX = 2;

interface Palette {
  ok: string;
  missing: string;
  zero: string;
  small: string;
  edge: string;
}

function paletteOf(element: Element): Palette {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    ok: read('--strip-ok', '#6f8fb5'),
    missing: read('--strip-missing', '#ef5b5b'),
    zero: read('--strip-zero', '#000'),
    small: read('--strip-small', '#e8b04a'),
    edge: read('--strip-zero-edge', '#e3e6eb'),
  };
}

/** Fills device pixels [x0, x1) with the bar of `status`. */
function drawBar(
  ctx: CanvasRenderingContext2D,
  status: FrameStatus,
  x0: number,
  x1: number,
  height: number,
  edge: number,
  colors: Palette,
): void {
  const width = x1 - x0;
  if (width <= 0) return;
  if (status === 'zero') {
    // An empty box: the light edge carries the contrast, black inside says "nothing here". Too narrow for
    // an inside, it is all edge: a light line, never a black one lost on the dark track.
    ctx.fillStyle = colors.edge;
    ctx.fillRect(x0, 0, width, height);
    ctx.fillStyle = colors.zero;
    if (width > 2 * edge) ctx.fillRect(x0 + edge, edge, width - 2 * edge, height - 2 * edge);
    return;
  }
  const bar = Math.max(edge, Math.round(height * HEIGHT[status]));
  ctx.fillStyle = colors[status];
  ctx.fillRect(x0, height - bar, width, bar);
}

function drawStrip(canvas: HTMLCanvasElement, ranks: Uint8Array, width: number, height: number): void {
  const ratio = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(width * ratio));
  const h = Math.max(1, Math.round(height * ratio));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.clearRect(0, 0, w, h);
  const cells = ranks.length;
  if (cells === 0) return;
  const colors = paletteOf(canvas);
  const edge = Math.max(1, Math.round(ratio));
  const xOf = (cell: number): number => Math.round((cell * w) / cells);
  if (width / cells >= SEPARATE_CELLS_PX) {
    for (let cell = 0; cell < cells; cell++) {
      const status = STATUS_BY_RANK[ranks[cell] as number] ?? 'ok';
      drawBar(ctx, status, xOf(cell), xOf(cell + 1) - edge, h, edge, colors);
    }
    return;
  }
  // Best first, worst last, so where widened problem runs overlap a neighbour the worse one shows.
  const runs = stripRuns(ranks).sort((a, b) => a.rank - b.rank);
  const least = Math.round(MIN_PROBLEM_PX * ratio);
  for (const run of runs) {
    const status = STATUS_BY_RANK[run.rank] ?? 'ok';
    let x0 = xOf(run.start);
    let x1 = xOf(run.end);
    if (status !== 'ok' && x1 - x0 < least) {
      // A lone problem frame in a pixel-per-cell strip would be a hairline: give it room from its neighbours.
      x0 = Math.max(0, Math.min(w - least, x0 - Math.floor((least - (x1 - x0)) / 2)));
      x1 = x0 + least;
      ctx.clearRect(x0, 0, least, h);
    }
    drawBar(ctx, status, x0, x1, h, edge, colors);
  }
}

interface Hover {
  cell: number;
  left: number;
  top: number;
  bottom: number;
}

/** The legend: what each colour and shape means. */
function StripLegend() {
  return (
    <span className="frame-strip-legend">
      {(['ok', 'missing', 'zero', 'small'] as const).map((status) => (
        <span key={status} className="frame-strip-key">
          <span className={`frame-strip-swatch ${status}`} aria-hidden="true" />
          {LEGEND[status]}
        </span>
      ))}
    </span>
  );
}

const LEGEND: Record<FrameStatus, string> = {
  ok: 'present',
  missing: 'missing',
  zero: 'zero-byte',
  small: 'small',
};

/** The strip of `seq`; `sizeOf` gives frame sizes for the tooltip once they are known. */
export function FrameStrip({ seq, sizeOf }: { seq: SequenceEntry; sizeOf?: FrameSizeOf }) {
  const frames = sequenceFrames(seq);
  const label = useMemo(() => stripLabel(seq.first, seq.last, frames), [seq, frames]);
  const [sizeRef, size] = useElementSize<HTMLCanvasElement>();
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const ranks = useMemo(() => stripRanks(frames, size.width), [frames, size.width]);
  const cells = cellCount(frames.frames.length, size.width);
  const [hover, setHover] = useState<Hover | null>(null);

  useLayoutEffect(() => {
    if (canvas.current && size.width > 0) drawStrip(canvas.current, ranks, size.width, size.height);
  }, [ranks, size.width, size.height]);

  // The tooltip is placed in the window once; a scroll that moves the strip would leave it on the wrong cell.
  const hovering = hover !== null;
  useEffect(() => {
    if (!hovering) return;
    const hide = (event: Event): void => {
      const target = event.target;
      const moved = target === document || (target instanceof Node && target.contains(canvas.current));
      if (moved) setHover(null);
    };
    window.addEventListener('scroll', hide, { capture: true, passive: true });
    return () => window.removeEventListener('scroll', hide, { capture: true });
  }, [hovering]);

  // Centred above its cell, but kept inside the window: moved in from a side, or below a strip at the top.
  const tipRef = useRef<HTMLDivElement | null>(null);
  useLayoutEffect(() => {
    const element = tipRef.current;
    if (!element || !hover) return;
    const margin = 8;
    const half = element.offsetWidth / 2;
    const left = Math.max(half + margin, Math.min(window.innerWidth - half - margin, hover.left));
    element.style.left = `${left}px`;
    const above = hover.top - element.offsetHeight - TIP_GAP >= margin;
    element.style.top = `${above ? hover.top - element.offsetHeight - TIP_GAP : hover.bottom + TIP_GAP}px`;
  });

  const setRef = (element: HTMLCanvasElement | null): void => {
    canvas.current = element;
    sizeRef(element);
  };

  const onMouseMove = (event: MouseEvent<HTMLCanvasElement>): void => {
    const element = event.currentTarget;
    if (cells === 0 || element.clientWidth === 0) return;
    const box = element.getBoundingClientRect();
    const x = event.clientX - box.left - element.clientLeft;
    const cell = Math.max(0, Math.min(cells - 1, Math.floor((x / element.clientWidth) * cells)));
    if (hover?.cell === cell) return;
    const left = box.left + element.clientLeft + ((cell + 0.5) * element.clientWidth) / cells;
    setHover({ cell, left, top: box.top, bottom: box.bottom });
  };

  const tip =
    hover && hover.cell < cells
      ? cellText(cellFrames(frames, hover.cell, cells), (frame) => {
          const bytes = sizeOf?.(frame);
          return bytes === undefined ? null : formatBytes(bytes);
        })
      : null;

  return (
    <>
      <canvas
        ref={setRef}
        className="frame-strip"
        role="img"
        aria-label={label}
        data-testid="frame-strip"
        data-cells={cells}
        onMouseMove={onMouseMove}
        onMouseLeave={() => setHover(null)}
      />
      {hover &&
        tip !== null &&
        createPortal(
          <div
            ref={tipRef}
            // Supplemental, following the mouse: the strip's aria-label already says all of it.
            aria-hidden="true"
            className="frame-strip-tip"
            data-testid="frame-strip-tip"
            style={{ left: `${hover.left}px`, top: `${hover.top}px` }}
          >
            <span className="frame-strip-tip-text">{tip}</span>
            <StripLegend />
          </div>,
          document.body,
        )}
    </>
  );
}
