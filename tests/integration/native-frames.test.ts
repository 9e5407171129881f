/**
 * The native lister finds image sequences in C (native/frame_name.c, frame_rules.c, frame_buckets.c,
 * sequence_text.c); the rules are written once more in TypeScript (src-shared/frame-name.ts, frame-rules.ts,
 * frame-buckets.ts, sequences.ts). Both listers must report the same sequences and the same empty files in the
 * same real folders, down to every field, with the default sequence extensions and with any extension.
 */
import {
  closeSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WRAPPER_EXTENSIONS } from '../../src-shared/frame-name';
import { hasProblems, type SequenceEntry } from '../../src-shared/jobs';
import {
  ANY_FRAME_RULES,
  DEFAULT_FRAME_RULES,
  frameRules,
  groupSequences,
  type FrameRules,
} from '../../src-shared/sequences';
import type { DirLister } from '../../src-workers/scan/dir-lister';
import { loadNativeLister } from '../../src-workers/scan/native-lister';
import { nodeLister } from '../../src-workers/scan/node-lister';
import { makeTempDir } from '../helpers/trees';

const ADDON = join(import.meta.dirname, '../../build/Release/wrangle_native.node');

/** A folder of sparse files named and sized as given. */
function makeFolder(dir: string, files: ReadonlyMap<string | Buffer, number>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, size] of files) {
    const fd = openSync(Buffer.concat([Buffer.from(`${dir}/`), Buffer.from(name)]), 'w');
    ftruncateSync(fd, size);
    closeSync(fd);
  }
}

/** A sequence as a lister reports it: its SequenceEntry (without `dir`) and whether it has problems. */
type Found = Omit<SequenceEntry, 'dir'> & { problems: boolean };

/** A fixed order: a lister may report a folder's sequences in any order. */
function canonical(found: Found[]): Found[] {
  const key = (f: Found): string => `${f.pattern}\0${String(f.first).padStart(20)}\0${f.frames}`;
  return [...found].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** What the TypeScript rules find in the folder, from its names and sizes as readdir and stat give them. */
function sequencesByTypeScript(dir: string, rules: FrameRules = DEFAULT_FRAME_RULES): Found[] {
  const files = readdirSync(dir).map((name) => ({ name, size: statSync(join(dir, name)).size }));
  return canonical(
    groupSequences(files, rules).sequences.map((s) => ({
      pattern: s.pattern,
      padding: s.padding,
      first: s.first,
      last: s.last,
      count: s.count,
      frames: s.frames,
      missing: s.missing,
      zero_byte: s.zero_byte,
      suspect_small: s.suspect_small,
      total_size: s.total_size,
      problems: hasProblems(s),
    })),
  );
}

/** The lister's sequence lines for the folder, read back. */
function sequencesFrom(lister: DirLister, dir: string, rules: FrameRules = DEFAULT_FRAME_RULES): Found[] {
  const listing = lister.list(dir, Infinity, rules);
  if ('error' in listing) throw new Error(`${dir}: ${listing.error.message}`);
  const lines = listing.sequences ?? [];
  for (const line of lines) expect(line, dir).toMatch(/^[01]\{"pattern":.*\}$/);
  return canonical(
    lines.map((line) => ({
      ...(JSON.parse(line.slice(1)) as Omit<SequenceEntry, 'dir'>),
      problems: line[0] === '1',
    })),
  );
}

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
}

const pad = (frame: number, width: number): string =>
  frame < 0 ? `-${String(-frame).padStart(width - 1, '0')}` : String(frame).padStart(width, '0');

