/** The throughput history: points over the fraction done, phase spans, bounded by downsampling, fed by the store. */
import { describe, expect, it } from 'vitest';
import type { JobResult, ProgressSnapshot } from '../../src-shared/jobs';
import { createAppStore } from '../../src-renderer/src/store/app-store';
import {
  addPoint,
  averageBytesPerSecond,
  downsample,
  limitSpans,
  pruneHistories,
  sampleOf,
  type PhaseSpan,
  type ThroughputHistory,
  type ThroughputPhase,
  type ThroughputPoint,
} from '../../src-renderer/src/transfer/throughput/throughput-history';

const point = (
  fraction: number,
  bytesPerSecond: number,
  at: number,
  phase: ThroughputPhase = 'copying',
  bytes = 0,
): ThroughputPoint => ({ fraction, bytesPerSecond, at, phase, bytes });

/** Feed points one by one, as the store does. */
function feed(points: ThroughputPoint[], maxPoints?: number, maxSpans?: number): ThroughputHistory {
  let history: ThroughputHistory | undefined;
  for (const each of points) history = addPoint(history, each, maxPoints, maxSpans);
  return history!;
}

/** The spans as [phase, from, to]. */
const shape = (spans: PhaseSpan[]): [ThroughputPhase, number, number][] =>
  spans.map((span) => [span.phase, span.from, span.to]);

const snapshot = (patch: Partial<ProgressSnapshot>): ProgressSnapshot => ({
  batch_id: 'c1',
  kind: 'copy',
  root: '/shows/SHOW',
  state: 'running',
  phase: 'copying',
  files_processed: 1,
  dirs_processed: 0,
  bytes_processed: 100,
  errors_count: 0,
  current_file: null,
  percentage: 10,
  estimate: 'bytes',
  files_total: 10,
  bytes_total: 1000,
  rate: { files_per_second: 1, bytes_per_second: 50_000_000 },
  eta_ms: 1000,
  emitted_at: 1000,
  updated_at: '2026-01-01T00:00:00.000Z',
  ...patch,
});

describe('a snapshot as a point', () => {
  it("takes the snapshot's own smoothed rate, and 0 while counting or paused", () => {
    expect(sampleOf(snapshot({}))).toEqual(point(0.1, 50_000_000, 1000, 'copying', 100));
    expect(sampleOf(snapshot({ phase: 'preparing', percentage: 0, bytes_processed: 0 }))).toEqual(
      point(0, 0, 1000, 'counting'),
    );
    expect(sampleOf(snapshot({ phase: 'paused', percentage: 42 }))).toEqual(
      point(0.42, 0, 1000, 'paused', 100),
    );
    expect(sampleOf(snapshot({ phase: 'moving' }))?.phase).toBe('copying');
    expect(sampleOf(snapshot({ phase: 'verifying' }))?.phase).toBe('verifying');
  });

  it('takes the read-back rate while verifying, the write rate while copying', () => {
    const rate = { files_per_second: 1, bytes_per_second: 2_000_000, read_back_bytes_per_second: 90_000_000 };
    expect(sampleOf(snapshot({ phase: 'verifying', rate }))?.bytesPerSecond).toBe(90_000_000);
    expect(sampleOf(snapshot({ phase: 'copying', rate }))?.bytesPerSecond).toBe(2_000_000);
  });

  it('adds nothing for a scan walking, an unknown percentage, or finalizing; done keeps the last phase', () => {
    expect(sampleOf(snapshot({ phase: 'walking' }))).toBeNull();
    expect(sampleOf(snapshot({ percentage: null }))).toBeNull();
    // The engine's snapshot of a job just started has no percentage yet: counting, nothing done.
    expect(
      sampleOf(snapshot({ phase: 'starting', percentage: null, rate: null, bytes_processed: 0 })),
    ).toEqual(point(0, 0, 1000, 'counting'));
    expect(sampleOf(snapshot({ phase: 'finalizing' }), 'copying')).toBeNull();
    expect(sampleOf(snapshot({ phase: 'done', percentage: 100 }), 'verifying')).toEqual(
      point(1, 50_000_000, 1000, 'verifying', 100),
    );
  });
});

