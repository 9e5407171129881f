/** `wrangle verify` arguments: what parses, and what is refused with a message that says what to type. */
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../src-main/cli/args';
import { VERIFY_USAGE } from '../../src-main/cli/verify-args';

describe('wrangle verify arguments', () => {
  it('parses a folder with --record and --json', () => {
    expect(parseArgs(['verify', '/shows/A002R2EC', '--record', '--json'])).toEqual({
      command: 'verify',
      dir: '/shows/A002R2EC',
      record: true,
      json: true,
      printProgressEndpoint: false,
    });
    expect(parseArgs(['verify', '--', '-odd-name'])).toMatchObject({ dir: '-odd-name', record: false });
  });

  it('shows its own help, which documents the exit codes', () => {
    expect(parseArgs(['verify', '--help'])).toEqual({ command: 'help', usage: VERIFY_USAGE });
    for (const code of ['0 ', '1 ', '2 ', '130']) expect(VERIFY_USAGE).toContain(`\n  ${code}`);
    expect(VERIFY_USAGE).toMatch(/new files are reported but do not fail/);
  });

  it.each([
    [['verify'], /needs the folder to verify/],
    [['verify', 'a', 'b'], /takes one folder; got 2: "a", "b"/],
    [['verify', 'a', '--verify'], /Unknown option --verify for wrangle verify/],
    [['verify', ''], /empty string/],
  ])('refuses %j', (argv, message) => {
    let thrown: unknown;
    try {
      parseArgs(argv);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as UsageError).message).toMatch(message);
    expect((thrown as UsageError).usage).toBe(VERIFY_USAGE);
  });
});
