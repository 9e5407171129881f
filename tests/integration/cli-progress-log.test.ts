/**
 * `wrangle scan/copy/verify` with stderr piped (a farm or cron log): a plain progress line every interval, never a
 * control character; none with the interval off; with --json, stdout stays one JSON object.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/engine';
import { runCli } from '../helpers/run-cli';
import { makeWideTree } from '../helpers/trees';

/** Any C0 or C1 control character but the newline that ends each line: \r, ESC (ANSI), … */
// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

/** The stderr lines that are progress log lines of `prefix` ("scan /x", "copy", "verify"). */
function logLines(stderr: string, prefix: string): string[] {
  return stderr.split('\n').filter((line) => line.startsWith(`${prefix}: `));
}

describe('CLI progress in logs (stderr not a terminal)', () => {
  let data: { path: string; cleanup: () => Promise<void> };
  let work: { path: string; cleanup: () => Promise<void> };
  let show: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    data = await tempDir('cli-log-data');
    work = await tempDir('cli-log');
    show = join(work.path, 'SHOW');
    // 240 folders at 100 a second: a scan of about 2.4 s, long enough for several 200 ms lines.
    makeWideTree(show, 120, 10, 2000);
    env = { WRANGLE_DATA_DIR: data.path, WRANGLE_SCAN_MAX_DIRS_PER_SECOND: '100' };
  });

  afterAll(async () => {
    await Promise.all([data.cleanup(), work.cleanup()]);
  });

  it('writes a plain scan line every interval, saying a first scan has no percentage yet; a rescan has one', async () => {
    const first = await runCli(['scan', show, '--progress-interval', '200ms'], env).done;
    expect(first.code).toBe(0);
    expect(first.stderr).not.toMatch(CONTROL);
    const lines = logLines(first.stderr, `scan ${show}`);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) {
      expect(line).toMatch(
        /^scan \S+: [\d,]+ files, [\d.]+ \w?B, [\d,]+ folders, (\d+%|percentage not known yet)/,
      );
    }
    // The first line comes long before the estimate's two-second trust window can have passed.
    expect(lines[0]).toContain('percentage not known yet');
    expect(first.stdout).toContain(`Scanned ${show}`);

    // A rescan has the previous scan to go on: a percentage in every line.
    const again = await runCli(['scan', show], { ...env, WRANGLE_PROGRESS_INTERVAL: '200ms' }).done;
    expect(again.code).toBe(0);
    const rescan = logLines(again.stderr, `scan ${show}`);
    expect(rescan.length).toBeGreaterThanOrEqual(2);
    for (const line of rescan) expect(line).toMatch(/ folders, \d+%/);
  });

  it('keeps stdout pure JSON with --json, the lines going to stderr', async () => {
    const { code, stdout, stderr } = await runCli(['scan', show, '--json', '--progress-interval=200ms'], env)
      .done;
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ root: show, status: 'completed' });
    expect(logLines(stderr, `scan ${show}`).length).toBeGreaterThanOrEqual(2);
    expect(stderr).not.toMatch(CONTROL);
  });

  it.each([
    ['the flag', ['--progress-interval', 'off'], {}],
    ['the variable', [], { WRANGLE_PROGRESS_INTERVAL: '0' }],
  ])('writes no line with the interval off by %s', async (_how, flags, extraEnv) => {
    const { code, stderr } = await runCli(['scan', show, ...flags], { ...env, ...extraEnv }).done;
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });

  it('exits 2 naming a bad interval', async () => {
    const flag = await runCli(['scan', show, '--progress-interval', 'soon'], env).done;
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('--progress-interval must be a time');
    const variable = await runCli(['scan', show], { ...env, WRANGLE_PROGRESS_INTERVAL: 'soon' }).done;
    expect(variable.code).toBe(2);
    expect(variable.stderr).toContain('WRANGLE_PROGRESS_INTERVAL');
  });

  it('writes copy and verify lines with done of total, throughput and the current file', async () => {
    const source = join(work.path, 'plates');
    mkdirSync(source);
    // 4 MB at 2 MB a second: about two seconds of copying, and as long again reading it back.
    for (let i = 0; i < 8; i++)
      writeFileSync(join(source, `plate.${1001 + i}.dpx`), Buffer.alloc(500_000, i));
    const destination = join(work.path, 'nas');
    mkdirSync(destination);
    const paced = { ...env, WRANGLE_COPY_MAX_BYTES_PER_SECOND: '2000000' };
    const copy = await runCli(
      ['copy', source, destination, '--checksum-file', '--progress-interval', '200ms'],
      paced,
    ).done;
    expect(copy.code).toBe(0);
    expect(copy.stderr).not.toMatch(CONTROL);
    const copyLines = logLines(copy.stderr, 'copy');
    expect(copyLines.length).toBeGreaterThanOrEqual(2);
    const copying = copyLines.filter((line) => / of 4\.0 MB, /.test(line));
    expect(copying.length).toBeGreaterThan(0);
    expect(copying[0]).toMatch(/^copy: \d+% (reading copies back )?[\d.]+ \w?B of 4\.0 MB, \d+ of 8 files/);
    expect(copyLines.some((line) => /, current: \S+plate\.\d+\.dpx$/.test(line))).toBe(true);

    const verify = await runCli(['verify', destination, '--progress-interval', '200ms'], paced).done;
    expect(verify.code).toBe(0);
    expect(verify.stderr).not.toMatch(CONTROL);
    const verifyLines = logLines(verify.stderr, 'verify');
    expect(verifyLines.length).toBeGreaterThanOrEqual(2);
    expect(verifyLines.some((line) => /^verify: \d+% [\d.]+ \w?B of 4\.0 MB/.test(line))).toBe(true);
  });
});
