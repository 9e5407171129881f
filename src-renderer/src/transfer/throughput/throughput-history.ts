/**
 * A job's throughput over its progress, as the transfer modal's graph and the jobs panel's sparkline draw it:
 * pure functions over a bounded list of points (fraction done, bytes a second, phase) and the phase spans.
 *
 * The history starts where this window joined the job: a window reopened mid-copy draws from the fraction it
 * first saw (the worker keeps no history of its own to hand over), which is fine: the x axis is the fraction
 * done, so the curve simply begins part-way along it.
 */
import type { Phase, ProgressSnapshot } from '../../../../src-shared/jobs';

/** What the graph shades: counting first, then copying (or moving) and reading copies back, and pauses. */
export type ThroughputPhase = 'counting' | 'copying' | 'verifying' | 'paused';

export interface ThroughputPoint {
  /** Done, 0..1 (the x axis); never falls from one point to the next. */
  fraction: number;
  /** The snapshot's own smoothed rate of bytes written; 0 while counting or paused. */
  bytesPerSecond: number;
  phase: ThroughputPhase;
  /** When the worker emitted it (epoch ms). */
  at: number;
  /** Bytes done by then (the snapshot's bytes_processed, which also moves the fraction): for the average. */
  bytes: number;
}

/** One stretch of a phase: from and to in fractions done, and when it began and last was seen. */
export interface PhaseSpan {
  phase: ThroughputPhase;
  from: number;
  to: number;
  startedAt: number;
  endedAt: number;
}

export interface ThroughputHistory {
  points: ThroughputPoint[];
  /** Contiguous, in order; kept apart from the points so downsampling never moves a boundary. */
  spans: PhaseSpan[];
  /**
   * Time spent copying or verifying, and the bytes done meanwhile: for the average (bytes over time, not the
   * mean of the smoothed curve, which lags behind every change by the smoothing's time constant).
   */
  activeMs: number;
  activeBytes: number;
}

/** At most this many points; when full, neighbours are merged to about half. */
export const MAX_POINTS = 600;
/** At most this many spans; past it the narrowest copying or verifying span joins its neighbour. */
export const MAX_SPANS = 120;
/** Histories kept at once: the jobs panel lists many ended jobs, and only the latest ones need one. */
export const MAX_HISTORIES = 24;

/** The graph's phase for an engine phase; null for phases that add nothing (finalizing, done, a scan's walk). */
export function throughputPhaseOf(phase: Phase): ThroughputPhase | null {
  switch (phase) {
    case 'queued':
    case 'starting':
    case 'preparing':
      return 'counting';
    case 'copying':
    case 'moving':
      return 'copying';
    case 'verifying':
    case 'paused':
      return phase;
    default:
      return null;
  }
}

/** The point a snapshot adds, or null if it adds none (a scan walking, an unknown percentage, finalizing). */
export function sampleOf(
  snapshot: Pick<ProgressSnapshot, 'phase' | 'percentage' | 'rate' | 'emitted_at' | 'bytes_processed'>,
  lastPhase: ThroughputPhase | null = null,
): ThroughputPoint | null {
  // The last snapshot (done, 100%) closes the curve in the phase it was in.
  const phase = throughputPhaseOf(snapshot.phase) ?? (snapshot.phase === 'done' ? lastPhase : null);
  if (phase === null) return null;
  // Before the worker counts, the engine's own snapshots (queued, starting) have no percentage yet: nothing done.
  if (snapshot.percentage === null && phase !== 'counting') return null;
  const fraction = Math.min(1, Math.max(0, (snapshot.percentage ?? 0) / 100));
  // The snapshot carries only the rate of bytes written (smoothed over 2 s), so the curve sinks while copies are
  // read back: the verifying band says why.
  const moving = phase === 'copying' || phase === 'verifying';
  // Verifying moves the copies' bytes back in: its rate is the read-back one, where the engine sends it.
  const rate = snapshot.rate;
  const moved =
    phase === 'verifying'
      ? (rate?.read_back_bytes_per_second ?? rate?.bytes_per_second)
      : rate?.bytes_per_second;
  const bytesPerSecond = moving ? (moved ?? 0) : 0;
  return { fraction, bytesPerSecond, phase, at: snapshot.emitted_at, bytes: snapshot.bytes_processed };
}

