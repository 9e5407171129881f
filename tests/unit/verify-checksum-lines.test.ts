/** Checksum files as xxhsum, xxh64sum and md5sum write them (GNU and BSD styles), read line by line. */
import { describe, expect, it } from 'vitest';
import { familyOf, parseChecksumText } from '../../src-workers/verify/checksum-lines';

describe('checksum lines', () => {
  it('reads GNU lines: text and binary mode, ./ prefixes, CRLF, comments and blank lines', () => {
    const text = [
      '# made by xxhsum',
      '0ea03b369a463d9d  Clips/A002C006.mov',
      '7680E5F98F4A80FD *./Clips/A002C007.mov',
      '',
      '3ab5a4166b9bde44   leading space.txt\r',
    ].join('\n');
    expect(parseChecksumText(`${text}\n`, 'xxh')).toEqual({
      entries: [
        { path: 'Clips/A002C006.mov', format: 'xxh64', value: '0ea03b369a463d9d' },
        { path: 'Clips/A002C007.mov', format: 'xxh64', value: '7680e5f98f4a80fd' },
        { path: ' leading space.txt', format: 'xxh64', value: '3ab5a4166b9bde44' },
      ],
      bad: [],
    });
  });

  it('undoes the GNU escape prefix for names with a backslash or a newline', () => {
    const { entries } = parseChecksumText('\\0ea03b369a463d9d  a\\\\b\\nc.txt\n', 'xxh');
    expect(entries).toEqual([{ path: 'a\\b\nc.txt', format: 'xxh64', value: '0ea03b369a463d9d' }]);
  });

  it('tells the xxHash formats apart by length and by the XXH3_ prefix', () => {
    const { entries } = parseChecksumText(
      ['00112233445566778899aabbccddeeff  wide.bin', 'XXH3_0011223344556677  three.bin'].join('\n'),
      'xxh',
    );
    expect(entries.map((entry) => entry.format)).toEqual(['xxh128', 'xxh3']);
  });

  it('reads BSD tag lines (xxhsum --tag, md5 on macOS)', () => {
    const { entries } = parseChecksumText(
      ['XXH64 (a (1).mov) = 0ea03b369a463d9d', 'MD5 (b.txt) = F5AC8127B3B6B85CDC13F237C6005D80'].join('\n'),
      'xxh',
    );
    expect(entries).toEqual([
      { path: 'a (1).mov', format: 'xxh64', value: '0ea03b369a463d9d' },
      { path: 'b.txt', format: 'md5', value: 'f5ac8127b3b6b85cdc13f237c6005d80' },
    ]);
  });

  it('reads md5sum files as MD5, and names the lines it cannot read', () => {
    const text = [
      'f5ac8127b3b6b85cdc13f237c6005d80 *clip.mov',
      '0ea03b369a463d9d  short.txt',
      'not a checksum line',
      '01234567  xxh32.bin',
    ].join('\n');
    const md5 = parseChecksumText(text, familyOf('SHOW.md5'));
    expect(md5.entries).toEqual([
      { path: 'clip.mov', format: 'md5', value: 'f5ac8127b3b6b85cdc13f237c6005d80' },
    ]);
    expect(md5.bad.map((bad) => bad.line)).toEqual([2, 3, 4]);
    expect(md5.bad[0]?.why).toMatch(/not an MD5 digest/);
    const xxh = parseChecksumText(text, familyOf('SHOW.xxhsum'));
    expect(xxh.bad.find((bad) => bad.line === 4)?.why).toMatch(/XXH32 is not a format/);
  });

  it('knows the family of each checksum file name', () => {
    expect(familyOf('a.md5')).toBe('md5');
    expect(familyOf('a.MD5SUM')).toBe('md5');
    expect(familyOf('a.xxh64')).toBe('xxh');
    expect(familyOf('a.xxhsum')).toBe('xxh');
  });
});
