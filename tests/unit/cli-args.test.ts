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

  it('takes a folder that starts with a dash after --', () => {
    expect(parseArgs(['scan', '--', '-weird'])).toMatchObject({ dir: '-weird' });
  });

  it('answers help and version', () => {
    expect(parseArgs(['--help'])).toEqual({ command: 'help' });
    expect(parseArgs(['scan', '-h'])).toEqual({ command: 'help' });
    expect(parseArgs(['--version'])).toEqual({ command: 'version' });
  });

  it.each([
    [[], /No command/],
    [['copy', 'a', 'b'], /Unknown command "copy"/],
    [['scan'], /needs a folder/],
    [['scan', 'a', 'b'], /one folder; got 2/],
    [['scan', '--fast', 'a'], /Unknown option --fast/],
    [['scan', ''], /empty string/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});