/** Listings chosen for the rules' edge cases. */
const HAND_PICKED: string[][] = [
  ['beauty.1001.exr', 'beauty.1002.exr', 'beauty.1004.exr', 'notes.txt'],
  ['a.001.exr', 'a.002.exr', 'a.0001.exr', 'a.0002.exr', 'a.1000.exr', 'a.5.exr', 'a.7.exr', 'a.20.exr'],
  ['x.01', 'x.02', 'x.10', 'x.11', 'x.-01', 'x.-02', 'x.', 'x.-'],
  ['bar.-003.exr', 'bar.-002.exr', 'bar.-001.exr', 'bar.0000.exr', 'bar.0001.exr', 'bar.-000.exr'],
  ['n_-2.exr', 'n_-1.exr', 'n_0.exr', 'n_1.exr', 'm--1.exr', 'm--2.exr', '-001.exr', '-002.exr'],
  ['shot_2025-05-13.exr', 'shot_2025-05-14.exr', 'shot_2025-06-01.exr'],
  [
    'sh010_comp_v003.1001.exr',
    'sh010_comp_v003.1002.exr',
    'sh010_comp_v002.1001.exr',
    'sh010_comp_v002.1003.exr',
  ],
  ['comp_v001.nk', 'comp_v002.nk', 'comp_v004.nk', 'comp_v003.mov'],
  // Versions and camera clip counters are never frames; the frame after them still is.
  ['sh010_comp_v001.exr', 'sh010_comp_v002.exr', 'sh010_comp_v004.exr', 'r.v12.dpx', 'r.v13.dpx', 'V1.png'],
  ['V2.png', 'B001C001.mxf', 'B001C002.mxf', 'B001C003.mxf', 'B001C001.ari', 'B001C002.ari', 'A001_C003.dng'],
  ['A001_C004.dng', 'A001C003_0001.ari', 'A001C003_0002.ari', 'rev01.exr', 'rev02.exr', 'DSC0001.ARW'],
  ['DSC0002.ARW', 'spec_c1.tif', 'spec_c2.tif', 'abc1.tif', 'abc2.tif', 'x_V007.exr', 'x_V008.exr'],
  // Compound extensions are matched whole: exr.gz is not exr.
  ['a.1.exr.gz', 'a.2.exr.gz', 'b.1.EXR', 'b.2.Exr', 'b.3.exr', 'c.1.tiff', 'c.2.tiff', 'c.3.tif'],
  ['backup.2024.tar.gz', 'backup.2025.tar.gz', 'backup.tar.gz', 'FOO.1001.EXR.GZ', 'FOO.1002.EXR.GZ'],
  ['clip.1.mp4.part', 'clip.2.mp4.part', 'clip.mp4', 'clip2.mp4', 'c.1.Z', 'c.2.Z', 'd.1.7z', 'd.2.7z'],
  [
    'x.1.abcdef.gz',
    'x.2.abcdef.gz',
    'y.1.a1.bz2',
    'y.2.a1.bz2',
    'z.1.9a.gz',
    'z.2.9a.gz',
    'q.1.a-b.xz',
    'q.2.a-b.xz',
  ],
  ['ショット_éé.0101.exr', 'ショット_éé.0102.exr', '😀.12.png', '😀.13.png', 'é.1.gzé', 'é.2.gzé'],
  ['a.1.exr', 'a.2.exr', 'A.3.exr', 'a.4.EXR', 'a.5.EXR'],
  [
    'ts_123456789012345.json',
    'ts_123456789012346.json',
    'id_1234567890123456.json',
    'id_1234567890123457.json',
  ],
  ['0', '1', '2', '10', '007', '008', 'frame1001', 'frame1002'],
  // Characters JSON must escape, in the pattern the C side writes as JSON text.
  [
    'new\nline.1.exr',
    'new\nline.2.exr',
    'q"uote\\.1.exr',
    'q"uote\\.2.exr',
    'tab\t.1.exr',
    'tab\t.2.exr',
    '\u0001.1.x',
    '\u0001.2.x',
  ],
  ['100%.1.exr', '100%.2.exr', 'w.1000.exr', 'w.1050.exr', 'w.1100.exr', 'b.1.exr', 'b.3.exr', 'b.5.exr'],
];

/** Every wrapper extension: `v.mp4.gz` has no frame, but would be frame 4 of `v.mp@.gz` if gz were not a wrapper. */
HAND_PICKED.push(
  WRAPPER_EXTENSIONS.flatMap((wrapper) => [
    `v.mp4.${wrapper}`,
    `v.mp5.${wrapper}`,
    `V.MP4.${wrapper.toUpperCase()}`,
    `V.MP5.${wrapper.toUpperCase()}`,
  ]),
);

const PREFIXES = [
  'a.',
  'a_',
  'b.',
  'v2_c.',
  'ab_x_cd.',
  'ab_y_cd.',
  'sh010_comp_v003.',
  'ショット.',
  '',
  'x-',
  'r.2025-',
];
const SUFFIXES = ['.exr', '.EXR', '.tar.gz', '.exr.gz', '', '_final.exr', '.mp4.part', '.bz2', '.jpg', '.x1'];

/** A random folder: several sequences with gaps, steps, mixed padding, negative frames, odd sizes. */
function randomListing(rand: () => number): Map<string, number> {
  const files = new Map<string, number>();
  const count = 2 + Math.floor(rand() * 120);
  const base = Math.floor(rand() * 3000) - 100;
  for (let i = 0; i < count; i++) {
    const prefix = PREFIXES[Math.floor(rand() * PREFIXES.length)] as string;
    const suffix = SUFFIXES[Math.floor(rand() * SUFFIXES.length)] as string;
    const frame = base + Math.floor(rand() * 40) * (rand() < 0.3 ? 3 : 1);
    const width = 1 + Math.floor(rand() * 6);
    const digits = rand() < 0.6 ? pad(frame, width) : String(frame);
    const size = rand() < 0.05 ? 0 : rand() < 0.05 ? 10 : 1000 + Math.floor(rand() * 100_000);
    files.set(rand() < 0.03 ? `notes_${i}` : `${prefix}${digits}${suffix}`, size);
  }
  return files;
}

