/** Draws a throughput history on a 2D canvas: phase bands, the rate curve and the average; no text (that is DOM). */
import { bandOf, curveOf, type PlotBox, yOf } from './graph-scale';
import type { PhaseSpan, ThroughputPhase, ThroughputPoint } from './throughput-history';

/** The colours a graph is drawn in, read from the tokens (see `colorsOf`). */
export interface GraphColors {
  phase: Record<ThroughputPhase, string>;
  grid: string;
  average: string;
}

/** Read the token colours off the element (custom properties of tokens.css). */
export function colorsOf(element: Element): GraphColors {
  const style = getComputedStyle(element);
  const token = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    phase: {
      counting: token('--text-faint', '#8b949e'),
      copying: token('--accent', '#66aaff'),
      verifying: token('--ok', '#46c27a'),
      paused: token('--warn', '#e8b04a'),
    },
    grid: token('--border-strong', '#3b424d'),
    average: token('--text-dim', '#9aa3ae'),
  };
}

/** How strongly each phase's band is shaded behind the curve: a pause is thin, so it is shaded harder. */
const BAND_ALPHA: Record<ThroughputPhase, number> = {
  counting: 0.22,
  copying: 0.1,
  verifying: 0.16,
  paused: 0.6,
};

export interface GraphPicture {
  points: readonly ThroughputPoint[];
  spans: readonly PhaseSpan[];
  /** The y axis's top (bytes a second). */
  top: number;
  average: number | null;
  colors: GraphColors;
}

/** Size the canvas's backing store to `backing` device pixels and return its context, scaled to `box`'s CSS pixels. */
export function prepareCanvas(
  canvas: HTMLCanvasElement,
  box: PlotBox,
  backing: { width: number; height: number },
): CanvasRenderingContext2D | null {
  if (canvas.width !== backing.width) canvas.width = backing.width;
  if (canvas.height !== backing.height) canvas.height = backing.height;
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.setTransform(
    backing.width / Math.max(1, box.width),
    0,
    0,
    backing.height / Math.max(1, box.height),
    0,
    0,
  );
  context.clearRect(0, 0, box.width, box.height);
  return context;
}

/** Shade each span's band the colour of its phase. */
function drawBands(context: CanvasRenderingContext2D, picture: GraphPicture, box: PlotBox): void {
  for (const span of picture.spans) {
    const band = bandOf(span, box);
    context.globalAlpha = BAND_ALPHA[span.phase];
    context.fillStyle = picture.colors.phase[span.phase];
    context.fillRect(band.x, 0, band.width, box.height);
  }
  context.globalAlpha = 1;
}

/** Quarter lines across the plot, so a height reads against the top's label. */
function drawGrid(context: CanvasRenderingContext2D, colors: GraphColors, box: PlotBox): void {
  context.strokeStyle = colors.grid;
  context.lineWidth = 1;
  context.beginPath();
  for (const share of [0.25, 0.5, 0.75]) {
    const y = Math.round(box.height * share) + 0.5;
    context.moveTo(0, y);
    context.lineTo(box.width, y);
  }
  context.stroke();
}

/** The area under the curve, then the curve itself, each segment in its end point's phase colour. */
function drawCurve(
  context: CanvasRenderingContext2D,
  picture: GraphPicture,
  box: PlotBox,
  lineWidth: number,
  fillAlpha: number,
): void {
  const line = curveOf(picture.points, picture.top, box);
  const first = line[0];
  const last = line.at(-1);
  if (!first || !last) return;
  context.beginPath();
  context.moveTo(first[0], box.height);
  for (const [x, y] of line) context.lineTo(x, y);
  context.lineTo(last[0], box.height);
  context.closePath();
  context.globalAlpha = fillAlpha;
  context.fillStyle = picture.colors.phase.copying;
  context.fill();
  context.globalAlpha = 1;
  context.lineWidth = lineWidth;
  context.lineJoin = 'round';
  // One path per run of a phase, each in its phase's colour (a segment takes its end point's phase).
  let phase: ThroughputPhase | null = null;
  for (const [index, [x, y]] of line.entries()) {
    const pointPhase = picture.points[index]?.phase ?? 'copying';
    const previous = line[index - 1];
    if (!previous) continue;
    if (pointPhase !== phase) {
      if (phase !== null) context.stroke();
      phase = pointPhase;
      context.strokeStyle = picture.colors.phase[pointPhase];
      context.beginPath();
      context.moveTo(previous[0], previous[1]);
    }
    context.lineTo(x, y);
  }
  if (phase !== null) context.stroke();
}

/** A dashed line across at the average rate. */
function drawAverage(context: CanvasRenderingContext2D, picture: GraphPicture, box: PlotBox): void {
  if (picture.average === null) return;
  const y = Math.round(yOf(picture.average, picture.top, box)) + 0.5;
  context.setLineDash([4, 3]);
  context.strokeStyle = picture.colors.average;
  context.lineWidth = 1;
  context.beginPath();
  context.moveTo(0, y);
  context.lineTo(box.width, y);
  context.stroke();
  context.setLineDash([]);
}

/** The modal's graph: bands, grid, the curve with its area, and the average. */
export function drawGraph(context: CanvasRenderingContext2D, picture: GraphPicture, box: PlotBox): void {
  drawBands(context, picture, box);
  drawGrid(context, picture.colors, box);
  drawCurve(context, picture, box, 1.5, 0.22);
  drawAverage(context, picture, box);
}

/** The jobs panel's sparkline: pauses marked, the curve and its area; no grid. */
export function drawSparkline(context: CanvasRenderingContext2D, picture: GraphPicture, box: PlotBox): void {
  drawBands(context, { ...picture, spans: picture.spans.filter((span) => span.phase === 'paused') }, box);
  drawCurve(context, picture, box, 1, 0.3);
}
