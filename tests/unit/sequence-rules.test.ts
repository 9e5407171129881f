/** Sequence rules that do not cry wolf: versions, clip counters and non-image files are not frames. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEQUENCE_EXTENSIONS, parseSequenceExtensions } from '../../src-shared/sequence-extensions';
import { ANY_FRAME_RULES, frameRules, groupSequences, type FrameRules } from '../../src-shared/sequences';

/** "pattern frames [missing m]" per sequence, and the single files. */
function group(names: string[], rules?: FrameRules): { seqs: string[]; singles: string[] } {
  const { sequences, singles } = groupSequences(
    names.map((name) => ({ name, size: 1000 })),
    rules,
  );
  return {
    seqs: sequences.map((s) => `${s.pattern} ${s.frames}${s.missing ? ` missing ${s.missing}` : ''}`),
    singles: singles.map((f) => f.name),
  };
}

describe('sequence rules', () => {
  it('never reads a version as a frame', () => {
    const nuke = ['sh010_comp_v001.nk', 'sh010_comp_v002.nk', 'sh010_comp_v004.nk', 'sh010_comp_v007.nk'];
    const stills = ['plate_v001.exr', 'plate_v002.exr', 'plate_v004.exr', 'r.v12.dpx', 'r.v13.dpx'];
    const bare = ['v001.exr', 'v002.exr', 'x_V007.exr', 'x_V008.exr'];
    for (const names of [nuke, stills, bare]) {
      expect(group(names)).toEqual({ seqs: [], singles: names });
      expect(group(names, ANY_FRAME_RULES)).toEqual({ seqs: [], singles: names });
    }
    // The frame after a version is still a frame, and its gaps are real.
    expect(group(['comp_v003.1001.exr', 'comp_v003.1002.exr', 'comp_v003.1004.exr']).seqs).toEqual([
      'comp_v003.####.exr 1001-1002,1004 missing 1003',
    ]);
  });

  it('never reads a camera clip counter as a frame', () => {
    const clips = ['B001C001.mxf', 'B001C002.mxf', 'B001C003.mxf'];
    const raw = [
      'A001C001.ari',
      'A001C002.ari',
      'A001_C003.dng',
      'A001_C004.dng',
      'A001.c5.dng',
      'A001.c6.dng',
    ];
    for (const names of [clips, raw]) {
      expect(group(names)).toEqual({ seqs: [], singles: names });
      expect(group(names, ANY_FRAME_RULES)).toEqual({ seqs: [], singles: names });
    }
    // A clip's frames are numbered after the clip: those form its sequence.
    expect(group(['A001C003_0001.ari', 'A001C003_0002.ari', 'A001C003_0004.ari']).seqs).toEqual([
      'A001C003_####.ari 1-2,4 missing 3',
    ]);
  });

  it('keeps numbers after a word that ends in v or c', () => {
    expect(
      group(['rev01.exr', 'rev02.exr', 'DSC0001.ARW', 'DSC0002.ARW', 'abc1.tif', 'abc2.tif']).seqs,
    ).toEqual(['DSC####.ARW 1-2', 'abc@.tif 1-2', 'rev@@.exr 1-2']);
  });

  it('leaves numbered files of other kinds single: no sequence, no gaps', () => {
    const names = [
      'notes_1.txt',
      'notes_2.txt',
      'notes_4.txt',
      'take_01.wav',
      'take_02.wav',
      'clip_1.mov',
      'clip_3.mov',
    ];
    expect(group(names)).toEqual({ seqs: [], singles: names });
    // The same names group when every extension may (fileseq's behaviour).
    expect(group(names, ANY_FRAME_RULES).seqs).toHaveLength(3);
  });

  it('still finds real gaps in exr and dpx sequences, in any case of extension', () => {
    const exr = [1001, 1002, 1003, 1007, 1008].map((f) => `beauty.${f}.exr`);
    const dpx = [1, 2, 3, 5].map((f) => `PLATE_${String(f).padStart(4, '0')}.DPX`);
    expect(group([...exr, ...dpx]).seqs).toEqual([
      'PLATE_####.DPX 1-3,5 missing 4',
      'beauty.####.exr 1001-1003,1007-1008 missing 1004-1006',
    ]);
  });

  it('groups only the extensions it is given', () => {
    const names = ['cache_0001.abc', 'cache_0002.abc', 'beauty.1001.exr', 'beauty.1002.exr'];
    expect(group(names).seqs).toEqual(['beauty.####.exr 1001-1002']);
    expect(group(names, frameRules(['abc'])).seqs).toEqual(['cache_####.abc 1-2']);
    expect(group(names, frameRules([])).seqs).toEqual([]);
  });

  it('lists the image and frame formats by default', () => {
    for (const ext of ['exr', 'dpx', 'tif', 'tiff', 'png', 'jpg', 'jpeg', 'tga', 'cin', 'hdr', 'ari', 'r3d'])
      expect(DEFAULT_SEQUENCE_EXTENSIONS).toContain(ext);
    for (const ext of ['sgi', 'rgb', 'bmp', 'psd', 'heic', 'webp', 'jxl', 'dng', 'cr2', 'cr3', 'nef', 'arw'])
      expect(DEFAULT_SEQUENCE_EXTENSIONS).toContain(ext);
    for (const ext of ['nk', 'mov', 'mxf', 'mp4', 'txt', 'wav', 'abc', 'usd'])
      expect(DEFAULT_SEQUENCE_EXTENSIONS).not.toContain(ext);
  });
});

describe('parseSequenceExtensions', () => {
  it('reads a list as a user writes it', () => {
    expect(parseSequenceExtensions(['EXR', ' .dpx ', 'tif', 'exr', '', 'bgeo.sc'])).toEqual({
      extensions: ['exr', 'dpx', 'tif', 'bgeo.sc'],
    });
    expect(parseSequenceExtensions(['*'])).toEqual({ extensions: ['*'] });
  });

  it('refuses what is not an extension, naming it', () => {
    for (const bad of ['ex r', '../x', '*.exr', 'a'.repeat(17)]) {
      const parsed = parseSequenceExtensions(['exr', bad]);
      expect(parsed).toMatchObject({ error: expect.stringContaining(JSON.stringify(bad)) });
    }
  });
});
