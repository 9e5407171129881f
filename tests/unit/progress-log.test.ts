/** The CLI's plain progress line for logs: self-contained, no control characters, honest about what is unknown. */
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { progressLogLine, ProgressLog } from '../../src-main/cli/progress-log';
import { progressLine } from '../../src-main/cli/progress-line';
import { formatRate, printable } from '../../src-shared/format';
import type { ProgressSnapshot } from '../../src-shared/jobs';

const scan: ProgressSnapshot = {
  batch_id: 'b1',
  kind: 'scan',
  root: '/shows/A',
  state: 'running',
  phase: 'walking',
  files_total: null,
  bytes_total: null,
  files_processed: 12_345,
  dirs_processed: 3_210,
  bytes_processed: 1_200_000_000,
  errors_count: 0,
  current_file: '/shows/A/sh010/beauty.1001.exr',
  percentage: 41.7,
  estimate: 'tree',
  rate: { files_per_second: 2_000, bytes_per_second: 1e8 },
  eta_ms: 12_000,
  emitted_at: 0,
  updated_at: new Date(0).toISOString(),
};

const copy: ProgressSnapshot = {
  ...scan,
  kind: 'copy',
  phase: 'copying',
  files_processed: 120,
  files_total: 500,
  bytes_processed: 1_100_000_000,
  bytes_total: 2_400_000_000,
  percentage: 45.2,
  estimate: 'bytes',
  rate: { files_per_second: 40, bytes_per_second: 120_000_000 },
  current_file: '/x/y.exr',
};

/** Any C0 or C1 control character: \r, \n, ESC (ANSI), … */
// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

describe('progressLogLine', () => {
  it('writes a scan as one self-contained line', () => {
    expect(progressLogLine(scan)).toBe(
      'scan /shows/A: 12,345 files, 1.2 GB, 3,210 folders, 41%, 2,000 files/s, 12s left, current: /shows/A/sh010/beauty.1001.exr',
    );
  });

  it('says a first scan has no percentage yet, and leaves out a rate it does not have', () => {
    const line = progressLogLine({ ...scan, percentage: null, rate: null, eta_ms: null, current_file: null });
    expect(line).toBe('scan /shows/A: 12,345 files, 1.2 GB, 3,210 folders, percentage not known yet');
  });

  it('writes a copy with done of total, throughput, time left and the current file', () => {
    expect(progressLogLine(copy)).toBe(
      'copy: 45% 1.1 GB of 2.4 GB, 120 of 500 files, 120 MB/s, 12s left, current: /x/y.exr',
    );
    expect(progressLogLine({ ...copy, phase: 'preparing', files_total: null, bytes_total: null })).toMatch(
      /^copy: counting, 120 files, 1\.1 GB found/,
    );
    expect(progressLogLine({ ...copy, phase: 'paused' })).toBe(
      'copy: 45% paused 1.1 GB of 2.4 GB, 120 of 500 files, current: /x/y.exr',
    );
    expect(progressLogLine({ ...copy, kind: 'move', phase: 'verifying' })).toMatch(
      /^move: 45% reading copies back /,
    );
    expect(progressLogLine({ ...copy, kind: 'verify', phase: 'verifying' })).toMatch(
      /^verify: 45% 1\.1 GB of/,
    );
  });

  it('never writes a control character, whatever a file or folder is called', () => {
    const hostile = { ...scan, root: '/shows/\x1b[31mred', current_file: '/a/b\r\nc\x07\x9bd' };
    for (const line of [
      progressLogLine(hostile),
      progressLogLine({ ...copy, current_file: hostile.current_file }),
    ]) {
      expect(line).not.toMatch(CONTROL);
    }
    expect(progressLogLine(hostile)).toContain('/shows/?[31mred');
  });
});

describe('ProgressLog', () => {
  it('writes the newest snapshot each interval, one line each, and nothing before the first or after stop', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const log = new ProgressLog(out, 20);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(text).toBe('');
    log.update(scan);
    log.update({ ...scan, files_processed: 20_000 });
    // Wait for two ticks (however slow the machine), never for a fixed count.
    for (let waited = 0; text.split('\n').length < 3 && waited < 5000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    log.stop();
    const lines = text.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(new Set(lines)).toEqual(new Set([progressLogLine({ ...scan, files_processed: 20_000 })]));
    const stopped = text;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(text).toBe(stopped);
  });
});

describe('rates and the terminal line', () => {
  it('says 1 file/s but 2 files/s', () => {
    expect(formatRate(1, 'file')).toBe('1 file/s');
    expect(formatRate(0.6, 'file')).toBe('1 file/s');
    expect(formatRate(0, 'file')).toBe('0 files/s');
    expect(formatRate(12_345.4, 'file')).toBe('12,345 files/s');
  });

  it('shows --% on a terminal while a first scan has no percentage, and no rate before it has one', () => {
    const line = progressLine({ ...scan, percentage: null, rate: null, eta_ms: null }, 200);
    expect(line).toMatch(/^ --% 12,345 files, 3,210 folders, 1\.2 GB \| \/shows\/A/);
    expect(line).not.toMatch(/files?\/s/);
  });

  it('shows control characters of names as ?', () => {
    expect(printable('a\tb\nc\x1bd\x7f')).toBe('a?b?c?d?');
  });
});
