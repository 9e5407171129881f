import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../src-main/cli/args';

describe('parseArgs', () => {
  it('parses a scan with its flags in any order', () => {
    expect(parseArgs(['scan', '--json', '/shows/abc', '--print-progress-endpoint'])).toEqual({
      command: 'scan',
      dir: '/shows/abc',
      json: true,
      printProgressEndpoint: true,
    });
  });

  it('parses a scan with its sequence extensions', () => {
    expect(parseArgs(['scan', '/shows/abc', '--sequence-ext', 'EXR,.dpx'])).toEqual({
      command: 'scan',
      dir: '/shows/abc',
      json: false,
      printProgressEndpoint: false,
      sequenceExtensions: ['exr', 'dpx'],
    });
    expect(parseArgs(['scan', '--sequence-ext=*', '/a'])).toMatchObject({ sequenceExtensions: ['*'] });
    expect(() => parseArgs(['scan', '/a', '--sequence-ext', 'e/x'])).toThrow(/--sequence-ext: "e\/x"/);
    expect(() => parseArgs(['scan', '/a', '--sequence-ext'])).toThrow(/--sequence-ext needs a value/);
    expect(() => parseArgs(['copy', '/a', '/b', '--sequence-ext', 'exr'])).toThrow(/Unknown option/);
  });

  it('takes --progress-interval on every job command, as a time, 0 or off', () => {
    expect(parseArgs(['scan', '/s', '--progress-interval', '200ms'])).toMatchObject({
      progressIntervalMs: 200,
    });
    expect(parseArgs(['copy', '/a', '/d', '--progress-interval=2s'])).toMatchObject({
      progressIntervalMs: 2000,
    });
    expect(parseArgs(['move', '--progress-interval', 'off', '/a', '/d'])).toMatchObject({
      progressIntervalMs: 0,
      sources: ['/a'],
    });
    expect(parseArgs(['retry', 'id', '--progress-interval', '0'])).toMatchObject({ progressIntervalMs: 0 });
    expect(parseArgs(['verify', '/v', '--progress-interval', '1m'])).toMatchObject({
      progressIntervalMs: 60_000,
    });
    expect(parseArgs(['scan', '/s'])).not.toHaveProperty('progressIntervalMs');
    expect(() => parseArgs(['scan', '/s', '--progress-interval', 'soon'])).toThrow(
      /--progress-interval must be a time/,
    );
    expect(() => parseArgs(['scan', '/s', '--progress-interval'])).toThrow(/needs a value/);
    expect(() => parseArgs(['verify', '/v', '--progress-interval'])).toThrow(/needs a value/);
  });

  it('parses a watch with --json', () => {
    expect(parseArgs(['watch', '/renders/sh010', '--json'])).toEqual({
      command: 'watch',
      dir: '/renders/sh010',
      json: true,
      printProgressEndpoint: false,
    });
  });

  it('takes a folder that starts with a dash after --', () => {
    expect(parseArgs(['scan', '--', '-weird'])).toMatchObject({ dir: '-weird' });
  });

  it('parses copy and move with several sources and the destination last', () => {
    expect(parseArgs(['copy', '/a', '/b', '/dest', '--on-conflict=rename', '--verify', '--json'])).toEqual({
      command: 'copy',
      sources: ['/a', '/b'],
      destination: '/dest',
      policy: 'rename',
      verify: true,
      checksumFile: false,
      parents: false,
      also: [],
      hashes: ['xxh64'],
      mhl: false,
      json: true,
      printProgressEndpoint: false,
    });
    expect(parseArgs(['copy', '/a', '/new/dest', '--parents'])).toMatchObject({ parents: true });
    expect(parseArgs(['move', '/a', '/dest'])).toMatchObject({
      command: 'move',
      policy: 'skip',
      verify: false,
    });
    expect(parseArgs(['copy', '/a', '/dest', '--checksum-file'])).toMatchObject({
      checksumFile: true,
      also: [],
      hashes: ['xxh64'],
      mhl: false,
      verify: true,
    });
  });

  it('parses retry with one job id', () => {
    expect(parseArgs(['retry', 'abc-123', '--json'])).toEqual({
      command: 'retry',
      batchId: 'abc-123',
      json: true,
      printProgressEndpoint: false,
    });
  });

  it('answers help and version', () => {
    expect(parseArgs(['--help'])).toEqual({ command: 'help' });
    expect(parseArgs(['scan', '-h'])).toEqual({ command: 'help' });
    expect(parseArgs(['--version'])).toEqual({ command: 'version' });
  });

  it.each([
    [[], /No command/],
    [['sync', 'a', 'b'], /Unknown command "sync"/],
    [['scan'], /needs a folder/],
    [['scan', 'a', 'b'], /one folder; got 2/],
    [['scan', '--fast', 'a'], /Unknown option --fast/],
    [['watch'], /wrangle watch needs a folder to watch/],
    [['watch', 'a', 'b'], /wrangle watch takes one folder; got 2/],
    [['watch', 'a', '--verify'], /Unknown option --verify/],
    [['scan', ''], /empty string/],
    [['copy', 'only-one'], /at least one source and a destination/],
    [['copy', 'a', 'b', '--on-conflict=merge'], /--on-conflict must be skip, overwrite, rename or newer/],
    [['scan', 'a', '--verify'], /Unknown option --verify/],
    [['move', 'a', 'b', '--checksum-file'], /Unknown option --checksum-file/],
    [['scan', 'a', '--parents'], /Unknown option --parents/],
    [['retry'], /id of one ended copy or move/],
    [['retry', 'a', 'b'], /id of one ended copy or move/],
    [['retry', 'a', '--verify'], /Unknown option --verify/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });

  it('parses several destinations, hash formats and --mhl, and names a bad format', () => {
    expect(
      parseArgs(['copy', '/a', '/d1', '--also', '/d2', '--also=/d3', '--hash', 'md5,XXH64,md5', '--mhl']),
    ).toMatchObject({ destination: '/d1', also: ['/d2', '/d3'], hashes: ['md5', 'xxh64'], mhl: true });
    expect(() => parseArgs(['copy', '/a', '/d1', '--hash', 'xxh64,crc32'])).toThrow(
      /Unknown hash format "crc32"\. Choose from c4, md5, sha1, xxh128, xxh3, xxh64/,
    );
    expect(() => parseArgs(['copy', '/a', '/d1', '--also'])).toThrow(/--also needs a value/);
  });
});
