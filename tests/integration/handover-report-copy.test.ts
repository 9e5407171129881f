/** Handover reports of a copy to two destinations (version 3 report), and the sample kept for reviewers. */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTransferReport, writeHandoverReports, type TransferReportHead } from '../../src-workers/reports';
import { expectSelfContained, text } from '../helpers/handover-page';
import { parseCsv, writeReport, type Json } from '../helpers/handover-report-files';
import { DEST1, DEST2, ENOSPC, HOSTILE, OPTIONS, sampleJob, STARTED } from '../helpers/handover-sample-job';
import { makeTempDir } from '../helpers/trees';

let dir: string;
beforeAll(() => {
  dir = makeTempDir('handover');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