/** A span of `point`'s phase that starts and ends at it. */
function spanAt(point: ThroughputPoint): PhaseSpan {
  return {
    phase: point.phase,
    from: point.fraction,
    to: point.fraction,
    startedAt: point.at,
    endedAt: point.at,
  };
}

/**
 * Add one point. Stale or repeated snapshots (emitted no later than the last point) are ignored; the fraction
 * never falls. A pause or the counting stays one point at its fraction, its time moving on.
 */
export function addPoint(
  history: ThroughputHistory | undefined,
  sample: ThroughputPoint,
  maxPoints: number = MAX_POINTS,
  maxSpans: number = MAX_SPANS,
): ThroughputHistory {
  const last = history?.points.at(-1);
  if (!history || !last) return { points: [sample], spans: [spanAt(sample)], activeMs: 0, activeBytes: 0 };
  if (sample.at <= last.at) return history;
  const point = { ...sample, fraction: Math.max(last.fraction, sample.fraction) };
  const dt = point.at - last.at;
  const active = last.phase === 'copying' || last.phase === 'verifying';
  const activeMs = history.activeMs + (active ? dt : 0);
  // A copy counts its bytes again from zero once it has counted them all: never a negative stretch.
  const activeBytes = history.activeBytes + (active ? Math.max(0, point.bytes - last.bytes) : 0);
  const still = (point.phase === 'paused' || point.phase === 'counting') && point.phase === last.phase;
  const points =
    still && point.fraction === last.fraction
      ? [...history.points.slice(0, -1), point]
      : [...history.points, point];
  return {
    points: points.length > maxPoints ? downsample(points) : points,
    spans: limitSpans(extendSpans(history.spans, point), maxSpans),
    activeMs,
    activeBytes,
  };
}

/** The spans with `point` added: the last one stretched, or a new one from where the last now ends. */
function extendSpans(spans: readonly PhaseSpan[], point: ThroughputPoint): PhaseSpan[] {
  const last = spans.at(-1);
  if (!last) return [spanAt(point)];
  const stretched = { ...last, to: point.fraction, endedAt: point.at };
  if (last.phase === point.phase) return [...spans.slice(0, -1), stretched];
  return [...spans.slice(0, -1), stretched, spanAt(point)];
}

/** Whether a span may be folded into a neighbour: pauses and the counting are always kept. */
function foldable(span: PhaseSpan | undefined): boolean {
  return span?.phase === 'copying' || span?.phase === 'verifying';
}

/** Fold the narrowest copying or verifying spans into a neighbour until at most `max` are left. */
export function limitSpans(spans: PhaseSpan[], max: number): PhaseSpan[] {
  let result = spans;
  while (result.length > max) {
    let narrowest = -1;
    let narrowestWidth = Infinity;
    result.forEach((span, index) => {
      // A copying or verifying span next to another such span.
      const canFold = foldable(span) && (foldable(result[index - 1]) || foldable(result[index + 1]));
      if (canFold && span.to - span.from < narrowestWidth) {
        narrowest = index;
        narrowestWidth = span.to - span.from;
      }
    });
    if (narrowest < 0) return result;
    result = foldSpan(result, narrowest);
  }
  return result;
}

/** Give span `index` to its copying or verifying neighbour (the one before if it can), joining equal neighbours. */
function foldSpan(spans: PhaseSpan[], index: number): PhaseSpan[] {
  const span = spans[index];
  const before = spans[index - 1];
  const after = spans[index + 1];
  const copy = spans.slice();
  if (!span) return copy;
  if (before && foldable(before))
    copy.splice(index - 1, 2, { ...before, to: span.to, endedAt: span.endedAt });
  else if (after) copy.splice(index, 2, { ...after, from: span.from, startedAt: span.startedAt });
  return joinEqual(copy);
}

