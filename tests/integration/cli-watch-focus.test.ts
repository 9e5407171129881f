/**
 * `wrangle watch` has no tree to open folders in: polled (WRANGLE_WATCH_POLL=1), it polls the root and the
 * folders that hold sequences, and says so. The reconcile is an hour, so a frame in a folder without a
 * sequence can only show by being polled: that it has not shown while the sequence's frame did is certain.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/engine';
import { runCli, type CliRun } from '../helpers/run-cli';
import { runWatch, sequenceOf, type WatchRun } from '../helpers/watch-cli';

const POLLED = { WRANGLE_WATCH_POLL: '1', WRANGLE_WATCH_POLL_INTERVAL_MS: '100' };
const HOUR_MS = '3600000';

/** Resolves with the first stdout text of `run` matching `pattern`. */
function waitForStdout(run: CliRun, pattern: RegExp, timeoutMs = 15_000): Promise<RegExpMatchArray> {
  let text = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ${pattern} within ${timeoutMs} ms; got:\n${text}`)),
      timeoutMs,
    );
    run.child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = text.match(pattern);
      if (!match) return;
      clearTimeout(timer);
      resolve(match);
    });
  });
}

describe('wrangle watch, polled', () => {
  let root: { path: string; cleanup: () => Promise<void> };
  let data: { path: string; cleanup: () => Promise<void> };
  let run: CliRun | WatchRun | undefined;

  beforeEach(async () => {
    root = await tempDir('watch-focus-root');
    data = await tempDir('watch-focus-data');
    mkdirSync(join(root.path, 'sh010'));
    mkdirSync(join(root.path, 'plates'));
    for (const n of [1001, 1002]) writeFileSync(join(root.path, 'sh010', `beauty.${n}.exr`), 'frame');
    writeFileSync(join(root.path, 'plates', 'notes.txt'), 'no frames here');
  });

  afterEach(async () => {
    if (run && run.child.exitCode === null) {
      run.child.kill('SIGINT');
      await run.done;
    }
    run = undefined;
    await Promise.all([root.cleanup(), data.cleanup()]);
  });

  it('polls the folders with sequences: a frame there shows, one in a folder without a sequence waits', async () => {
    const watch = runWatch(root.path, {
      WRANGLE_DATA_DIR: data.path,
      ...POLLED,
      WRANGLE_WATCH_RECONCILE_MS: HOUR_MS,
    });
    run = watch;
    await watch.waitForLine((line) => line.event === 'ready');
    const from = watch.lines.length;
    for (const n of [1001, 1002]) writeFileSync(join(root.path, 'plates', `plate.${n}.exr`), 'frame');
    writeFileSync(join(root.path, 'sh010', 'beauty.1003.exr'), 'frame');
    await watch.waitForLine((line) => sequenceOf(line, 'beauty.####.exr')?.count === 3, from);
    expect(watch.lines.some((line) => sequenceOf(line, 'plate.####.exr') !== undefined)).toBe(false);
  });

  it('says it polls the root and the folders with sequences, and how often the others are read', async () => {
    run = runCli(['watch', root.path], {
      WRANGLE_DATA_DIR: data.path,
      ...POLLED,
      WRANGLE_WATCH_RECONCILE_MS: HOUR_MS,
    });
    const [line] = await waitForStdout(run, /^Now polling .*$/m);
    expect(line).toBe(
      'Now polling the root and 1 folder with sequences every 0.1s (WRANGLE_WATCH_POLL); the other folder is re-read every 1h 0m',
    );
  });
});