describe('adding points', () => {
  it('keeps the fraction monotone and ignores repeated or stale snapshots', () => {
    const history = feed([point(0.1, 5, 100), point(0.2, 6, 200), point(0.15, 7, 300), point(0.9, 8, 250)]);
    expect(history.points.map((each) => each.fraction)).toEqual([0.1, 0.2, 0.2]);
    expect(history.points.map((each) => each.bytesPerSecond)).toEqual([5, 6, 7]);
    const again = addPoint(history, point(0.3, 9, 300));
    expect(again).toBe(history);
  });

  it('records counting, copying, verifying and a pause as contiguous spans; a resumed job continues', () => {
    const history = feed([
      point(0, 0, 0, 'counting'),
      point(0, 0, 400, 'counting'),
      point(0.1, 10, 1000),
      point(0.4, 12, 2000),
      point(0.41, 0, 2100, 'paused'),
      point(0.41, 0, 5100, 'paused'),
      point(0.45, 3, 5600),
      point(0.8, 11, 7000),
      point(0.9, 9, 8000, 'verifying'),
      point(1, 8, 9000, 'verifying'),
    ]);
    expect(shape(history.spans)).toEqual([
      ['counting', 0, 0.1],
      ['copying', 0.1, 0.41],
      ['paused', 0.41, 0.45],
      ['copying', 0.45, 0.9],
      ['verifying', 0.9, 1],
    ]);
    const pause = history.spans[2]!;
    expect(pause.endedAt - pause.startedAt).toBe(3500);
    // A pause stays one point at its fraction, its time moving on; the curve drops to 0 there and climbs again.
    expect(history.points.filter((each) => each.phase === 'paused')).toEqual([
      point(0.41, 0, 5100, 'paused'),
    ]);
    expect(history.points.filter((each) => each.phase === 'counting')).toEqual([
      point(0, 0, 400, 'counting'),
    ]);
    expect(history.points.at(-1)).toEqual(point(1, 8, 9000, 'verifying'));
  });

  it('averages the bytes done over the time spent copying or verifying, leaving pauses and counting out', () => {
    const history = feed([
      point(0, 0, 0, 'counting', 0),
      point(0.1, 10_000_000, 1000, 'copying', 10_000_000),
      point(0.3, 10_000_000, 2000, 'copying', 30_000_000),
      point(0.3, 0, 3000, 'paused', 32_000_000),
      point(0.3, 0, 60_000, 'paused', 32_000_000),
      point(0.4, 20_000_000, 61_000, 'copying', 40_000_000),
      point(0.6, 20_000_000, 62_000, 'copying', 60_000_000),
    ]);
    // Copying 1000→3000 (22 MB) and 61000→62000 (20 MB): 42 MB over 3 s; the counting and the pause left out.
    expect(averageBytesPerSecond(history)).toBe(14_000_000);
    expect(averageBytesPerSecond(feed([point(0, 0, 0, 'counting')]))).toBeNull();
  });
});

