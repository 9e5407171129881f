/** The words of the throughput graph: its phases, its accessible summary, and each span as a line of text. */
import { formatDuration } from '../../../../src-shared/format';
import { throughputText } from '../../progress/progress-labels';
import type { TransferKind } from '../transfer-labels';
import type { PhaseSpan, ThroughputPhase } from './throughput-history';

/** Every phase the graph shades, in the legend's order. */
export const GRAPH_PHASES: readonly ThroughputPhase[] = ['counting', 'copying', 'verifying', 'paused'];

/** "copying" (a move's is "moving"), "counting", "verifying", "paused". */
export function phaseLabel(phase: ThroughputPhase, kind: TransferKind | 'verify'): string {
  if (phase === 'copying') return kind === 'move' ? 'moving' : 'copying';
  return phase;
}

/** The numbers the graph shows beside it. */
export interface GraphNumbers {
  /** The latest smoothed rate; null while there is none to show (counting, paused). */
  now: number | null;
  average: number | null;
  etaMs: number | null | undefined;
  phase: ThroughputPhase | null;
}

/** "112.0 MB/s", or an em dash. */
export function rateOrDash(bytesPerSecond: number | null): string {
  return bytesPerSecond === null ? '—' : throughputText(bytesPerSecond);
}

/** "2m 5s left", or null when unknown. */
function leftText(etaMs: number | null | undefined): string | null {
  return etaMs === null || etaMs === undefined || !Number.isFinite(etaMs)
    ? null
    : `${formatDuration(etaMs)} left`;
}

/** The canvas's aria-label: "Throughput: now 112.0 MB/s, average 98.0 MB/s, 2m 5s left; copying". */
export function graphSummary(numbers: GraphNumbers, kind: TransferKind | 'verify'): string {
  const parts = [
    numbers.now === null ? null : `now ${throughputText(numbers.now)}`,
    numbers.average === null ? null : `average ${throughputText(numbers.average)}`,
    leftText(numbers.etaMs),
  ].filter((part): part is string => part !== null);
  const phase = numbers.phase ? phaseLabel(numbers.phase, kind) : null;
  const head = parts.length > 0 ? `Throughput: ${parts.join(', ')}` : 'Throughput: no data yet';
  return phase ? `${head}; ${phase}` : head;
}

/** Whole percent of a fraction, floored as the bar does. */
function percentOf(fraction: number): number {
  return Math.floor(fraction * 100);
}

/** One span as text: "Copying from 12% to 40%, 6.2s", "Paused at 43%, 3.1s", "Counting, 0.4s". */
export function spanText(span: PhaseSpan, kind: TransferKind | 'verify'): string {
  const label = phaseLabel(span.phase, kind);
  const name = label.charAt(0).toUpperCase() + label.slice(1);
  const took = formatDuration(Math.max(0, span.endedAt - span.startedAt));
  if (span.phase === 'counting') return `${name}, ${took}`;
  const from = percentOf(span.from);
  const to = percentOf(span.to);
  return from === to ? `${name} at ${from}%, ${took}` : `${name} from ${from}% to ${to}%, ${took}`;
}
