import { describe, expect, it } from 'vitest';
import {
  ANY_FRAME_RULES,
  SUSPECT_SMALL_RATIO,
  groupSequences,
  parseFrameName,
  parseFrameSet,
  type FileEntry,
  type FrameRules,
  type Sequence,
} from '../../src-shared/sequences';

const entries = (names: string[], size = 1000): FileEntry[] => names.map((name) => ({ name, size }));
const range = (pattern: (f: number) => string, from: number, to: number, step = 1): string[] => {
  const out: string[] = [];
  for (let f = from; f <= to; f += step) out.push(pattern(f));
  return out;
};
const pad = (f: number, width: number): string =>
  f < 0 ? `-${String(-f).padStart(width - 1, '0')}` : String(f).padStart(width, '0');
/** The fields that say which sequence it is, for compact expectations. */
const brief = (s: Sequence): string => `${s.pattern} ${s.frames}${s.missing ? ` missing ${s.missing}` : ''}`;
/** Grouped with the default sequence extensions, or with `rules` (ANY_FRAME_RULES: fileseq's own grouping). */
const group = (names: string[], rules?: FrameRules): { seqs: string[]; singles: string[] } => {
  const { sequences, singles } = groupSequences(entries(names), rules);
  return { seqs: sequences.map(brief), singles: singles.map((f) => f.name) };
};

describe('parseFrameName', () => {
  it('takes the last digit run before the extension', () => {
    expect(parseFrameName('sh010_comp_v003.1001.exr')).toEqual({
      prefix: 'sh010_comp_v003.',
      frame: 1001,
      digits: '1001',
      suffix: '.exr',
      zero_filled: false,
      padding: 1,
    });
    expect(parseFrameName('beauty.0042.exr')).toMatchObject({ frame: 42, digits: '0042', padding: 4 });
    expect(parseFrameName('render_v002_final.exr')).toMatchObject({
      prefix: 'render_v',
      frame: 2,
      suffix: '_final.exr',
    });
    expect(parseFrameName('name_1001.beauty.exr')).toMatchObject({ prefix: 'name_', suffix: '.beauty.exr' });
    expect(parseFrameName('frame1001')).toMatchObject({ prefix: 'frame', frame: 1001, suffix: '' });
    expect(parseFrameName('x.01')).toMatchObject({ prefix: 'x.', frame: 1, suffix: '', padding: 2 });
    expect(parseFrameName('0')).toMatchObject({ prefix: '', frame: 0, padding: 1, zero_filled: false });
  });

  it('finds no frame without digits before the extension', () => {
    expect(parseFrameName('README')).toBeNull();
    expect(parseFrameName('notes.txt')).toBeNull();
    expect(parseFrameName('clip.mp4')).toBeNull();
    expect(parseFrameName('clip.h264')).toBeNull();
    expect(parseFrameName('.hidden')).toBeNull();
    expect(parseFrameName('trailing.')).toBeNull();
    expect(parseFrameName('')).toBeNull();
  });

  it('keeps compound extensions out of the frame', () => {
    expect(parseFrameName('backup.2024.tar.gz')).toMatchObject({
      prefix: 'backup.',
      frame: 2024,
      suffix: '.tar.gz',
    });
    expect(parseFrameName('backup_7.tar.bz2')).toMatchObject({ frame: 7, suffix: '.tar.bz2' });
    expect(parseFrameName('backup.tar.bz2')).toBeNull();
    expect(parseFrameName('backup.tar.xz')).toBeNull();
    expect(parseFrameName('backup.tar.zst')).toBeNull();
    expect(parseFrameName('clip.mp4.part')).toBeNull();
    expect(parseFrameName('clip.mp4.gz')).toBeNull();
    expect(parseFrameName('foo.1001.exr.gz')).toMatchObject({
      prefix: 'foo.',
      frame: 1001,
      suffix: '.exr.gz',
    });
    expect(parseFrameName('FOO.1001.EXR.GZ')).toMatchObject({ frame: 1001, suffix: '.EXR.GZ' });
  });

  it('reads a minus sign only right after a separator', () => {
    expect(parseFrameName('bar.-001.exr')).toMatchObject({
      prefix: 'bar.',
      frame: -1,
      digits: '-001',
      padding: 4,
    });
    expect(parseFrameName('bar_-5.exr')).toMatchObject({
      prefix: 'bar_',
      frame: -5,
      digits: '-5',
      padding: 1,
    });
    expect(parseFrameName('bar.-001')).toMatchObject({ prefix: 'bar.', frame: -1, suffix: '' });
    expect(parseFrameName('shot_2025-05-13.exr')).toMatchObject({ prefix: 'shot_2025-05-', frame: 13 });
    expect(parseFrameName('shot-0001.exr')).toMatchObject({ prefix: 'shot-', frame: 1 });
    expect(parseFrameName('shot--001.exr')).toMatchObject({ prefix: 'shot--', frame: 1 });
    expect(parseFrameName('-001.exr')).toMatchObject({ prefix: '-', frame: 1 });
    expect(parseFrameName('bar.-000.exr')).toMatchObject({ prefix: 'bar.-', frame: 0, digits: '000' });
  });

  it('ignores digit runs too long to be frames', () => {
    expect(parseFrameName('id_1234567890123456.json')).toBeNull();
    expect(parseFrameName('ts_123456789012345.json')).toMatchObject({ frame: 123456789012345 });
  });

  it('handles unicode names', () => {
    expect(parseFrameName('ショット_éé.0101.exr')).toMatchObject({
      prefix: 'ショット_éé.',
      frame: 101,
      padding: 4,
    });
    expect(parseFrameName('😀.12.png')).toMatchObject({ prefix: '😀.', frame: 12 });
  });
});

