/** The frame strip's cells: one per frame while they fit, else the worst state of the frames each pixel holds. */
import { describe, expect, it } from 'vitest';
import type { SequenceEntry } from '../../src-shared/jobs';
import {
  STATUS_BY_RANK,
  cellCount,
  cellFrames,
  cellOfSlot,
  cellText,
  slotOf,
  slotsOfCell,
  stripLabel,
  stripRanks,
  stripRuns,
  truncatedTail,
} from '../../src-renderer/src/scan/tree/frame-strip-model';
import { sequenceFrames } from '../../src-renderer/src/scan/tree/sequence-model';

function entry(
  fields: Partial<SequenceEntry> & Pick<SequenceEntry, 'first' | 'last' | 'frames'>,
): SequenceEntry {
  return {
    dir: 'renders',
    pattern: 'beauty.####.exr',
    padding: 4,
    count: 0,
    missing: '',
    zero_byte: [],
    suspect_small: [],
    total_size: 0,
    ...fields,
  };
}

const beauty = entry({
  first: 1001,
  last: 1240,
  frames: '1001-1106,1108-1187,1189-1240',
  missing: '1107,1188',
  zero_byte: [1200],
  suspect_small: [1210],
});

/** The state of each cell, by name. */
function states(seq: SequenceEntry, maxCells: number): string[] {
  return [...stripRanks(sequenceFrames(seq), maxCells)].map((rank) => STATUS_BY_RANK[rank] ?? '?');
}

describe('frame strip cells', () => {
  it('gives each frame its own cell while they fit, missing frames included', () => {
    const cells = states(beauty, 1000);
    expect(cells).toHaveLength(240);
    expect(cells[1107 - 1001]).toBe('missing');
    expect(cells[1188 - 1001]).toBe('missing');
    expect(cells[1200 - 1001]).toBe('zero');
    expect(cells[1210 - 1001]).toBe('small');
    expect(cells.filter((state) => state === 'ok')).toHaveLength(236);
  });

  it('puts many frames in a pixel with the worst winning: missing > zero-byte > small > ok', () => {
    // 10,000 frames in 100 cells: 100 frames each. Cell 0: small and missing; cell 1: small and zero-byte;
    // cell 2: small only; cell 3: zero-byte and missing; cell 99: its last frame missing.
    const seq = entry({
      first: 1,
      last: 10_000,
      frames: '1-49,51-349,351-9999',
      missing: '50,350,10000',
      zero_byte: [150, 320],
      suspect_small: [10, 120, 250],
    });
    const cells = states(seq, 100);
    expect(cells).toHaveLength(100);
    expect(cells.slice(0, 5)).toEqual(['missing', 'zero', 'small', 'missing', 'ok']);
    expect(cells[99]).toBe('missing');
    expect(cells.filter((state) => state !== 'ok')).toHaveLength(5);
  });

  it('buckets frames that do not divide evenly, and every frame lands in exactly one cell', () => {
    for (const [slots, cells] of [
      [7, 3],
      [240, 178],
      [10_001, 110],
      [5, 5],
    ] as const) {
      const seen = new Array<number>(slots).fill(0);
      for (let cell = 0; cell < cells; cell++) {
        const { start, end } = slotsOfCell(cell, slots, cells);
        expect(end).toBeGreaterThan(start);
        for (let slot = start; slot < end; slot++) {
          seen[slot] = (seen[slot] ?? 0) + 1;
          expect(cellOfSlot(slot, slots, cells)).toBe(cell);
        }
      }
      expect(seen.every((n) => n === 1)).toBe(true);
    }
  });

  it('follows the sequence step: a frame off the step is not a cell', () => {
    // Every 2nd frame from 1001 to 1099, 1051 missing: 50 cells, not 99.
    const seq = entry({ first: 1001, last: 1099, frames: '1001-1049x2,1053-1099x2', missing: '1051' });
    const frames = sequenceFrames(seq);
    expect(frames.frames).toHaveLength(50);
    const cells = states(seq, 400);
    expect(cells).toHaveLength(50);
    expect(cells.indexOf('missing')).toBe(25);
    expect(slotOf(frames.frames, 1051)).toBe(25);
    expect(slotOf(frames.frames, 1052)).toBe(-1);
  });

  it('handles negative frames', () => {
    const seq = entry({ first: -10, last: 5, frames: '-10--6,-4-5', missing: '-5', zero_byte: [-10] });
    const cells = states(seq, 100);
    expect(cells).toHaveLength(16);
    expect(cells[0]).toBe('zero');
    expect(cells[5]).toBe('missing');
    expect(stripLabel(seq.first, seq.last, sequenceFrames(seq))).toBe(
      'Frames -10 to 5: 1 missing (-5), 1 zero-byte (-10)',
    );
  });

  it('has no cells without room, and merges neighbouring cells of one state into runs', () => {
    expect(cellCount(240, 0)).toBe(0);
    expect(stripRanks(sequenceFrames(beauty), 0)).toHaveLength(0);
    expect(stripRuns(Uint8Array.from([0, 0, 3, 3, 1, 0]))).toEqual([
      { start: 0, end: 2, rank: 0 },
      { start: 2, end: 4, rank: 3 },
      { start: 4, end: 5, rank: 1 },
      { start: 5, end: 6, rank: 0 },
    ]);
    expect(stripRuns(new Uint8Array(0))).toEqual([]);
  });
});