describe('native and TypeScript frame bucketing', () => {
  let root: string;
  const folders: string[] = [];

  beforeAll(() => {
    root = makeTempDir('native-frames');
    HAND_PICKED.forEach((names, i) => {
      const dir = join(root, `hand-${i}`);
      // Sizes vary so zero-byte and suspiciously small frames are compared too.
      makeFolder(
        dir,
        new Map(names.map((name, k) => [name, k % 5 === 3 ? 0 : k % 7 === 2 ? 5 : 10_000 + k])),
      );
      folders.push(dir);
    });
    const rand = random(20261122);
    for (let i = 0; i < 60; i++) {
      const dir = join(root, `random-${i}`);
      makeFolder(dir, randomListing(rand));
      folders.push(dir);
    }
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.each([
    ['the default extensions', DEFAULT_FRAME_RULES, 200],
    ['any extension', ANY_FRAME_RULES, 300],
    ['a list of two', frameRules(['dpx', 'exr.gz']), 20],
  ])('finds exactly the sequences groupSequences finds, in every folder, with %s', (_, rules, least) => {
    const loaded = loadNativeLister(ADDON);
    if (!('lister' in loaded)) throw new Error(`native lister did not load: ${loaded.reason}`);
    let compared = 0;
    for (const dir of folders) {
      const expected = sequencesByTypeScript(dir, rules);
      expect(sequencesFrom(loaded.lister, dir, rules), dir).toEqual(expected);
      expect(sequencesFrom(nodeLister, dir, rules), dir).toEqual(expected);
      compared += expected.length;
    }
    // The listings are rich enough to mean something.
    expect(compared).toBeGreaterThan(least);
  });

  it('reports the same empty files, leaving out the frames of a sequence', () => {
    const loaded = loadNativeLister(ADDON);
    if (!('lister' in loaded)) throw new Error(`native lister did not load: ${loaded.reason}`);
    const zeroOf = (lister: DirLister, dir: string, rules: FrameRules | null): string[] => {
      const listing = lister.list(dir, Infinity, rules);
      if ('error' in listing) throw new Error(listing.error.message);
      return listing.zero.map((name) => String(name)).sort();
    };
    let listed = 0;
    for (const rules of [DEFAULT_FRAME_RULES, ANY_FRAME_RULES, null]) {
      for (const dir of folders) {
        const all = readdirSync(dir).filter((name) => statSync(join(dir, name)).size === 0);
        const files = readdirSync(dir).map((name) => ({ name, size: statSync(join(dir, name)).size }));
        // Without sequences every empty file is listed; with them, only those left single.
        const singles = rules === null ? all : groupSequences(files, rules).singles.map((f) => f.name);
        const expected = all.filter((name) => singles.includes(name)).sort();
        expect(zeroOf(loaded.lister, dir, rules), dir).toEqual(expected);
        expect(zeroOf(nodeLister, dir, rules), dir).toEqual(expected);
        listed += expected.length;
      }
    }
    expect(listed).toBeGreaterThan(50);
  });

  it('agrees on a folder bigger than the buffers the C side keeps between folders, and on the next one', () => {
    const loaded = loadNativeLister(ADDON);
    if (!('lister' in loaded)) throw new Error(`native lister did not load: ${loaded.reason}`);
    // Past KEEP_ROWS (65,536) in native/frame_buckets.c the buffers are given back after the folder.
    // tmpfs when there is one: 66k files on a disk that just deleted as many can take half a minute.
    const big = join(existsSync('/dev/shm') ? mkdtempSync('/dev/shm/wrangle-huge-') : root, 'huge');
    const files = new Map<string, number>();
    for (let frame = 0; frame < 66_000; frame++)
      if (frame % 9_999 !== 5) files.set(`big.${pad(frame, 6)}.exr`, frame % 1_000 === 0 ? 0 : 4_096);
    makeFolder(big, files);
    const found = sequencesFrom(loaded.lister, big);
    expect(found).toEqual(sequencesByTypeScript(big));
    expect(found[0]).toMatchObject({ count: 65_993, first: 0, last: 65_999, missing: '5-59999x9999' });
    const small = folders[0] as string;
    expect(sequencesFrom(loaded.lister, small)).toEqual(sequencesByTypeScript(small));
    rmSync(dirname(big), { recursive: true, force: true });
  });

  it('keeps apart prefixes that differ only in bytes that are not UTF-8', () => {
    const dir = join(root, 'not-utf8');
    const files = new Map<Buffer, number>();
    for (const lead of [0xff, 0xfe])
      for (const frame of [1, 2, 3]) files.set(Buffer.from([lead, ...Buffer.from(`.${frame}.exr`)]), 100);
    makeFolder(dir, files);
    const loaded = loadNativeLister(ADDON);
    if (!('lister' in loaded)) throw new Error(`native lister did not load: ${loaded.reason}`);
    const found = sequencesFrom(loaded.lister, dir);
    expect(found.map((sequence) => [sequence.pattern, sequence.frames, sequence.count])).toEqual([
      ['\uFFFD.@.exr', '1-3', 3],
      ['\uFFFD.@.exr', '1-3', 3],
    ]);
  });
});
