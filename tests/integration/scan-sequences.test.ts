/** A scan of a render tree with known gaps, empty and truncated frames reports exactly those sequences. */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REPORTED_SEQUENCES, ScanResultSchema, type SequenceEntry } from '../../src-shared/jobs';
import { ScanTreeSchema } from '../../src-shared/scan-tree';
import { runCli } from '../helpers/run-cli';
import { runScanWorker, scanSpec } from '../helpers/scan-worker-client';
import { makeTempDir } from '../helpers/trees';

/** Write frames first..last of `pattern` (a "%04d"-style printf) except `skip`, sized by `size(frame)`. */
function writeFrames(
  dir: string,
  name: (frame: number) => string,
  frames: number[],
  size: (frame: number) => number,
): void {
  mkdirSync(dir, { recursive: true });
  for (const frame of frames) writeFileSync(join(dir, name(frame)), Buffer.alloc(size(frame), 7));
}
const range = (first: number, last: number, step = 1): number[] =>
  Array.from({ length: Math.floor((last - first) / step) + 1 }, (_, i) => first + i * step);

describe('sequences in a scan', () => {
  let dir: string;
  let root: string;
  let byPattern: Map<string, SequenceEntry>;
  let all: SequenceEntry[];

  beforeAll(async () => {
    dir = makeTempDir('scan-sequences');
    root = join(dir, 'SHOW');
    const beauty = join(root, 'sq010/sh0100/renders/v003/beauty');
    // 1001-1240 without 1107 and 1188; 1200 empty; 1210 far smaller than the rest.
    const beautyFrames = range(1001, 1240).filter((f) => f !== 1107 && f !== 1188);
    writeFrames(
      beauty,
      (f) => `beauty.${f}.exr`,
      beautyFrames,
      (f) => (f === 1200 ? 0 : f === 1210 ? 100 : 5000),
    );
    // A complete sequence in the same folder, with a version in its prefix.
    writeFrames(
      beauty,
      (f) => `sh0100_comp_v003.${f}.exr`,
      range(1001, 1050),
      () => 3000,
    );
    // Every third frame: a stepped sequence, not a gappy one.
    writeFrames(
      join(root, 'sq010/sh0100/renders/v003/depth'),
      (f) => `depth.${f}.exr`,
      range(1001, 1031, 3),
      () => 800,
    );
    // Padding 3 and negative frames, and things that are not sequences.
    writeFrames(
      join(root, 'sq010/sh0100/cache'),
      (f) => `sim.${f < 0 ? '-' + String(-f).padStart(2, '0') : String(f).padStart(3, '0')}.bgeo`,
      range(-2, 5),
      () => 100,
    );
    writeFrames(
      join(root, 'editorial'),
      (f) => `cut_2025-05-${f}.mov`,
      [13],
      () => 10,
    );
    writeFileSync(join(root, 'editorial', 'notes.txt'), 'hello');
    const { terminal } = await runScanWorker(scanSpec(root, join(dir, 'tree.json')));
    if (terminal.type !== 'completed') throw new Error(`scan did not complete: ${JSON.stringify(terminal)}`);
    const result = ScanResultSchema.parse(terminal.result);
    all = ScanTreeSchema.parse(JSON.parse(readFileSync(join(dir, 'tree.json'), 'utf8'))).sequences;
    byPattern = new Map(all.map((sequence) => [sequence.pattern, sequence]));
    expect(result.sequence_count).toBe(all.length);
    expect(result.problem_sequence_count).toBe(1);
    expect(result.sequences[0]?.pattern).toBe('beauty.####.exr');
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports the broken render exactly: its gaps, its empty frame and its truncated frame', () => {
    expect(byPattern.get('beauty.####.exr')).toEqual({
      dir: 'sq010/sh0100/renders/v003/beauty',
      pattern: 'beauty.####.exr',
      padding: 4,
      first: 1001,
      last: 1240,
      count: 238,
      frames: '1001-1106,1108-1187,1189-1240',
      missing: '1107,1188',
      zero_byte: [1200],
      suspect_small: [1210],
      total_size: (238 - 2) * 5000 + 100,
    });
  });

  it('reports complete and stepped sequences without problems', () => {
    expect(byPattern.get('sh0100_comp_v003.####.exr')).toMatchObject({
      count: 50,
      frames: '1001-1050',
      missing: '',
    });
    expect(byPattern.get('depth.####.exr')).toMatchObject({ count: 11, frames: '1001-1031x3', missing: '' });
    expect(byPattern.get('sim.@@@.bgeo')).toMatchObject({ first: -2, last: 5, count: 8, padding: 3 });
  });

  it('leaves dated and lone files alone', () => {
    expect(all.map((sequence) => sequence.pattern)).toHaveLength(4);
    expect(all.some((sequence) => sequence.dir === 'editorial')).toBe(false);
  });

  it('keeps the summary small but gives every sequence in the CLI JSON', async () => {
    const many = join(dir, 'MANY');
    for (let shot = 0; shot < MAX_REPORTED_SEQUENCES + 5; shot++) {
      writeFrames(
        join(many, `sh${shot}`),
        (f) => `plate.${f}.dpx`,
        [1001, 1002],
        () => 1,
      );
    }
    const { terminal } = await runScanWorker(scanSpec(many, join(dir, 'many.json')));
    if (terminal.type !== 'completed') throw new Error(`scan did not complete: ${JSON.stringify(terminal)}`);
    const result = ScanResultSchema.parse(terminal.result);
    expect(result.sequences).toHaveLength(MAX_REPORTED_SEQUENCES);
    expect(result.sequence_count).toBe(MAX_REPORTED_SEQUENCES + 5);
    const json = JSON.parse(
      (await runCli(['scan', many, '--json'], { WRANGLE_DATA_DIR: join(dir, 'data') }).done).stdout,
    );
    expect(json.result.sequences).toHaveLength(MAX_REPORTED_SEQUENCES + 5);
  });

  it('prints every sequence in the CLI JSON and a problems summary on the terminal', async () => {
    const env = { WRANGLE_DATA_DIR: join(dir, 'data') };
    const json = JSON.parse((await runCli(['scan', root, '--json'], env).done).stdout);
    expect(json.result.sequences).toHaveLength(4);
    expect(json.result.sequences[0]).toMatchObject({
      dir: 'sq010/sh0100/renders/v003/beauty',
      missing: '1107,1188',
    });
    const { stdout } = await runCli(['scan', root], env).done;
    expect(stdout).toContain('4 image sequences, 1 with problems');
    expect(stdout).toContain(
      'beauty.####.exr 1001-1240 (238 frames) — 2 missing: 1107, 1188; 1 zero-byte: 1200; 1 suspiciously small: 1210',
    );
  });
});