describe('frame strip words', () => {
  it('says what the strip shows, in the shared frame notation', () => {
    expect(stripLabel(beauty.first, beauty.last, sequenceFrames(beauty))).toBe(
      'Frames 1001-1240: 2 missing (1107, 1188), 1 zero-byte (1200), 1 small (1210)',
    );
    const clean = entry({ first: 1001, last: 1100, frames: '1001-1100' });
    expect(stripLabel(clean.first, clean.last, sequenceFrames(clean))).toBe(
      'Frames 1001-1100: all 100 present',
    );
    const gappy = entry({ first: 1, last: 40, frames: '1,3,5,7,9,11,13,15-40', missing: '2-14x2' });
    expect(stripLabel(gappy.first, gappy.last, sequenceFrames(gappy), 3)).toBe(
      'Frames 1-40: 7 missing (every 2nd frame from 2 to 14)',
    );
  });

  it('names a render that ends in zero-byte or small frames', () => {
    const cut = entry({
      first: 1001,
      last: 1100,
      frames: '1001-1100',
      suspect_small: [1071, 1072, 1073, 1074, 1075],
      zero_byte: Array.from({ length: 25 }, (_, i) => 1076 + i),
    });
    const frames = sequenceFrames(cut);
    expect(truncatedTail(frames)).toEqual({ count: 30, text: '1071-1100' });
    expect(stripLabel(cut.first, cut.last, frames)).toBe(
      'Frames 1001-1100: 25 zero-byte (1076-1100), 5 small (1071-1075); the last 30 frames (1071-1100) are zero-byte or small',
    );
    // A bad frame in the middle, or every frame bad, is not a cut-short render.
    expect(truncatedTail(sequenceFrames(beauty))).toBeNull();
    const allEmpty = entry({ first: 1, last: 3, frames: '1-3', zero_byte: [1, 2, 3] });
    expect(truncatedTail(sequenceFrames(allEmpty))).toBeNull();
  });

  it('describes one cell for the tooltip: its frame, state and size', () => {
    const frames = sequenceFrames(beauty);
    const cells = 240;
    const size = (frame: number): string | null =>
      frame === 1210 ? '40 B' : frame === 1106 ? '8.0 KB' : null;
    const at = (frame: number): string => cellText(cellFrames(frames, frame - 1001, cells), size);
    expect(at(1107)).toBe('Frame 1107: missing');
    expect(at(1106)).toBe('Frame 1106: 8.0 KB');
    expect(at(1105)).toBe('Frame 1105: present');
    expect(at(1200)).toBe('Frame 1200: zero-byte');
    expect(at(1210)).toBe('Frame 1210: suspiciously small, 40 B');
    // Several frames in one cell: the range and what is wrong in it.
    const wide = cellFrames(frames, cellOfSlot(1107 - 1001, 240, 24), 24);
    expect(wide.count).toBe(10);
    expect(cellText(wide, size)).toBe('Frames 1101-1110: 1 missing (1107)');
    expect(cellText(cellFrames(frames, 0, 24), size)).toBe('Frames 1001-1010: all 10 present');
  });
});
