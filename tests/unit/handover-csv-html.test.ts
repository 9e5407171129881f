import { describe, expect, it } from 'vitest';
import { csvField, csvFields, csvHeader, csvRecord } from '../../src-workers/reports/csv';
import { escapeHtml } from '../../src-workers/reports/html-markup';
import { formatTime } from '../../src-workers/reports/html-text';
import type { HandoverModel } from '../../src-workers/reports/model';

/** RFC 4180 records (CRLF or LF line ends), each a list of fields. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

const model: Pick<HandoverModel, 'kind' | 'hashes' | 'destinations'> = {
  kind: 'copy',
  hashes: ['md5', 'xxh64'],
  destinations: [
    {
      path: '/a',
      read_back: 'held',
      files: 1,
      bytes: 1,
      verified: 1,
      failed: 0,
      stopped: null,
      mhl_manifests: [],
      checksum_file: null,
    },
    {
      path: '/b',
      read_back: 'held',
      files: 1,
      bytes: 1,
      verified: 1,
      failed: 0,
      stopped: null,
      mhl_manifests: [],
      checksum_file: null,
    },
  ],
};

describe('handover CSV', () => {
  it('quotes only what must be quoted', () => {
    expect(csvField('plain.exr')).toBe('plain.exr');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(' spaced ')).toBe(' spaced ');
    expect(csvRecord(['a', 'b,c'])).toBe('a,"b,c"\r\n');
  });

  it('has a column per hash format and two per destination, and reads back exactly', () => {
    const header = csvHeader(model);
    expect(header).toEqual([
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
    const nasty = 'A001/shot, "final"\r\nv2\n.mov';
    const row = {
      path: nasty,
      size: 12,
      status: 'failed',
      hashes: { xxh64: 'ef46db3751d8e999', md5: 'd41d8cd98f00b204e9800998ecf8427e' },
      outs: [
        { status: 'copied' },
        { status: 'failed', cause: 'No space left on the destination (ENOSPC), "full"' },
      ],
    };
    const text = csvRecord(header) + csvRecord(csvFields(model, row));
    expect(parseCsv(text)).toEqual([
      header,
      [
        nasty,
        '12',
        'failed',
        '',
        'd41d8cd98f00b204e9800998ecf8427e',
        'ef46db3751d8e999',
        'copied',
        '',
        'failed',
        'No space left on the destination (ENOSPC), "full"',
      ],
    ]);
  });

  it('repeats the row status for each destination when the row has no outs, and leaves renamed_to out for verify', () => {
    const verify = {
      ...model,
      kind: 'verify' as const,
      hashes: ['xxh64' as const],
      destinations: [model.destinations[0]!],
    };
    expect(csvHeader(verify)).toEqual(['path', 'size', 'status', 'xxh64', 'dest1_status', 'dest1_cause']);
    expect(csvFields(verify, { path: 'x', size: 1, status: 'changed', cause: 'xxh64 differs' })).toEqual([
      'x',
      '1',
      'changed',
      '',
      'changed',
      'xxh64 differs',
    ]);
  });
});

describe('handover HTML text', () => {
  it('escapes markup and shows hidden characters as marks', () => {
    expect(escapeHtml('<script>alert("x")</script>&\'')).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;',
    );
    expect(escapeHtml('a\nb\tc\u0000')).toBe('a\u240ab\u2409c\u2400');
    expect(escapeHtml('invoice\u202Egpj.exe')).toBe('invoice⟨U+202E⟩gpj.exe');
    expect(escapeHtml('\u2066x\u2069\u200f')).toBe('⟨U+2066⟩x⟨U+2069⟩⟨U+200F⟩');
  });

  it('formats times in the zone asked for', () => {
    const at = new Date('2025-05-13T14:02:11.000Z');
    expect(formatTime(at, 'UTC')).toBe('2025-05-13 14:02:11 UTC');
    expect(formatTime(at, 'Europe/Paris')).toBe('2025-05-13 16:02:11 UTC+02:00');
    expect(formatTime(at, 'America/St_Johns')).toBe('2025-05-13 11:32:11 UTC-02:30');
    expect(formatTime(new Date('2025-01-01T00:00:00.900Z'), 'UTC')).toBe('2025-01-01 00:00:00 UTC');
  });
});
