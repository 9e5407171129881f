/**
 * Handover reports from real JSON report files, written the way report-writer.ts writes them: the head JSON
 * with `"files":[`, one row per line joined by `,\n`, then `\n],` and the tail.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  readTransferReport,
  readTransferReportTail,
  renderHandover,
  ReportFormatError,
  transferHandoverModel,
  writeHandoverReports,
  type HandoverModel,
  type HandoverRow,
  type TransferReportHead,
} from '../../src-main/workers/reports';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wrangle-handover-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

type Json = Record<string, unknown>;

/** Writes a report file exactly as ReportWriter does (rows may be a generator: never gathered). */
function writeReport(path: string, head: Json, rows: Iterable<Json>, tail: Json): void {
  const fd = openSync(path, 'w');
  let text = `${JSON.stringify(head).slice(0, -1)},"files":[\n`;
  let n = 0;
  for (const row of rows) {
    text += `${n++ === 0 ? '' : ',\n'}${JSON.stringify(row)}`;
    if (text.length > 1 << 16) {
      writeSync(fd, text);
      text = '';
    }
  }
  text += `\n],${JSON.stringify(tail).slice(1)}\n`;
  writeSync(fd, text);
  closeSync(fd);
}

/** RFC 4180 records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || record.length > 0) throw new Error('CSV does not end with CRLF');
  return records;
}

const hex = (text: string, algo: 'md5' | 'sha1', length: number): string =>
  createHash(algo).update(text).digest('hex').slice(0, length);

const STARTED = '2025-05-13T14:02:11.000Z';
const DURATION = 192_000;
const FINISHED = new Date(Date.parse(STARTED) + DURATION).toISOString();
const DEST1 = '/Volumes/RAID/show/incoming';
const DEST2 = '/Volumes/SHUTTLE_02/incoming';
const ENOSPC = 'No space left on the destination (ENOSPC)';

/** A small shot delivery: a sequence with gaps, plates, loose files, two destinations, the second one full. */
function sampleJob(hostile: string[] = []): { head: Json; rows: Json[]; tail: Json } {
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

const OPTIONS = { version: '0.1.0', generatedAt: new Date(FINISHED), timeZone: 'UTC' };

const HOSTILE = [
  '<script>alert(1)<\u2215script>.exr',
  '<img src=x onerror=alert(1)>.txt',
  '"><link rel=stylesheet href=https:\u2215\u2215evil.example\u2215x.css>.txt',
  '<iframe src=javascript:alert(2)>',
  'a&amp;b <b>bold.txt',
  'invoice\u202Egpj.exe',
  'shot, "final"\nv2.mov',
  'tab\there\r.txt',
];

/** Tags the page may contain: anything else came from data. */
const ALLOWED_TAGS = new Set(
  'html head meta title style body header h1 h2 h3 span p code section table colgroup col thead tbody tr th td ul li br time footer'.split(
    ' ',
  ),
);

function expectSelfContained(page: string): void {
  const tags = [...page.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => (m[1] as string).toLowerCase());
  expect(tags.filter((tag) => !ALLOWED_TAGS.has(tag))).toEqual([]);
  expect(page).not.toMatch(/<script|<link|<img|<iframe|<object|<embed/i);
  expect(page).not.toMatch(/[a-z]+:\/\/|url\(|@import/i);
  // Inside tags (text holds no raw "<"): no reference to anything, no event handler.
  for (const [tag] of page.matchAll(/<[^>]*>/g)) {
    expect(tag).not.toMatch(/\s(src|href|action|srcset|poster|data|background)\s*=/i);
    expect(tag).not.toMatch(/\son\w+\s*=/i);
  }
  expect(page).toMatch(/^<!DOCTYPE html>/i);
  expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'`);
  expect(page).toContain('@media print');
}

const text = (page: string): string =>
  page
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

describe('handover reports from a version 3 report', () => {
  let page: string;
  let csv: string[][];
  let job: ReturnType<typeof sampleJob>;

  beforeAll(async () => {
    job = sampleJob(HOSTILE);
    const report = join(dir, 'v3.json');
    writeReport(report, job.head, job.rows, job.tail);
    await writeHandoverReports(report, { html: join(dir, 'v3.html'), csv: join(dir, 'v3.csv') }, OPTIONS);
    page = readFileSync(join(dir, 'v3.html'), 'utf8');
    csv = parseCsv(readFileSync(join(dir, 'v3.csv'), 'utf8'));
  });

  it('writes both files atomically, with no temporary file left', () => {
    expect(
      readdirSync(dir)
        .filter((name) => name.startsWith('v3.'))
        .sort(),
    ).toEqual(['v3.csv', 'v3.html', 'v3.json']);
  });

  it('is one self-contained page that hostile names cannot inject into', () => {
    expectSelfContained(page);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;\u2215script&gt;.exr');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;.txt');
    expect(page).toContain('&quot;&gt;&lt;link rel=stylesheet');
    expect(page).toContain('a&amp;amp;b &lt;b&gt;bold.txt');
    expect(page).toContain('invoice⟨U+202E⟩gpj.exe');
    expect(page).toContain('shot, &quot;final&quot;\u240av2.mov');
    expect(page).not.toContain('\u202E');
  });

  it('gives the facts of the job', () => {
    const words = text(page);
    expect(words).toContain('Copy report');
    expect(words).toContain('Completed with failures');
    expect(page).toContain('b7c1e2a4-5d3f-4e8a-9b10-2c4d6e8f0a12');
    expect(words).toContain('Wrangle 0.1.0');
    for (const path of ['/mnt/ingest/SH010', '/mnt/ingest/SH020', DEST1, DEST2])
      expect(words).toContain(path);
    expect(words).toContain('md5, xxh64');
    expect(words).toContain('Read back from storage, page cache dropped');
    expect(words).toContain('Read back (cache bypass not held)');
    expect(words).toContain('Skip: files already at the destination were left alone');
    expect(words).toContain('2025-05-13 14:02:11 UTC');
    expect(words).toContain('2025-05-13 14:05:23 UTC');
    expect(page).toContain(`datetime="${STARTED}"`);
    expect(words).toContain('3m 12s');
    const bytes = (job.tail.result as Json).bytes_copied as number;
    expect(words).toContain(`${bytes.toLocaleString('en-US')} bytes`);
    expect(words).toMatch(/Average speed\s*\d+(\.\d)? MB\/s/);
  });

  it('has the per-destination numbers', () => {
    const [first, second] = (job.tail.result as { destinations: Json[] }).destinations as [Json, Json];
    const section = page.slice(
      page.indexOf('<h2>Destinations</h2>'),
      page.indexOf('<h2>Outcome by file</h2>'),
    );
    /** The text of every table row of the section that names `path`. */
    const rowOf = (path: string): string =>
      section
        .split('<tr>')
        .filter((row) => row.includes(`<code>${path}</code>`))
        .map(text)
        .join(' | ');
    const one = rowOf(DEST1);
    const two = rowOf(DEST2);
    expect(one).toContain(`${first.files_copied}3.7 GB${first.verified_files}0`);
    expect(one).toContain('0001_SH010_2025-05-13_140211Z.mhl');
    expect(one).toContain('b7c1e2a4.xxh64');
    expect(two).toContain(String(second.files_copied));
    expect(two).toContain(`Stopped: ${ENOSPC}`);
    expect(two).toContain(`${second.files_copied}3.6 GB${second.verified_files}10`); // files, bytes, verified, failures
    expect(two).toContain(`${second.files_copied} copied · 10 failed`);
    expect(two).not.toContain('b7c1e2a4.xxh64');
  });

  it('groups failures by cause', () => {
    const section = text(page.slice(page.indexOf('Failures by cause')));
    expect(section).toContain(ENOSPC);
    expect(section).toContain('NO_SPACE · ENOSPC');
    expect(section).toContain('/mnt/ingest/SH020/renders/beauty/SH020_beauty.1041.exr');
    expect(section).toContain('and 5 more');
  });

  it('lists sequences per folder as frame ranges with their gaps, not one line per frame', () => {
    const words = text(page);
    expect(words).toContain(
      'SH010/comp/v003/SH010_comp_v003.####.exr1001–1100(98 frames, missing 1050, 1077)',
    );
    expect(words).toContain('SH010/plates/SH010_plate.####.dpx1001–1100(100 frames)');
    expect(words).toContain('SH020/renders/beauty/SH020_beauty.####.exr1001–1048(48 frames)');
    expect(words).toContain('8 failed: 1041–1048');
    expect(words).toContain('SH010_comp_v003.mov');
    expect(words).toContain('client notes.pdf');
    expect(page).not.toContain('SH010_comp_v003.1001.exr');
  });

  it('writes a CSV that reads back to exactly the rows', () => {
    expect(csv[0]).toEqual([
      'path',
      'size',
      'status',
      'renamed_to',
      'md5',
      'xxh64',
      'dest1_status',
      'dest1_cause',
      'dest2_status',
      'dest2_cause',
    ]);
    const expected = job.rows.map((row) => {
      const hashes = row.hashes as Record<string, string>;
      const outs = row.outs as { status: string; cause?: string }[];
      return [
        row.path as string,
        String(row.size),
        row.status as string,
        '',
        hashes.md5 as string,
        hashes.xxh64 as string,
        ...outs.flatMap((out) => [out.status, out.cause ?? '']),
      ];
    });
    expect(csv.slice(1)).toEqual(expected);
    expect(csv.map((record) => record[0])).toContain('SH020/ref/shot, "final"\nv2.mov');
    expect(csv.map((record) => record[0])).toContain('SH020/ref/tab\there\r.txt');
  });

  it('reads the report as head, rows, tail', async () => {
    const kinds: string[] = [];
    let head: TransferReportHead | null = null;
    for await (const part of readTransferReport(join(dir, 'v3.json'))) {
      if (kinds.at(-1) !== part.type) kinds.push(part.type);
      if (part.type === 'head') head = part.head;
    }
    expect(kinds).toEqual(['head', 'row', 'tail']);
    expect(head).toMatchObject({
      version: 3,
      destinations: [DEST1, DEST2],
      hashes: ['md5', 'xxh64'],
      verify: true,
    });
  });
});

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

describe('handover reports that cannot be made', () => {
  it('refuse a report cut short, leaving nothing behind', async () => {
    const sub = join(dir, 'cut');
    mkdirSync(sub);
    const report = join(sub, 'report.json');
    writeFileSync(
      report,
      '{"version":3,"batch_id":"x","kind":"copy","sources":["/a"],"destination":"/b","files":[\n{"path":"a/b","status":"copied","size":1},\n',
    );
    const out = { html: join(sub, 'out.html'), csv: join(sub, 'out.csv') };
    await expect(writeHandoverReports(report, out)).rejects.toBeInstanceOf(ReportFormatError);
    expect(readdirSync(sub)).toEqual(['report.json']);
  });

  it('refuse an unknown version and a file that is not a report', async () => {
    const report = join(dir, 'v9.json');
    writeReport(report, { version: 9, batch_id: 'x' }, [], { state: 'completed' });
    await expect(
      writeHandoverReports(report, { html: join(dir, 'v9.html'), csv: join(dir, 'v9.csv') }),
    ).rejects.toThrow(/version 9/);
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, 'hello\n],{}\n');
    await expect(
      writeHandoverReports(junk, { html: join(dir, 'j.html'), csv: join(dir, 'j.csv') }),
    ).rejects.toThrow(/not a Wrangle report/);
    expect(existsSync(join(dir, 'v9.html')) || existsSync(join(dir, 'j.csv'))).toBe(false);
  });
});