describe('downsampling', () => {
  /** A triangle: the rate climbs to its peak at the middle and falls again. */
  const triangle = (count: number): ThroughputPoint[] =>
    Array.from({ length: count }, (_, index) => {
      const fraction = index / (count - 1);
      return point(fraction, 100 * (1 - Math.abs(fraction - 0.5) * 2), 1000 + index * 50);
    });

  it('stays within its bound and keeps the shape: ends in place, peak in the middle, values close', () => {
    const history = feed(triangle(3000), 600);
    expect(history.points.length).toBeLessThanOrEqual(600);
    expect(history.points.length).toBeGreaterThan(150);
    expect(history.points[0]).toEqual(point(0, 0, 1000));
    expect(history.points.at(-1)!.fraction).toBe(1);
    const peak = history.points.reduce((best, each) =>
      each.bytesPerSecond > best.bytesPerSecond ? each : best,
    );
    expect(Math.abs(peak.fraction - 0.5)).toBeLessThan(0.02);
    expect(peak.bytesPerSecond).toBeGreaterThan(97);
    for (const each of history.points)
      expect(Math.abs(each.bytesPerSecond - 100 * (1 - Math.abs(each.fraction - 0.5) * 2))).toBeLessThan(2);
    const fractions = history.points.map((each) => each.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
  });

  it('never moves a phase boundary: each run keeps its first and last point, and no point changes phase', () => {
    const points = Array.from({ length: 40 }, (_, index) =>
      point(
        index / 39,
        10 + (index % 3),
        index * 10,
        index < 13 ? 'copying' : index < 14 ? 'paused' : index < 30 ? 'copying' : 'verifying',
      ),
    );
    const halved = downsample(points);
    expect(halved.length).toBeLessThan(30);
    for (const phase of ['paused', 'verifying'] as const) {
      const first = points.find((each) => each.phase === phase)!;
      expect(halved.find((each) => each.phase === phase)).toEqual(first);
    }
    expect(halved.filter((each) => each.phase === 'verifying').at(-1)).toEqual(points.at(-1));
    for (const each of halved) {
      const original = points.find((other) => other.at === each.at)!;
      expect(each.phase).toBe(original.phase);
    }
  });

  it('halves even when the phase flips at every point; the spans still hold each boundary', () => {
    const flips = Array.from({ length: 700 }, (_, index) =>
      point(index / 699, 50, index * 10, index % 2 === 0 ? 'copying' : 'verifying'),
    );
    const history = feed(flips, 600, 1000);
    expect(history.points.length).toBeLessThanOrEqual(600);
    expect(history.spans.length).toBe(700);
    expect(history.spans[1]!.from).toBeCloseTo(1 / 699, 10);
  });

  it('folds the narrowest copying or verifying span past the bound, never a pause or the counting', () => {
    const spans: PhaseSpan[] = [
      { phase: 'counting', from: 0, to: 0, startedAt: 0, endedAt: 1 },
      { phase: 'copying', from: 0, to: 0.3, startedAt: 1, endedAt: 2 },
      { phase: 'verifying', from: 0.3, to: 0.31, startedAt: 2, endedAt: 3 },
      { phase: 'copying', from: 0.31, to: 0.5, startedAt: 3, endedAt: 4 },
      { phase: 'paused', from: 0.5, to: 0.5, startedAt: 4, endedAt: 9 },
      { phase: 'copying', from: 0.5, to: 0.9, startedAt: 9, endedAt: 10 },
      { phase: 'verifying', from: 0.9, to: 1, startedAt: 10, endedAt: 11 },
    ];
    expect(shape(limitSpans(spans, 5))).toEqual([
      ['counting', 0, 0],
      ['copying', 0, 0.5],
      ['paused', 0.5, 0.5],
      ['copying', 0.5, 0.9],
      ['verifying', 0.9, 1],
    ]);
    // Only pauses and the counting left to fold: they stay, past the bound.
    expect(shape(limitSpans(spans, 1)).map(([phase]) => phase)).toEqual([
      'counting',
      'copying',
      'paused',
      'copying',
    ]);
  });
});

describe('the store', () => {
  it('records each copy snapshot it takes, not a scan, and forgets a removed job', () => {
    const store = createAppStore();
    store.getState().applySnapshot(snapshot({ phase: 'preparing', percentage: 0, emitted_at: 100 }));
    store.getState().applySnapshot(snapshot({ percentage: 20, emitted_at: 200 }));
    store.getState().applySnapshot(snapshot({ percentage: 20, phase: 'paused', emitted_at: 300 }));
    store.getState().applySnapshot(snapshot({ percentage: 30, emitted_at: 400 }));
    store
      .getState()
      .applySnapshot(snapshot({ batch_id: 's1', kind: 'scan', phase: 'walking', emitted_at: 400 }));
    store
      .getState()
      .applyCompleted(
        'c1',
        { kind: 'copy', failed_count: 0 } as JobResult,
        snapshot({ phase: 'done', state: 'completed', percentage: 99.9, emitted_at: 500 }),
      );
    const history = store.getState().throughput.c1!;
    expect(shape(history.spans)).toEqual([
      ['counting', 0, 0.2],
      ['copying', 0.2, 0.2],
      ['paused', 0.2, 0.3],
      ['copying', 0.3, 1],
    ]);
    expect(store.getState().throughput.s1).toBeUndefined();
    store.getState().forgetThroughput('c1');
    expect(store.getState().throughput.c1).toBeUndefined();
  });

  it('keeps the latest histories only', () => {
    const histories: Record<string, ThroughputHistory> = {};
    for (let index = 0; index < 5; index++) histories[`j${index}`] = feed([point(0.1, 1, index * 100)]);
    expect(Object.keys(pruneHistories(histories, 3)).sort()).toEqual(['j2', 'j3', 'j4']);
    expect(Object.keys(pruneHistories(histories, 9))).toHaveLength(5);
  });
});
