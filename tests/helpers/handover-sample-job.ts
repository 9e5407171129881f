/** The handover tests' sample job: a small shot delivery to two destinations, the second one full. */
import { createHash } from 'node:crypto';
import type { Json } from './handover-report-files';

export const hex = (text: string, algo: 'md5' | 'sha1', length: number): string =>
  createHash(algo).update(text).digest('hex').slice(0, length);

export const STARTED = '2025-05-13T14:02:11.000Z';
export const DURATION = 192_000;
export const FINISHED = new Date(Date.parse(STARTED) + DURATION).toISOString();
export const DEST1 = '/Volumes/RAID/show/incoming';
export const DEST2 = '/Volumes/SHUTTLE_02/incoming';
export const ENOSPC = 'No space left on the destination (ENOSPC)';

/** A small shot delivery: a sequence with gaps, plates, loose files, two destinations, the second one full. */
export function sampleJob(hostile: string[] = []): { head: Json; rows: Json[]; tail: Json } {
  const rows: Json[] = [];
  const add = (path: string, size: number, outs: [string, string?][] = [['copied'], ['copied']]): void => {
    const failed = outs.some(([s]) => s === 'failed');
    rows.push({
      path,
      status: failed ? 'failed' : 'copied',
      size,
      hashes: { md5: hex(path, 'md5', 32), xxh64: hex(path, 'sha1', 16) },
      outs: outs.map(([status, cause]) => (cause ? { status, cause } : { status })),
    });
  };
  for (let f = 1001; f <= 1100; f++)
    if (f !== 1050 && f !== 1077) add(`SH010/comp/v003/SH010_comp_v003.${f}.exr`, 12_582_912 + f);
  add('SH010/comp/v003/SH010_comp_v003.mov', 734_003_200);
  for (let f = 1001; f <= 1100; f++) add(`SH010/plates/SH010_plate.${f}.dpx`, 12_746_752);
  add('SH010/nuke/SH010_comp.nk', 48_213);
  for (let f = 1001; f <= 1048; f++)
    add(
      `SH020/renders/beauty/SH020_beauty.${f}.exr`,
      9_437_184,
      f > 1040 ? [['copied'], ['failed', ENOSPC]] : undefined,
    );
  add('SH020/ref/client notes.pdf', 1_204_311, [['copied'], ['failed', ENOSPC]]);
  add('SH020/ref/grade.cdl', 512, [['copied'], ['failed', ENOSPC]]);
  for (const name of hostile) add(`SH020/ref/${name}`, 7);

  const sum = (pick: (row: Json) => boolean): { files: number; bytes: number } => {
    const chosen = rows.filter(pick);
    return { files: chosen.length, bytes: chosen.reduce((s, r) => s + (r.size as number), 0) };
  };
  const outOf = (row: Json, d: number): string => ((row.outs as Json[])[d] as Json).status as string;
  const d1 = sum((r) => outOf(r, 0) === 'copied');
  const d2 = sum((r) => outOf(r, 1) === 'copied');
  const failedRows = rows.filter((r) => r.status === 'failed');
  const failures = failedRows.map((r) => ({
    path: `/mnt/ingest/${r.path as string}`,
    code: 'NO_SPACE',
    errno: 'ENOSPC',
    message: ENOSPC,
  }));
  const group = {
    code: 'NO_SPACE',
    errno: 'ENOSPC',
    cause: ENOSPC,
    folder: null,
    count: failedRows.length,
    examples: failures.slice(0, 5).map((f) => f.path),
  };
  const all = sum(() => true);
  const head = {
    version: 3,
    batch_id: 'b7c1e2a4-5d3f-4e8a-9b10-2c4d6e8f0a12',
    kind: 'copy',
    sources: ['/mnt/ingest/SH010', '/mnt/ingest/SH020'],
    destination: DEST1,
    destinations: [DEST1, DEST2],
    hashes: ['md5', 'xxh64'],
    verify: true,
    mhl: true,
    started_at: STARTED,
  };
  const result = {
    kind: 'copy',
    sources: head.sources,
    destination: DEST1,
    policy: 'skip',
    verify: true,
    hashes: ['md5', 'xxh64'],
    mhl: true,
    destinations: [
      {
        path: DEST1,
        files_copied: d1.files,
        bytes_copied: d1.bytes,
        verified_files: d1.files,
        failed_count: 0,
        failure: null,
        cache_bypass: 'held',
        mhl_manifests: [
          `${DEST1}/SH010/ascmhl/0001_SH010_2025-05-13_140211Z.mhl`,
          `${DEST1}/SH020/ascmhl/0001_SH020_2025-05-13_140211Z.mhl`,
        ],
        checksum_file: `${DEST1}/b7c1e2a4.xxh64`,
      },
      {
        path: DEST2,
        files_copied: d2.files,
        bytes_copied: d2.bytes,
        verified_files: d2.files,
        failed_count: failedRows.length,
        failure: ENOSPC,
        cache_bypass: 'not_held',
        mhl_manifests: [`${DEST2}/SH010/ascmhl/0001_SH010_2025-05-13_140211Z.mhl`],
        checksum_file: null,
      },
    ],
    files_total: all.files,
    bytes_total: all.bytes,
    files_copied: d1.files,
    bytes_copied: d1.bytes,
    files_skipped: 0,
    files_renamed: 0,
    bytes_skipped: 0,
    entries_renamed_in_place: 0,
    files_renamed_in_place: 0,
    bytes_renamed_in_place: 0,
    symlinks_copied: 0,
    dirs_created: 7,
    verified_files: d1.files,
    sources_removed: 0,
    failed_count: failedRows.length,
    failures,
    failure_groups: [group],
    left_in_place: [],
    report_path: '/home/ada/.config/wrangle/jobs/b7c1e2a4/report.json',
    checksum_file: `${DEST1}/b7c1e2a4.xxh64`,
    retry_of: null,
    housekeeping: {
      temp_files_removed: [],
      temp_files_removed_count: 0,
      mtime_window_ns: 1,
      publish: 'tmpfile',
      engine: 'native',
    },
    finished_at: FINISHED,
    duration_ms: DURATION,
  };
  const tail = {
    state: 'completed',
    error: null,
    result,
    failures,
    failure_groups: [group],
    left_in_place: [],
    renamed_in_place: [],
  };
  return { head, rows, tail };
}

/** Render options that make the pages the same on every machine. */
export const OPTIONS = { version: '0.1.0', generatedAt: new Date(FINISHED), timeZone: 'UTC' };

/** File names that try to inject markup into the page, or to hide what they are. */
export const HOSTILE = [
  '<script>alert(1)<\u2215script>.exr',
  '<img src=x onerror=alert(1)>.txt',
  '"><link rel=stylesheet href=https:\u2215\u2215evil.example\u2215x.css>.txt',
  '<iframe src=javascript:alert(2)>',
  'a&amp;b <b>bold.txt',
  'invoice\u202Egpj.exe',
  'shot, "final"\nv2.mov',
  'tab\there\r.txt',
];
