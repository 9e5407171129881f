/** ASC MHL manifest file names (spec 6.3): format, parse back, reject what does not conform. */
import { describe, expect, it } from 'vitest';
import {
  formatManifestName,
  manifestGeneration,
  parseManifestName,
} from '../../src-workers/mhl/manifest-names';

const AT = new Date(Date.UTC(2019, 0, 7, 8, 2, 28));

describe('formatManifestName', () => {
  it('follows the spec example', () => {
    expect(formatManifestName(1, 'A002R2EC', AT)).toBe('0001_A002R2EC_2019-01-07_080228Z.mhl');
  });

  it('uses UTC whatever the local zone, and pads to 4 digits, more past 9999', () => {
    expect(formatManifestName(42, 'Card', new Date('2024-01-01T23:30:05-05:00'))).toBe(
      '0042_Card_2024-01-02_043005Z.mhl',
    );
    expect(formatManifestName(12345, 'Card', AT)).toBe('12345_Card_2019-01-07_080228Z.mhl');
  });

  it('keeps spaces, underscores and non-ASCII in the folder name', () => {
    expect(formatManifestName(3, 'Day 1_Ünïcode', AT)).toBe('0003_Day 1_Ünïcode_2019-01-07_080228Z.mhl');
  });

  it('rejects bad generations, folder names and dates', () => {
    expect(() => formatManifestName(0, 'Card', AT)).toThrow(RangeError);
    expect(() => formatManifestName(1.5, 'Card', AT)).toThrow(RangeError);
    expect(() => formatManifestName(1, '', AT)).toThrow(/empty/);
    expect(() => formatManifestName(1, 'a/b', AT)).toThrow(/"\/"/);
    expect(() => formatManifestName(1, '..', AT)).toThrow(RangeError);
    expect(() => formatManifestName(1, 'Card', new Date(Number.NaN))).toThrow(/date/);
    expect(() => formatManifestName(1, 'x'.repeat(240), AT)).toThrow(/255/);
  });
});

describe('parseManifestName', () => {
  it('parses what formatManifestName writes', () => {
    const name = formatManifestName(7, 'My_Card_2024', AT);
    expect(parseManifestName(name)).toEqual({ generation: 7, folder: 'My_Card_2024', createdAt: AT });
    expect(parseManifestName('0002_A002R2EC_2020-01-17_143000Z.mhl')).toEqual({
      generation: 2,
      folder: 'A002R2EC',
      createdAt: new Date(Date.UTC(2020, 0, 17, 14, 30, 0)),
    });
  });

  it('rejects names that do not conform', () => {
    for (const bad of [
      'ascmhl_chain.xml',
      '001_Card_2020-01-17_143000Z.mhl', // 3 digits
      '0000_Card_2020-01-17_143000Z.mhl', // generation 0
      '0001_Card_2020-01-17_143000.mhl', // no Z
      '0001__2020-01-17_143000Z.mhl', // no folder
      '0001_Card_2020-02-30_143000Z.mhl', // no such day
      '0001_Card_2020-01-17_256000Z.mhl', // no such hour
      '0001_Card_2020-01-17_143000Z.mhl.tmp',
      '0001_Card_2020-01-17_143000Z.MHL',
    ])
      expect(parseManifestName(bad), bad).toBeUndefined();
  });
});

describe('manifestGeneration', () => {
  it('reads the number of names other tools wrote, as the reference implementation does', () => {
    expect(manifestGeneration('0002_A002R2EC_2020-01-17_143000Z.mhl')).toBe(2);
    expect(manifestGeneration('0001_A002R2EC_2020-01-16_091500.mhl')).toBe(1); // the spec's own examples
    expect(manifestGeneration('10001.mhl')).toBe(10001);
    expect(manifestGeneration('packinglist_Card_2020-01-16_091500Z.mhl')).toBeUndefined();
    expect(manifestGeneration('0000_x.mhl')).toBeUndefined();
    expect(manifestGeneration('0001_x.xml')).toBeUndefined();
  });
});