describe('groupSequences', () => {
  it('groups a plain sequence', () => {
    const { sequences, singles } = groupSequences(
      entries(range((f) => `beauty.${pad(f, 4)}.exr`, 1001, 1100)),
    );
    expect(singles).toEqual([]);
    expect(sequences).toEqual([
      {
        prefix: 'beauty.',
        suffix: '.exr',
        padding: 4,
        first: 1001,
        last: 1100,
        count: 100,
        frames: '1001-1100',
        missing: '',
        zero_byte: [],
        suspect_small: [],
        total_size: 100_000,
        pattern: 'beauty.####.exr',
        printf: 'beauty.%04d.exr',
      },
    ]);
  });

  it('reports gaps as missing ranges', () => {
    const names = [...range((f) => `a.${f}.exr`, 1, 3), 'a.10.exr', ...range((f) => `a.${f}.exr`, 12, 14)];
    expect(group(names).seqs).toEqual(['a.@.exr 1-3,10,12-14 missing 4-9,11']);
  });

  it('counts regular strides as steps, not gaps', () => {
    expect(group(['b.1.exr', 'b.3.exr', 'b.5.exr', 'b.7.exr']).seqs).toEqual(['b.@.exr 1-7x2']);
    expect(group(range((f) => `c.${f}.exr`, 1001, 1010, 3)).seqs).toEqual(['c.####.exr 1001-1010x3']);
    // A frame missing from a x2 sequence is missing on the step only.
    const stepped = range((f) => `d.${f}.exr`, 1001, 1099, 2).filter((n) => n !== 'd.1051.exr');
    expect(group(stepped).seqs).toEqual(['d.####.exr 1001-1049x2,1053-1099x2 missing 1051']);
    // Two frames have no stride: the frames between are missing.
    expect(group(['e.1.exr', 'e.3.exr']).seqs).toEqual(['e.@.exr 1,3 missing 2']);
  });

  it('makes one sequence of padded and wider unpadded frames', () => {
    expect(group(['x.01', 'x.02', 'x.10', 'x.11'], ANY_FRAME_RULES).seqs).toEqual([
      'x.@@ 1-2,10-11 missing 3-9',
    ]);
    const pad4 = [...range((f) => `p.${pad(f, 4)}.exr`, 990, 999), ...range((f) => `p.${f}.exr`, 1000, 1010)];
    expect(group(pad4).seqs).toEqual(['p.####.exr 990-1010']);
  });

  it('splits different paddings', () => {
    expect(group(['a.001.exr', 'a.002.exr', 'a.0001.exr', 'a.0002.exr']).seqs).toEqual([
      'a.@@@.exr 1-2',
      'a.####.exr 1-2',
    ]);
    // Zero-filled widths never mix: each lone one stays single.
    expect(group(['a.001.exr', 'a.0001.exr'])).toEqual({ seqs: [], singles: ['a.001.exr', 'a.0001.exr'] });
  });

  it('puts an unpadded frame in the largest padding that fits it', () => {
    expect(group(['a.001', 'a.002', 'a.0001', 'a.0002', 'a.1000'], ANY_FRAME_RULES).seqs).toEqual([
      'a.@@@ 1-2',
      'a.#### 1-2,1000 missing 3-999',
    ]);
    expect(group(['a.001', 'a.002', 'a.1000'], ANY_FRAME_RULES).seqs).toEqual([
      'a.@@@ 1-2,1000 missing 3-999',
    ]);
    // 20 (2 digits) cannot join padding 3; with 5 and 7 it forms a padding-1 sequence.
    expect(group(['a.001', 'a.002', 'a.5', 'a.7', 'a.20'], ANY_FRAME_RULES).seqs).toEqual([
      'a.@ 5,7,20 missing 6,8-19',
      'a.@@@ 1-2',
    ]);
    // Unpadded frames alone share the smallest width among them.
    expect(group(['u.5.exr', 'u.10.exr', 'u.100.exr']).seqs).toEqual(['u.@.exr 5,10,100 missing 6-9,11-99']);
  });

  it('handles negative frames', () => {
    const names = [...range((f) => `bar.${pad(f, 4)}.exr`, -3, 3)];
    expect(names).toContain('bar.-001.exr');
    const { sequences } = groupSequences(entries(names));
    expect(sequences.map(brief)).toEqual(['bar.####.exr -3-3']);
    expect(sequences[0]).toMatchObject({ first: -3, last: 3, count: 7, printf: 'bar.%04d.exr' });
    expect(group(['n_-2.exr', 'n_-1.exr', 'n_0.exr', 'n_1.exr']).seqs).toEqual(['n_@.exr -2-1']);
    expect(parseFrameSet('-3--1')).toEqual([-3, -2, -1]);
  });

  it('keeps dates from looking negative', () => {
    const { seqs, singles } = group(['shot_2025-05-13.exr', 'shot_2025-05-14.exr', 'shot_2025-06-01.exr']);
    expect(seqs).toEqual(['shot_2025-05-@@.exr 13-14']);
    expect(singles).toEqual(['shot_2025-06-01.exr']);
  });

  it('separates several sequences in one folder and sorts them', () => {
    const names = [
      ...range((f) => `sh010_comp_v003.${f}.exr`, 1001, 1005),
      ...range((f) => `sh010_comp_v002.${f}.exr`, 1001, 1003),
      ...range((f) => `sh010_comp_v003.${f}.jpg`, 1001, 1002),
      'notes.txt',
      'sh010_comp_v003.mov',
    ];
    const { sequences, singles } = groupSequences(entries(names));
    expect(sequences.map(brief)).toEqual([
      'sh010_comp_v002.####.exr 1001-1003',
      'sh010_comp_v003.####.exr 1001-1005',
      'sh010_comp_v003.####.jpg 1001-1002',
    ]);
    expect(sequences[1]!.prefix).toBe('sh010_comp_v003.');
    // sh010_comp_v003.mov's frame is 003 (prefix sh010_comp_v), alone: a single.
    expect(singles.map((f) => f.name)).toEqual(['notes.txt', 'sh010_comp_v003.mov']);
  });

  it('keeps a lone numbered file single', () => {
    expect(group(['plate.1001.exr', 'other.txt'])).toEqual({
      seqs: [],
      singles: ['plate.1001.exr', 'other.txt'],
    });
    expect(group([])).toEqual({ seqs: [], singles: [] });
  });

  it('keeps version files single, whatever their extension', () => {
    const versions = ['comp_v001.nk', 'comp_v002.nk', 'comp_v004.nk'];
    expect(group(versions)).toEqual({ seqs: [], singles: versions });
    expect(group(versions, ANY_FRAME_RULES)).toEqual({ seqs: [], singles: versions });
  });

  it('is case-sensitive', () => {
    const { seqs, singles } = group(['a.1.exr', 'a.2.exr', 'A.3.exr', 'a.4.EXR']);
    expect(seqs).toEqual(['a.@.exr 1-2']);
    expect(singles).toEqual(['A.3.exr', 'a.4.EXR']);
  });

  it('separates extensions', () => {
    const names = [...range((f) => `r.${f}.exr`, 1001, 1003), ...range((f) => `r.${f}.png`, 1001, 1002)];
    expect(group(names).seqs).toEqual(['r.####.exr 1001-1003', 'r.####.png 1001-1002']);
  });

  it('groups compound extensions when any extension may form sequences', () => {
    const backups = ['backup.2024.tar.gz', 'backup.2025.tar.gz', 'backup.tar.gz'];
    expect(group(backups, ANY_FRAME_RULES).seqs).toEqual(['backup.####.tar.gz 2024-2025']);
    expect(group(['foo.1001.exr.gz', 'foo.1002.exr.gz'], ANY_FRAME_RULES).seqs).toEqual([
      'foo.####.exr.gz 1001-1002',
    ]);
    // By default neither is an image extension: tar.gz and exr.gz are matched whole.
    expect(group([...backups, 'foo.1001.exr.gz', 'foo.1002.exr.gz']).seqs).toEqual([]);
  });

  it('groups unicode names', () => {
    expect(group(['ショット.0001.exr', 'ショット.0002.exr', 'ショット.0003.exr']).seqs).toEqual([
      'ショット.####.exr 1-3',
    ]);
  });

  it('flags zero-byte and suspiciously small frames', () => {
    const files = entries(
      range((f) => `z.${f}.exr`, 1, 10),
      1_000_000,
    );
    files[2]!.size = 0;
    files[5]!.size = 50_000; // 5% of the median
    files[6]!.size = 100_000; // exactly 10%: not below
    const [seq] = groupSequences(files).sequences;
    expect(SUSPECT_SMALL_RATIO).toBe(0.1);
    expect(seq).toMatchObject({ zero_byte: [3], suspect_small: [6], total_size: 7_150_000 });
    // A median of 0 flags nothing as small.
    const empty = groupSequences(range((f) => `e.${f}.exr`, 1, 3).map((name) => ({ name, size: 0 })))
      .sequences[0]!;
    expect(empty).toMatchObject({ zero_byte: [1, 2, 3], suspect_small: [] });
  });

  it('keeps apart names that differ only in the middle of the prefix or suffix', () => {
    const names = [
      ...range((f) => `sh0100_beauty_v001.${f}.exr`, 1001, 1003),
      ...range((f) => `sh0100_diffus_v001.${f}.exr`, 1001, 1002),
      ...range((f) => `s.${f}.abcr`, 1, 2),
      ...range((f) => `s.${f}.axcr`, 1, 3),
    ];
    expect(group(names, ANY_FRAME_RULES).seqs).toEqual([
      's.@.abcr 1-2',
      's.@.axcr 1-3',
      'sh0100_beauty_v001.####.exr 1001-1003',
      'sh0100_diffus_v001.####.exr 1001-1002',
    ]);
  });

  it('groups a huge folder, then a small one', () => {
    const names = range((f) => `big.${pad(f, 6)}.exr`, 0, 99_999).filter((_, k) => k % 1000 !== 7);
    const { sequences } = groupSequences(entries(names));
    expect(sequences).toHaveLength(1);
    expect(sequences[0]).toMatchObject({ count: 99_900, first: 0, last: 99_999, padding: 6 });
    expect(parseFrameSet(sequences[0]!.missing)).toHaveLength(100);
    expect(group(['a.1.exr', 'a.2.exr']).seqs).toEqual(['a.@.exr 1-2']);
  });

  it('treats a wide stride with few frames as fileseq writes it', () => {
    expect(group(['w.1000.exr', 'w.1050.exr', 'w.1100.exr']).seqs).toEqual(['w.####.exr 1000-1100x50']);
  });

  it('escapes % in printf patterns', () => {
    expect(group(['100%.1.exr', '100%.2.exr']).seqs).toEqual(['100%.@.exr 1-2']);
    expect(groupSequences(entries(['100%.1.exr', '100%.2.exr'])).sequences[0]!.printf).toBe('100%%.%01d.exr');
  });

  it('counts a repeated name once', () => {
    const { sequences, singles } = groupSequences(entries(['a.1.exr', 'a.2.exr', 'a.2.exr']));
    expect(sequences.map(brief)).toEqual(['a.@.exr 1-2']);
    expect(singles.map((f) => f.name)).toEqual(['a.2.exr']);
  });

  it('renders every member with its printf pattern (random listings)', () => {
    let seed = 1;
    const rand = (): number => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let trial = 0; trial < 300; trial++) {
      const names = new Set<string>();
      const count = 1 + Math.floor(rand() * 60);
      for (let i = 0; i < count; i++) {
        const frame = Math.floor(rand() * 2200) - 100;
        const width = Math.floor(rand() * 5) + 1;
        const prefix = ['a.', 'a_', 'b.', 'v2_c.', 'ab_x_cd.', 'ab_y_cd.'][Math.floor(rand() * 6)]!;
        names.add(`${prefix}${rand() < 0.5 ? pad(frame, width) : String(frame)}.exr`);
      }
      const { sequences, singles } = groupSequences(entries([...names]));
      const seen = new Set<string>();
      const problems: string[] = [];
      const keys = new Set(sequences.map((s) => s.printf));
      if (keys.size !== sequences.length) problems.push('two sequences with one pattern');
      for (const s of sequences) {
        const frames = parseFrameSet(s.frames);
        if (frames.length !== s.count || frames[0] !== s.first || frames.at(-1) !== s.last) {
          problems.push(`${s.pattern}: count/first/last disagree with ${s.frames}`);
        }
        const present = new Set(frames);
        for (const f of frames) {
          const name = `${s.prefix}${pad(f, s.padding)}${s.suffix}`;
          if (!names.has(name) || seen.has(name))
            problems.push(`${s.pattern}: ${name} not listed or seen twice`);
          seen.add(name);
        }
        for (const m of parseFrameSet(s.missing))
          if (present.has(m)) problems.push(`${s.pattern}: ${m} missing?`);
      }
      for (const f of singles) {
        if (seen.has(f.name)) problems.push(`${f.name} both single and in a sequence`);
        seen.add(f.name);
      }
      expect(problems).toEqual([]);
      expect(seen.size).toBe(names.size);
    }
  });
});
