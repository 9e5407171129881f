/** The throughput graph's pure parts: the y axis's round top, fractions and rates to pixels, and its words. */
import { describe, expect, it } from 'vitest';
import {
  backingSize,
  bandOf,
  curveOf,
  MIN_TOP_BYTES_PER_SECOND,
  niceTop,
  topFor,
  xOf,
  yOf,
} from '../../src-renderer/src/transfer/throughput/graph-scale';
import { graphSummary, spanText } from '../../src-renderer/src/transfer/throughput/graph-labels';
import type { PhaseSpan } from '../../src-renderer/src/transfer/throughput/throughput-history';

const box = { width: 400, height: 100 };

describe('the y axis', () => {
  it('tops out at a round number with headroom above the peak', () => {
    expect(niceTop(90_000_000)).toBe(100_000_000);
    expect(niceTop(95_000_000)).toBe(200_000_000);
    expect(niceTop(150_000_000)).toBe(200_000_000);
    expect(niceTop(200_000_000)).toBe(250_000_000);
    expect(niceTop(400_000_000)).toBe(500_000_000);
    expect(niceTop(12_000_000)).toBe(20_000_000);
  });

  it('never goes below 1 MB/s, so an idle start is not full-height noise', () => {
    expect(niceTop(0)).toBe(MIN_TOP_BYTES_PER_SECOND);
    expect(niceTop(10)).toBe(MIN_TOP_BYTES_PER_SECOND);
    expect(niceTop(Number.NaN)).toBe(MIN_TOP_BYTES_PER_SECOND);
  });

  it('fits the highest point and the average', () => {
    const points = [
      { fraction: 0, bytesPerSecond: 20_000_000, at: 0, phase: 'copying' as const, bytes: 0 },
      { fraction: 0.5, bytesPerSecond: 40_000_000, at: 1, phase: 'copying' as const, bytes: 0 },
    ];
    expect(topFor(points)).toBe(50_000_000);
    expect(topFor(points, 60_000_000)).toBe(100_000_000);
    expect(topFor([])).toBe(MIN_TOP_BYTES_PER_SECOND);
  });
});

describe('pixels', () => {
  it('puts 0% at the left edge and 100% at the right, 0 B/s at the bottom and the top at the top', () => {
    expect(xOf(0, box)).toBe(0);
    expect(xOf(0.25, box)).toBe(100);
    expect(xOf(1, box)).toBe(400);
    expect(xOf(1.5, box)).toBe(400);
    expect(yOf(0, 200, box)).toBe(100);
    expect(yOf(50, 200, box)).toBe(75);
    expect(yOf(200, 200, box)).toBe(0);
    expect(yOf(900, 200, box)).toBe(0);
    expect(
      curveOf([{ fraction: 0.5, bytesPerSecond: 100, at: 0, phase: 'copying', bytes: 0 }], 200, box),
    ).toEqual([[200, 50]]);
  });

  it('gives a pause, which moves no bytes, a band of at least 3 pixels, kept inside the plot', () => {
    const span = (from: number, to: number): PhaseSpan => ({
      phase: 'paused',
      from,
      to,
      startedAt: 0,
      endedAt: 1,
    });
    expect(bandOf(span(0.5, 0.5), box)).toEqual({ x: 198.5, width: 3 });
    expect(bandOf(span(0, 0), box)).toEqual({ x: 0, width: 3 });
    expect(bandOf(span(1, 1), box)).toEqual({ x: 397, width: 3 });
    expect(bandOf(span(0.25, 0.5), box)).toEqual({ x: 100, width: 100 });
  });

  it('sizes the backing store in device pixels', () => {
    expect(backingSize(box, 2)).toEqual({ width: 800, height: 200 });
    expect(backingSize({ width: 100.4, height: 16 }, 1.25)).toEqual({ width: 126, height: 20 });
    expect(backingSize(box, Number.NaN)).toEqual({ width: 400, height: 100 });
    expect(backingSize({ width: 0, height: 0 }, 2)).toEqual({ width: 1, height: 1 });
  });
});

describe('words', () => {
  it('summarizes now, average, time left and the phase', () => {
    expect(
      graphSummary({ now: 112_000_000, average: 98_000_000, etaMs: 125_000, phase: 'copying' }, 'copy'),
    ).toBe('Throughput: now 112.0 MB/s, average 98.0 MB/s, 2m 5s left; copying');
    expect(graphSummary({ now: null, average: 98_000_000, etaMs: null, phase: 'paused' }, 'copy')).toBe(
      'Throughput: average 98.0 MB/s; paused',
    );
    expect(graphSummary({ now: 5_000_000, average: null, etaMs: undefined, phase: 'copying' }, 'move')).toBe(
      'Throughput: now 5.0 MB/s; moving',
    );
    expect(graphSummary({ now: null, average: null, etaMs: null, phase: 'counting' }, 'copy')).toBe(
      'Throughput: no data yet; counting',
    );
  });

  it('says each span with its percentages and how long it took', () => {
    const span = (phase: PhaseSpan['phase'], from: number, to: number, ms: number): PhaseSpan => ({
      phase,
      from,
      to,
      startedAt: 1000,
      endedAt: 1000 + ms,
    });
    expect(spanText(span('copying', 0.12, 0.405, 6200), 'copy')).toBe('Copying from 12% to 40%, 6.2s');
    expect(spanText(span('paused', 0.43, 0.43, 3100), 'copy')).toBe('Paused at 43%, 3.1s');
    expect(spanText(span('counting', 0, 0.01, 400), 'copy')).toBe('Counting, 0.4s');
    expect(spanText(span('copying', 0, 1, 65_000), 'move')).toBe('Moving from 0% to 100%, 1m 5s');
  });
});
