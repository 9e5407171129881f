import { describe, expect, it } from 'vitest';
import { countOf, formatBytes, formatCount, formatDuration, middleEllipsis } from '../../src-shared/format';
import { progressLine } from '../../src-main/cli/progress-line';
import type { ProgressSnapshot } from '../../src-shared/jobs';

describe('format', () => {
  it('formats bytes in decimal units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1_234_567)).toBe('1.2 MB');
    expect(formatBytes(250_000_000_000)).toBe('250 GB');
  });

  it('says 1 file but 2 files', () => {
    expect(countOf(1, 'file')).toBe('1 file');
    expect(countOf(2500, 'file')).toBe('2,500 files');
    expect(countOf(0, 'entry', 'entries')).toBe('0 entries');
  });

  it('formats counts and durations', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatDuration(900)).toBe('0.9s');
    expect(formatDuration(83_000)).toBe('1m 23s');
    expect(formatDuration(7_300_000)).toBe('2h 1m');
  });

  it('cuts the middle of long paths and keeps the file name', () => {
    const path = '/shows/abc/seq010/sh0100/renders/v003/beauty/beauty.1001.exr';
    const short = middleEllipsis(path, 30);
    expect(short).toHaveLength(30);
    expect(short).toContain('…');
    expect(short.endsWith('beauty.1001.exr')).toBe(true);
    expect(middleEllipsis('short', 30)).toBe('short');
  });
});

describe('progressLine', () => {
  const snapshot: ProgressSnapshot = {
    batch_id: 'b1',
    kind: 'scan',
    root: '/shows',
    state: 'running',
    phase: 'walking',
    files_total: null,
    bytes_total: null,
    files_processed: 12_345,
    dirs_processed: 67,
    bytes_processed: 1_500_000_000,
    errors_count: 0,
    current_file: '/shows/abc/seq010/sh0100/renders/v003/beauty/beauty.1001.exr',
    percentage: 42.7,
    estimate: 'tree',
    rate: { files_per_second: 50_000, bytes_per_second: 1e9 },
    eta_ms: 65_000,
    emitted_at: 0,
    updated_at: new Date(0).toISOString(),
  };

  it('shows percentage, counts, rate, ETA and the current file within the width', () => {
    const line = progressLine(snapshot, 120);
    expect(line).toContain(' 42%');
    expect(line).toContain('12,345 files, 67 folders, 1.5 GB');
    expect(line).toContain('50,000 files/s');
    expect(line).toContain('1m 5s left');
    expect(line).toContain('beauty.1001.exr');
    expect(line.length).toBeLessThanOrEqual(120);
  });

  it('shows a copy as bytes and files done of total, in bytes a second', () => {
    const copy: ProgressSnapshot = {
      ...snapshot,
      kind: 'copy',
      phase: 'copying',
      files_processed: 120,
      files_total: 500,
      bytes_processed: 1_200_000_000,
      bytes_total: 2_000_000_000,
      rate: { files_per_second: 40, bytes_per_second: 350_000_000 },
    };
    const line = progressLine(copy, 140);
    expect(line).toContain('1.2 GB of 2.0 GB, 120 of 500 files');
    expect(line).toContain('350 MB/s');
    expect(progressLine({ ...copy, phase: 'paused' }, 140)).toContain('paused');
    expect(
      progressLine({ ...copy, phase: 'preparing', files_total: null, bytes_total: null }, 140),
    ).toContain('counting: 120 files');
  });

  it('never breaks the line on a file name with a newline', () => {
    expect(progressLine({ ...snapshot, current_file: '/a/b\nc' }, 120)).not.toContain('\n');
  });
});
