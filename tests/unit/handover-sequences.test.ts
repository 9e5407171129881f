import { describe, expect, it } from 'vitest';
import { groupSequences } from '../../src-shared/sequences';
import { mergeRuns } from '../../src-workers/reports/file-tree-buckets';
import { FileTreeAccumulator } from '../../src-workers/reports/file-tree-summary';
import type { FolderSummary } from '../../src-workers/reports/file-tree-types';
import { framesForReading } from '../../src-workers/reports/html-files';
import type { HandoverRow } from '../../src-workers/reports/model';

/** A deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32;
  };
}

function shuffle<T>(items: T[], rand: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function summarise(rows: HandoverRow[], limits = {}): FolderSummary[] {
  const tree = new FileTreeAccumulator(1, limits);
  for (const row of rows) tree.add(row);
  return tree.finish().folders;
}

const rowsOf = (dir: string, names: string[], size = (_: string): number => 1000): HandoverRow[] =>
  names.map((name) => ({ path: `${dir}/${name}`, size: size(name), status: 'copied' }));

const frameNames = (pattern: (f: number) => string, frames: number[]): string[] => frames.map(pattern);
const span = (from: number, to: number, step = 1): number[] => {
  const out: number[] = [];
  for (let f = from; f <= to; f += step) out.push(f);
  return out;
};

describe('handover file tree: sequences', () => {
  it('shows a sequence with gaps as one range with its missing frames', () => {
    const frames = span(1001, 1100).filter((f) => f !== 1050 && f !== 1077);
    const [folder] = summarise(
      rowsOf(
        'A001',
        frameNames((f) => `beauty.${f}.exr`, frames),
      ),
    );
    expect(folder?.path).toBe('A001');
    expect(folder?.sequences).toHaveLength(1);
    const seq = folder!.sequences[0]!;
    expect(seq).toMatchObject({
      pattern: 'beauty.####.exr',
      first: 1001,
      last: 1100,
      count: 98,
      missing: '1050,1077',
      missing_count: 2,
      bytes: 98_000,
    });
    expect(framesForReading(seq.missing)).toBe('1050, 1077');
    expect(folder?.loose).toEqual([]);
  });

  it('agrees with groupSequences on random folders, whatever order the rows come in', () => {
    const rand = random(20250513);
    const prefixes = ['a.', 'b_', 'shot.v', 'x'];
    const suffixes = ['.exr', '.dpx', '', '.exr.gz'];
    for (let round = 0; round < 300; round++) {
      const names = new Set<string>();
      const size = 5 + Math.floor(rand() * 120);
      for (let i = 0; i < size; i++) {
        const prefix = prefixes[Math.floor(rand() * prefixes.length)] as string;
        const suffix = suffixes[Math.floor(rand() * suffixes.length)] as string;
        const style = rand();
        const frame = Math.floor(rand() * (rand() < 0.5 ? 40 : 3000)) - (rand() < 0.1 ? 20 : 0);
        let digits: string;
        if (style < 0.45) digits = String(Math.abs(frame)).padStart(4, '0');
        else if (style < 0.7) digits = String(Math.abs(frame));
        else if (style < 0.8) digits = String(Math.abs(frame)).padStart(2, '0');
        else if (style < 0.9 && prefix.endsWith('.') && frame !== 0)
          digits = `-${String(Math.abs(frame)).padStart(3, '0')}`;
        else digits = String(frame * 2);
        names.add(rand() < 0.05 ? `notes${i % 3 === 0 ? '' : '_'}.txt` : `${prefix}${digits}${suffix}`);
      }
      const list = [...names];
      const sizeOf = (name: string): number => ((name.length * 37) % 5 === 0 ? 0 : 100 + name.length);
      const expected = groupSequences(list.map((name) => ({ name, size: sizeOf(name) })));
      const folders = summarise(rowsOf('F', shuffle(list, rand), sizeOf), { framesKept: 10_000 });
      const folder = folders[0]!;
      const got = folder.sequences.map((s) => ({
        pattern: s.pattern,
        first: s.first,
        last: s.last,
        count: s.count,
        frames: s.frames,
        missing: s.missing,
        zero: s.zero_byte.frames,
        bytes: s.bytes,
      }));
      const want = expected.sequences.map((s) => ({
        pattern: s.pattern,
        first: s.first,
        last: s.last,
        count: s.count,
        frames: s.frames,
        missing: s.missing,
        zero: s.zero_byte,
        bytes: s.total_size,
      }));
      expect(got, `round ${round}: ${list.join(' ')}`).toEqual(want);
      expect(folder.loose.map((f) => f.name).sort()).toEqual(expected.singles.map((f) => f.name).sort());
      expect(folder.loose_count).toBe(expected.singles.length);
    }
  });

  it('agrees with groupSequences on a big folder whose rows come out of order', () => {
    const rand = random(7);
    const names: string[] = [];
    for (let f = 1; f <= 30_000; f++) if (rand() > 0.02) names.push(`big.${String(f).padStart(5, '0')}.exr`);
    for (let f = 1; f <= 3000; f++) if (rand() > 0.5) names.push(`odd.${f * 2 + 1}.exr`);
    const expected = groupSequences(names.map((name) => ({ name, size: 10 })));
    const [folder] = summarise(rowsOf('F', shuffle(names, rand), () => 10));
    expect(folder!.sequences.map((s) => [s.pattern, s.frames, s.missing, s.count, s.step])).toEqual(
      expected.sequences.map((s) => [s.pattern, s.frames, s.missing, s.count, expect.any(Number)]),
    );
    expect(folder!.sequences.find((s) => s.pattern === 'big.@@@@@.exr')?.step).toBe(1);
  });

  it('keeps a stride as the step, not as gaps', () => {
    const names = frameNames(
      (f) => `plate_${f}.dpx`,
      span(1001, 1099, 2).filter((f) => f !== 1051),
    );
    const [folder] = summarise(rowsOf('P', names));
    expect(folder?.sequences[0]).toMatchObject({ step: 2, missing: '1051', missing_count: 1, count: 49 });
  });

  it('lists lone numbered files and other files by name, with their outcome', () => {
    const rows: HandoverRow[] = [
      { path: 'S/readme.txt', size: 10, status: 'copied' },
      { path: 'S/take_7.mov', size: 20, status: 'failed', cause: 'Permission denied reading the source' },
      { path: 'S/clip.0001.exr', size: 30, status: 'renamed', destination: 'S/clip.0001 (1).exr' },
    ];
    const [folder] = summarise(rows);
    expect(folder?.sequences).toEqual([]);
    expect(folder?.loose).toEqual([
      { name: 'clip.0001.exr', size: 30, status: 'renamed', renamed: 'clip.0001 (1).exr' },
      { name: 'readme.txt', size: 10, status: 'copied' },
      { name: 'take_7.mov', size: 20, status: 'failed', cause: 'Permission denied reading the source' },
    ]);
  });

  it('says which frames of a sequence did not make it', () => {
    const rows = rowsOf(
      'B',
      frameNames((f) => `comp.${f}.exr`, span(1, 10)),
    );
    rows[2]!.status = 'failed';
    rows[6]!.status = 'failed';
    rows[4]!.size = 0;
    const seq = summarise(rows)[0]!.sequences[0]!;
    expect(seq.statuses).toEqual([
      { status: 'copied', count: 8, frames: [1, 2, 4, 5, 6, 8, 9, 10] },
      { status: 'failed', count: 2, frames: [3, 7] },
    ]);
    expect(seq.zero_byte).toEqual({ status: 'zero', count: 1, frames: [5] });
  });

  it('stays within its budgets: scattered frames are counted, folders beyond the cap only counted', () => {
    const names = frameNames((f) => `dust.${f}.exr`, span(0, 20_000, 3));
    const [folder] = summarise(rowsOf('D', names), { runNumbers: 1000 });
    expect(folder?.sequences).toEqual([]);
    expect(folder?.unlisted_groups).toEqual([
      { name: 'dust.….exr', files: names.length, bytes: names.length * 1000 },
    ]);

    const tree = new FileTreeAccumulator(1, { folders: 2, looseKept: 3 });
    for (let d = 0; d < 5; d++)
      for (let f = 0; f < 10; f++)
        tree.add({ path: `R/d${d}/note-${'abcdefghij'[f]}.txt`, size: 1, status: 'copied' });
    const summary = tree.finish();
    expect(summary.folders.map((f) => [f.path, f.loose.length, f.loose_count])).toEqual([
      ['R/d0', 3, 10],
      ['R/d1', 3, 10],
    ]);
    expect(summary.untracked.files).toBe(30);
    expect(summary.total.files).toBe(50);
  });

  it('merges runs', () => {
    expect(mergeRuns([1, 3, 10, 12], [4, 4, 6, 8, 11, 20])).toEqual([1, 4, 6, 8, 10, 20]);
    expect(mergeRuns([], [5, 5])).toEqual([5, 5]);
    expect(framesForReading('1-3,10,12-20x2')).toBe('1–3, 10, 12–20 every 2');
    expect(framesForReading('-3--1,5')).toBe('-3–-1, 5');
  });
});
