/** The jobs panel's small throughput curve for one job: the same history as the modal's graph, pauses marked. */
import { useCallback } from 'react';
import { useApp } from '../../store/app-store';
import { colorsOf, drawSparkline } from './draw-graph';
import { topFor, type PlotBox } from './graph-scale';
import { PlotCanvas } from './PlotCanvas';

/** Nothing to draw before this many points: one point is not a curve. */
const MIN_POINTS = 2;

/** Decorative (the row's button names the job and its state); null until the job has a curve to show. */
export function Sparkline({ batchId }: { batchId: string }) {
  const history = useApp((state) => state.throughput[batchId]);
  const paint = useCallback(
    (context: CanvasRenderingContext2D, box: PlotBox, canvas: HTMLCanvasElement) => {
      if (!history) return;
      const { points, spans } = history;
      drawSparkline(
        context,
        { points, spans, top: topFor(points), average: null, colors: colorsOf(canvas) },
        box,
      );
    },
    [history],
  );
  if (!history || history.points.length < MIN_POINTS) return null;
  return <PlotCanvas className="job-sparkline" paint={paint} testId="job-sparkline" />;
}
