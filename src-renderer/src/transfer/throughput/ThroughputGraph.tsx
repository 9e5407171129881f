/**
 * The transfer modal's throughput graph, as in a file manager's copy dialog: bytes a second over the fraction
 * done, its phases shaded, with the current rate, the average and the time left beside it as text.
 */
import { useCallback } from 'react';
import type { JobProgress } from '../../store/progress-slice';
import { useApp } from '../../store/app-store';
import { etaText, throughputText } from '../../progress/progress-labels';
import type { TransferKind } from '../transfer-labels';
import { colorsOf, drawGraph } from './draw-graph';
import { GRAPH_PHASES, graphSummary, phaseLabel, rateOrDash, spanText } from './graph-labels';
import { topFor, type PlotBox } from './graph-scale';
import { PlotCanvas } from './PlotCanvas';
import { averageBytesPerSecond, throughputPhaseOf, type ThroughputHistory } from './throughput-history';

const EMPTY: ThroughputHistory = { points: [], spans: [], activeMs: 0, activeBytes: 0 };

interface ThroughputGraphProps {
  batchId: string;
  kind: TransferKind | 'verify';
  snapshot: JobProgress | undefined;
  /** Counting or paused: no current rate or time left to show. */
  idle: boolean;
}

export function ThroughputGraph({ batchId, kind, snapshot, idle }: ThroughputGraphProps) {
  const history = useApp((state) => state.throughput[batchId]) ?? EMPTY;
  const { points, spans } = history;
  const average = averageBytesPerSecond(history);
  const top = topFor(points, average);
  const now = idle || !snapshot?.rate ? null : snapshot.rate.bytes_per_second;
  const etaMs = idle ? null : snapshot?.eta_ms;
  const phase = (snapshot && throughputPhaseOf(snapshot.phase)) ?? spans[spans.length - 1]?.phase ?? null;
  const summary = graphSummary({ now, average, etaMs, phase }, kind);
  const paint = useCallback(
    (context: CanvasRenderingContext2D, box: PlotBox, canvas: HTMLCanvasElement) =>
      drawGraph(context, { points, spans, top, average, colors: colorsOf(canvas) }, box),
    [points, spans, top, average],
  );

  return (
    <figure className="throughput" data-testid="throughput" data-phase={phase ?? undefined}>
      <div className="throughput-chart">
        <span className="throughput-top" aria-hidden="true" data-testid="throughput-top">
          {throughputText(top)}
        </span>
        <PlotCanvas className="throughput-plot" paint={paint} label={summary} testId="throughput-graph" />
        <div className="throughput-x" aria-hidden="true">
          <span>0%</span>
          <span>done</span>
          <span>100%</span>
        </div>
        <ul className="throughput-legend" aria-hidden="true">
          {GRAPH_PHASES.map((each) => (
            <li key={each} className={`legend-${each}`}>
              {phaseLabel(each, kind)}
            </li>
          ))}
        </ul>
      </div>
      <dl className="throughput-numbers">
        <div>
          <dt>Now</dt>
          <dd data-testid="throughput-now">{rateOrDash(now)}</dd>
        </div>
        <div>
          <dt>Average</dt>
          <dd data-testid="throughput-average">{rateOrDash(average)}</dd>
        </div>
        <div>
          <dt>Time left</dt>
          <dd data-testid="throughput-eta">{etaText(etaMs)}</dd>
        </div>
      </dl>
      <ol className="sr-only" aria-label="Phases so far" data-testid="throughput-spans">
        {spans.map((span) => (
          <li
            key={`${span.phase}-${span.startedAt}`}
            data-phase={span.phase}
            data-from={span.from}
            data-to={span.to}
            data-ms={span.endedAt - span.startedAt}
          >
            {spanText(span, kind)}
          </li>
        ))}
      </ol>
    </figure>
  );
}