describe('handover reports of jobs that ended early or held little', () => {
  it('say a job failed, and why; an empty report has a header-only CSV', async () => {
    const report = join(dir, 'empty.json');
    writeReport(
      report,
      {
        version: 3,
        batch_id: 'empty-1',
        kind: 'copy',
        sources: ['/a/src'],
        destination: '/b',
        destinations: ['/b'],
        hashes: ['xxh64'],
        verify: false,
        mhl: false,
        started_at: STARTED,
      },
      [],
      {
        state: 'failed',
        error: 'The destination was unplugged',
        result: { failed_count: 0 },
        failures: [],
        failure_groups: [],
        left_in_place: [],
        renamed_in_place: [],
      },
    );
    const out = { html: join(dir, 'empty.html'), csv: join(dir, 'empty.csv') };
    await writeHandoverReports(report, out, OPTIONS);
    expect(readFileSync(out.csv, 'utf8')).toBe(
      'path,size,status,renamed_to,xxh64,dest1_status,dest1_cause\r\n',
    );
    const words = text(readFileSync(out.html, 'utf8'));
    expect(words).toContain('Failed');
    expect(words).toContain('The destination was unplugged');
    expect(words).toContain('Off: copies were not read back');
    expect(words).toContain('No files.');
  });

  it('list folders by their totals once the page is long enough, and count what is past the caps', async () => {
    const rows: HandoverRow[] = [];
    for (let d = 0; d < 6; d++)
      for (let f = 1; f <= 3; f++)
        rows.push({ path: `T/d${d}/img.${1000 + f}.exr`, size: 1, status: 'copied' });
    for (let d = 6; d < 9; d++) rows.push({ path: `T/d${d}/note.txt`, size: 1, status: 'copied' });
    const model = transferHandoverModel(
      {
        version: 3,
        batch_id: 'caps',
        kind: 'copy',
        sources: ['/s/T'],
        destination: '/d',
        destinations: ['/d'],
        hashes: ['xxh64'],
        verify: true,
        mhl: false,
        started_at: null,
      },
      {
        state: 'completed',
        error: null,
        result: {},
        failures: [],
        failure_groups: [],
        left_in_place: [],
        renamed_in_place: [],
      },
    );
    const out = { html: join(dir, 'caps.html'), csv: join(dir, 'caps.csv') };
    await renderHandover(model, rows, out, { ...OPTIONS, limits: { lines: 4, folderTotals: 2, folders: 8 } });
    const words = text(readFileSync(out.html, 'utf8'));
    expect(words).toContain('T/d0/img.####.exr1001–1003(3 frames)');
    expect(words).toContain('T/d1/img.####.exr');
    expect(words).not.toContain('T/d2/img.####.exr');
    expect(words).toContain('More folders');
    expect(words).toContain('T/d2/33 B3 copied');
    expect(words).toContain('T/d3/33 B3 copied');
    expect(words).toContain('and 4 more folders (8 files) — see the CSV');
    expect(words).toContain('and 1 more file (1 B) in further folders');
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

/** Base-26 letters: file names without digits, so they are not frames. */
const letters = (n: number): string => {
  let s = '';
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return s;
};

describe('a report of 200,000 files', () => {
  const FOLDERS = 300;
  const FRAMES = 500;
  const LOOSE = 50_000;

  function* bigRows(): Generator<Json> {
    for (let d = 0; d < FOLDERS; d++)
      for (let f = 1; f <= FRAMES; f++) {
        if (f === 250) continue;
        const path = `SHOW/sh${String(d).padStart(4, '0')}/render/beauty.${String(f).padStart(4, '0')}.exr`;
        yield {
          path,
          status: 'copied',
          size: 8_000_000 + f,
          hashes: { md5: hex(path, 'md5', 32), xxh64: hex(path, 'sha1', 16) },
          outs: [{ status: 'copied' }, { status: 'copied' }],
        };
      }
    for (let i = 0; i < LOOSE; i++)
      yield {
        path: `SHOW/cache/${letters(i)}.bin`,
        status: 'copied',
        size: 100,
        hashes: { md5: hex(String(i), 'md5', 32), xxh64: hex(String(i), 'sha1', 16) },
        outs: [{ status: 'copied' }, { status: 'copied' }],
      };
  }
  const ROWS = FOLDERS * (FRAMES - 1) + LOOSE;

  let report: string;
  beforeAll(() => {
    report = join(dir, 'big.json');
    const { head, tail } = sampleJob();
    writeReport(report, head, bigRows(), tail);
  });

  it('is handled with bounded memory', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const baseline = process.memoryUsage().heapUsed;
    let peak = 0;
    let seen = 0;
    const sample = (): void => {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
    };
    // The same path as writeHandoverReports, with a look at the retained heap every 20,000 rows.
    const parts = readTransferReport(report);
    const first = await parts.next();
    const head = (first.value as { head: TransferReportHead }).head;
    const model = transferHandoverModel(head, await readTransferReportTail(report));
    async function* rows(): AsyncGenerator<HandoverRow> {
      for await (const part of parts) {
        if (part.type !== 'row') continue;
        if (++seen % 20_000 === 0) sample();
        yield part.row;
      }
    }
    await renderHandover(model, rows(), { html: join(dir, 'big.html'), csv: join(dir, 'big.csv') }, OPTIONS);
    sample();
    expect(seen).toBe(ROWS);
    // Holding these rows takes about 70 MB; the summary and the buffers take a few.
    expect(peak).toBeLessThan(24 * 1024 * 1024);
  });

  it('lists the sequences and caps the long folder, and the CSV has every row', async () => {
    const out = { html: join(dir, 'big2.html'), csv: join(dir, 'big2.csv') };
    await writeHandoverReports(report, out, OPTIONS);
    const page = readFileSync(out.html, 'utf8');
    expectSelfContained(page);
    const words = text(page);
    expect(words).toContain('SHOW/sh0000/render/beauty.####.exr1–500(499 frames, missing 250)');
    expect(words).toContain('SHOW/sh0299/render/beauty.####.exr1–500(499 frames, missing 250)');
    expect(words).toContain(`and ${(LOOSE - 50).toLocaleString('en-US')} more files — see the CSV`);
    expect(page.length).toBeLessThan(3_000_000);
    // Count records without holding them: every line ends with CRLF and no name here has a line break.
    const csvText = readFileSync(out.csv, 'utf8');
    let lines = 0;
    for (let at = csvText.indexOf('\r\n'); at >= 0; at = csvText.indexOf('\r\n', at + 2)) lines++;
    expect(lines).toBe(ROWS + 1);
  });
});

describe('the sample for reviewers', () => {
  it('renders docs/samples/handover-report.html (rewritten with WRANGLE_UPDATE_SAMPLES=1)', async () => {
    const job = sampleJob();
    const report = join(dir, 'sample.json');
    writeReport(report, job.head, job.rows, job.tail);
    mkdirSync(join(dir, 'sample'));
    const out = {
      html: join(dir, 'sample', 'handover-report.html'),
      csv: join(dir, 'sample', 'handover-report.csv'),
    };
    await writeHandoverReports(report, out, OPTIONS);
    const page = readFileSync(out.html, 'utf8');
    expectSelfContained(page);
    const sample = join(__dirname, '..', '..', 'docs', 'samples', 'handover-report.html');
    if (process.env.WRANGLE_UPDATE_SAMPLES === '1') {
      mkdirSync(dirname(sample), { recursive: true });
      // Formatted like the rest of the repository, so `prettier --check .` stays clean.
      const { format, resolveConfig } = await import('prettier');
      writeFileSync(sample, await format(page, { ...(await resolveConfig(sample)), filepath: sample }));
    }
    const committed = readFileSync(sample, 'utf8');
    expectSelfContained(committed);
    const words = text(committed).replace(/\s+/g, ' ');
    for (const marker of [
      'SH010/comp/v003/SH010_comp_v003.####.exr 1001–1100 (98 frames, missing 1050, 1077)',
      'dest2',
      ENOSPC,
      'Read back from storage, page cache dropped',
      '8 failed: 1041–1048 (dest1 copied, dest2 failed)',
    ])
      expect(words).toContain(marker);
  });
});
