/**
 * Handover reports at their limits: reports that cannot be made, jobs that failed or held nothing, caps on a
 * long page, and 200,000 files in bounded memory.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
  type HandoverRow,
  type TransferReportHead,
} from '../../src-workers/reports';
import { expectSelfContained, text } from '../helpers/handover-page';
import { writeReport, type Json } from '../helpers/handover-report-files';
import { hex, OPTIONS, sampleJob, STARTED } from '../helpers/handover-sample-job';
import { makeTempDir } from '../helpers/trees';

let dir: string;
beforeAll(() => {
  dir = makeTempDir('handover');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
