/** Handover reports of a move (an older, version 2 report) and of a verify job (from the neutral model). */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  renderHandover,
  writeHandoverReports,
  type HandoverModel,
  type HandoverRow,
} from '../../src-workers/reports';
import { expectSelfContained, text } from '../helpers/handover-page';
import { parseCsv, writeReport } from '../helpers/handover-report-files';
import { DURATION, FINISHED, OPTIONS, STARTED } from '../helpers/handover-sample-job';
import { makeTempDir } from '../helpers/trees';

let dir: string;
beforeAll(() => {
  dir = makeTempDir('handover');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('handover reports from a version 2 report', () => {
  it('reads the older shape: one destination, xxh64 per row, causes from the failure list', async () => {
    const head = {
      version: 2,
      batch_id: 'old-batch-1',
      kind: 'move',
      sources: ['/mnt/card/A001'],
      destination: '/srv/media/A001-backup',
    };
    const rows = [
      { path: 'A001/clip.0001.exr', status: 'moved', size: 10, xxh64: 'aaaaaaaaaaaaaaaa' },
      { path: 'A001/clip.0002.exr', status: 'moved', size: 10, xxh64: 'bbbbbbbbbbbbbbbb' },
      { path: 'A001/clip.0004.exr', status: 'moved', size: 10, xxh64: 'cccccccccccccccc' },
      { path: 'A001/sound.wav', status: 'failed', size: 99 },
      {
        path: 'A001/take.mov',
        status: 'renamed',
        size: 5,
        destination: 'A001/take (1).mov',
        xxh64: 'dddddddddddddddd',
      },
    ];
    const failure = {
      path: '/mnt/card/A001/sound.wav',
      code: 'COPY_PERMISSION_ERROR',
      errno: 'EACCES',
      message: 'Permission denied reading the source',
    };
    const tail = {
      state: 'completed',
      error: null,
      result: {
        kind: 'move',
        sources: head.sources,
        destination: head.destination,
        policy: 'rename',
        verify: true,
        files_total: 5,
        bytes_total: 134,
        files_copied: 4,
        bytes_copied: 35,
        files_skipped: 0,
        files_renamed: 1,
        entries_renamed_in_place: 0,
        symlinks_copied: 0,
        dirs_created: 1,
        verified_files: 4,
        sources_removed: 4,
        failed_count: 1,
        failures: [failure],
        left_in_place: [failure],
        report_path: '/tmp/r.json',
        checksum_file: '/srv/media/A001-backup/A001.xxh64',
        finished_at: FINISHED,
        duration_ms: 2500,
      },
      failures: [failure],
      left_in_place: [failure],
      renamed_in_place: [],
    };
    const report = join(dir, 'v2.json');
    writeReport(report, head, rows, tail);
    const out = { html: join(dir, 'v2.html'), csv: join(dir, 'v2.csv') };
    await writeHandoverReports(report, out, OPTIONS);
    const csv = parseCsv(readFileSync(out.csv, 'utf8'));
    expect(csv).toEqual([
      ['path', 'size', 'status', 'renamed_to', 'xxh64', 'dest1_status', 'dest1_cause'],
      ['A001/clip.0001.exr', '10', 'moved', '', 'aaaaaaaaaaaaaaaa', 'moved', ''],
      ['A001/clip.0002.exr', '10', 'moved', '', 'bbbbbbbbbbbbbbbb', 'moved', ''],
      ['A001/clip.0004.exr', '10', 'moved', '', 'cccccccccccccccc', 'moved', ''],
      ['A001/sound.wav', '99', 'failed', '', '', 'failed', 'Permission denied reading the source'],
      ['A001/take.mov', '5', 'renamed', 'A001/take (1).mov', 'dddddddddddddddd', 'renamed', ''],
    ]);
    const page = readFileSync(out.html, 'utf8');
    expectSelfContained(page);
    const words = text(page);
    expect(words).toContain('Move report');
    expect(words).toContain('Read back (cache bypass not recorded)');
    expect(words).toContain('A001/clip.####.exr1–4(3 frames, missing 3)');
    expect(words).toContain('Permission denied reading the source');
    expect(words).toContain('take (1).mov');
    expect(words).toContain('4 files, each after its copy was verified');
    expect(words).toContain('A001.xxh64');
    expect(words).toContain('2025-05-13 14:05:20 UTC'); // started = finished - duration
  });
});

describe('handover reports for a verify job', () => {
  it('render from the neutral model and rows', async () => {
    const model: HandoverModel = {
      kind: 'verify',
      batch_id: 'verify-1',
      state: 'completed',
      error: null,
      sources: ['/Volumes/RAID/show/incoming/SH010/ascmhl'],
      destinations: [
        {
          path: '/Volumes/RAID/show/incoming/SH010',
          read_back: 'held',
          files: 6,
          bytes: 60,
          verified: 3,
          failed: 2,
          stopped: null,
          mhl_manifests: null,
          checksum_file: null,
        },
      ],
      hashes: ['xxh64'],
      verify: true,
      started_at: STARTED,
      finished_at: FINISHED,
      duration_ms: DURATION,
      bytes: 60,
      failed_count: 2,
      failure_groups: [],
      facts: [{ label: 'Manifest', value: 'ascmhl/0001_SH010_2025-05-13_140211Z.mhl' }],
    };
    const rows: HandoverRow[] = [
      { path: 'SH010/a.0001.exr', size: 10, status: 'verified', hashes: { xxh64: '1111111111111111' } },
      { path: 'SH010/a.0002.exr', size: 10, status: 'changed', cause: 'xxh64 differs from the manifest' },
      { path: 'SH010/a.0003.exr', size: 10, status: 'verified' },
      { path: 'SH010/a.0004.exr', size: 10, status: 'missing' },
      { path: 'SH010/a.0005.exr', size: 10, status: 'verified' },
      { path: 'SH010/extra.txt', size: 10, status: 'new' },
    ];
    const out = { html: join(dir, 'verify.html'), csv: join(dir, 'verify.csv') };
    await renderHandover(model, rows, out, OPTIONS);
    const page = readFileSync(out.html, 'utf8');
    expectSelfContained(page);
    const words = text(page);
    expect(words).toContain('Verification report');
    expect(words).toContain('Completed: problems found');
    expect(words).toContain('SH010/a.####.exr1–5(5 frames)');
    expect(words).toContain('1 changed: 2');
    expect(words).toContain('1 missing from the folder: 4');
    expect(words).toContain('ascmhl/0001_SH010_2025-05-13_140211Z.mhl');
    expect(parseCsv(readFileSync(out.csv, 'utf8'))).toEqual([
      ['path', 'size', 'status', 'xxh64', 'dest1_status', 'dest1_cause'],
      ['SH010/a.0001.exr', '10', 'verified', '1111111111111111', 'verified', ''],
      ['SH010/a.0002.exr', '10', 'changed', '', 'changed', 'xxh64 differs from the manifest'],
      ['SH010/a.0003.exr', '10', 'verified', '', 'verified', ''],
      ['SH010/a.0004.exr', '10', 'missing', '', 'missing', ''],
      ['SH010/a.0005.exr', '10', 'verified', '', 'verified', ''],
      ['SH010/extra.txt', '10', 'new', '', 'new', ''],
    ]);
  });
});