/** Neighbouring spans of one phase as one. */
function joinEqual(spans: PhaseSpan[]): PhaseSpan[] {
  const joined: PhaseSpan[] = [];
  for (const span of spans) {
    const last = joined.at(-1);
    if (last && last.phase === span.phase)
      joined[joined.length - 1] = { ...last, to: span.to, endedAt: span.endedAt };
    else joined.push(span);
  }
  return joined;
}

/** Neighbouring points being merged into one: the last one's place, the time-weighted mean of their rates. */
interface Group {
  bucket: number;
  point: ThroughputPoint;
  sum: number;
  weight: number;
}

function merged(group: Group): ThroughputPoint {
  return { ...group.point, bytesPerSecond: group.sum / group.weight };
}

/** The time a point covers: since the point before it (at least 1 ms). */
function weightOf(point: ThroughputPoint, before: ThroughputPoint | undefined): number {
  return before ? Math.max(1, point.at - before.at) : 1;
}

/**
 * About `target` points, the shape kept. The x range is cut into `target` equal buckets and the points of one
 * phase in one bucket become one (at the last one's place, their rates' mean weighted by the time each
 * covers), so the resolution stays even along the x axis however long ago a stretch was drawn. Each run of a
 * phase keeps its first point and its last one's place, so no run starts or ends elsewhere. Runs too short to
 * merge (phases flipping every snapshot) are then merged in pairs across phases, the later one's phase winning;
 * the spans still hold every boundary exactly.
 */
export function downsample(
  points: readonly ThroughputPoint[],
  target: number = Math.floor(points.length / 2),
): ThroughputPoint[] {
  const firstPoint = points[0];
  const lastPoint = points.at(-1);
  if (!firstPoint || !lastPoint || points.length <= 2) return points.slice();
  const first = firstPoint.fraction;
  const width = (lastPoint.fraction - first) / Math.max(1, target);
  const bucketOf = (fraction: number): number => (width > 0 ? Math.floor((fraction - first) / width) : 0);
  const result: ThroughputPoint[] = [];
  let group: Group | null = null;
  for (const [index, point] of points.entries()) {
    const before = points[index - 1];
    const bucket = bucketOf(point.fraction);
    const weight = weightOf(point, before);
    if (group && group.bucket === bucket && before?.phase === point.phase) {
      group = {
        bucket,
        point,
        sum: group.sum + point.bytesPerSecond * weight,
        weight: group.weight + weight,
      };
      continue;
    }
    if (group) result.push(merged(group));
    group = null;
    // A run's first point stays where it is.
    if (before?.phase !== point.phase) result.push(point);
    else group = { bucket, point, sum: point.bytesPerSecond * weight, weight };
  }
  if (group) result.push(merged(group));
  return result.length <= Math.ceil((points.length * 3) / 4) ? result : halve(result);
}

/** Every two points as one (the first kept), whatever their phases: the later one's place and phase. */
function halve(points: readonly ThroughputPoint[]): ThroughputPoint[] {
  const halved = points.slice(0, 1);
  for (let index = 1; index < points.length; index += 2) {
    const a = points[index];
    const b = points[index + 1];
    if (!a) break;
    if (!b) {
      halved.push(a);
      break;
    }
    const wa = weightOf(a, points[index - 1]);
    const wb = weightOf(b, a);
    halved.push({ ...b, bytesPerSecond: (a.bytesPerSecond * wa + b.bytesPerSecond * wb) / (wa + wb) });
  }
  return halved;
}

/** Mean bytes a second over the time spent copying or verifying (pauses and counting left out); null before any. */
export function averageBytesPerSecond(history: ThroughputHistory | undefined): number | null {
  if (!history || history.activeMs <= 0) return null;
  return (history.activeBytes / history.activeMs) * 1000;
}

/** The histories with at most `max` kept: the ones updated longest ago are dropped first. */
export function pruneHistories(
  histories: Readonly<Record<string, ThroughputHistory>>,
  max: number = MAX_HISTORIES,
): Record<string, ThroughputHistory> {
  const entries = Object.entries(histories);
  if (entries.length <= max) return { ...histories };
  const lastAt = (history: ThroughputHistory): number => history.points.at(-1)?.at ?? 0;
  return Object.fromEntries(entries.sort(([, a], [, b]) => lastAt(b) - lastAt(a)).slice(0, max));
}
