/** ASC MHL ignore patterns (spec Appendix C: gitignore syntax, relative to the history root). */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_IGNORE_PATTERNS,
  isIgnored,
  mergeIgnorePatterns,
} from '../../src-workers/mhl/ignore-patterns';

const check = (patterns: string[], cases: [string, boolean, boolean][]): void => {
  for (const [path, isDir, expected] of cases)
    expect(isIgnored(path, isDir, patterns), `${patterns.join(' ')} on ${path}${isDir ? '/' : ''}`).toBe(
      expected,
    );
};

describe('isIgnored', () => {
  it('has the reference defaults: .DS_Store files and ascmhl folders anywhere', () => {
    expect(DEFAULT_IGNORE_PATTERNS).toEqual(['.DS_Store', 'ascmhl', 'ascmhl/']);
    check(
      [...DEFAULT_IGNORE_PATTERNS],
      [
        ['.DS_Store', false, true],
        ['Clips/.DS_Store', false, true],
        ['ascmhl', true, true],
        ['ascmhl/0001_Card_2020-01-16_091500Z.mhl', false, true],
        ['A002R2EC/ascmhl/ascmhl_chain.xml', false, true],
        ['Clips/A002C006.mov', false, false],
        ['Thumbs.db', false, false],
        ['my.DS_Store', false, false],
      ],
    );
  });

  it('matches a slash-free pattern at any level, files and folders alike', () => {
    check(
      ['*.RMD'],
      [
        ['A001.RMD', false, true],
        ['Clips/A001.RMD', false, true],
        ['Clips/A001.R3D', false, false],
        ['x.RMD', true, true],
        ['x.RMD/inside.txt', false, true],
      ],
    );
  });

  it('anchors a pattern with a slash at the start or in the middle to the root', () => {
    check(
      ['/tmp'],
      [
        ['tmp', true, true],
        ['tmp/a.txt', false, true],
        ['Clips/tmp', true, false],
      ],
    );
    check(
      ['doc/frotz'],
      [
        ['doc/frotz', true, true],
        ['a/doc/frotz', true, false],
      ],
    );
  });

  it('matches folders only when the pattern ends with a slash', () => {
    check(
      ['frotz/'],
      [
        ['frotz', true, true],
        ['a/frotz', true, true],
        ['frotz', false, false],
        ['a/frotz/file', false, true],
      ],
    );
    check(
      ['doc/frotz/'],
      [
        ['doc/frotz', true, true],
        ['a/doc/frotz', true, false],
      ],
    );
  });

  it('handles * ? and ranges without crossing /', () => {
    check(
      ['Clips/*.mov'],
      [
        ['Clips/a.mov', false, true],
        ['Clips/sub/a.mov', false, false],
      ],
    );
    check(
      ['frame.?.exr'],
      [
        ['frame.1.exr', false, true],
        ['frame.12.exr', false, false],
      ],
    );
    check(
      ['shot_[a-c].txt'],
      [
        ['shot_b.txt', false, true],
        ['shot_d.txt', false, false],
      ],
    );
    check(
      ['shot_[!a-c].txt'],
      [
        ['shot_d.txt', false, true],
        ['shot_a.txt', false, false],
      ],
    );
  });

  it('gives ** its three meanings', () => {
    check(
      ['**/foo'],
      [
        ['foo', false, true],
        ['a/b/foo', false, true],
        ['a/foox', false, false],
      ],
    );
    check(
      ['**/foo/bar'],
      [
        ['foo/bar', false, true],
        ['x/foo/bar', false, true],
        ['x/bar', false, false],
      ],
    );
    check(
      ['abc/**'],
      [
        ['abc/x', false, true],
        ['abc/x/y/z', false, true],
        ['abc', true, false],
        ['x/abc/y', false, false],
      ],
    );
    check(
      ['a/**/b'],
      [
        ['a/b', false, true],
        ['a/x/b', false, true],
        ['a/x/y/b', false, true],
        ['a/x/yb', false, false],
      ],
    );
  });

  it('lets a later ! pattern re-include, but not below an ignored folder', () => {
    check(
      ['*.log', '!keep.log'],
      [
        ['a.log', false, true],
        ['keep.log', false, false],
        ['sub/keep.log', false, false],
      ],
    );
    check(['build/', '!build/keep.txt'], [['build/keep.txt', false, true]]);
  });

  it('skips comments and blank lines, honours escapes and trailing-space rules', () => {
    check(
      ['# comment', '', '\\#hash', '\\!bang', 'trailing  '],
      [
        ['# comment', false, false],
        ['#hash', false, true],
        ['!bang', false, true],
        ['trailing', false, true],
      ],
    );
    check(
      ['space\\ '],
      [
        ['space ', false, true],
        ['space', false, false],
      ],
    );
  });

  it('treats regex characters in patterns literally', () => {
    check(
      ['a+b(1).txt', '$x^'],
      [
        ['a+b(1).txt', false, true],
        ['aab1.txt', false, false],
        ['$x^', false, true],
      ],
    );
  });
});

describe('mergeIgnorePatterns', () => {
  it('starts from the defaults for a new history and only ever grows, without repeats', () => {
    expect(mergeIgnorePatterns(undefined)).toEqual(['.DS_Store', 'ascmhl', 'ascmhl/']);
    expect(mergeIgnorePatterns(undefined, ['*.RMD', '.DS_Store'])).toEqual([
      '.DS_Store',
      'ascmhl',
      'ascmhl/',
      '*.RMD',
    ]);
    expect(mergeIgnorePatterns(['.DS_Store', 'ascmhl', 'ascmhl/', 'c1'], ['p1'])).toEqual([
      '.DS_Store',
      'ascmhl',
      'ascmhl/',
      'c1',
      'p1',
    ]);
  });
});
