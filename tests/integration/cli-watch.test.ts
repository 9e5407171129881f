/**
 * `wrangle watch --json`, end to end: the built CLI and its watch worker, real frames landing in a temp folder.
 * Each step waits (generously) for the JSON line that shows the change; the latency is printed, not judged.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SequenceEntrySchema } from '../../src-shared/jobs';
import { tempDir } from '../helpers/engine';
import { runCli } from '../helpers/run-cli';
import { runWatch, sequenceOf, type WatchLine, type WatchRun } from '../helpers/watch-cli';

const FRAME = Buffer.alloc(2_000, 7);
const BEAUTY = 'beauty.####.exr';

describe('wrangle watch --json', () => {
  let root: { path: string; cleanup: () => Promise<void> };
  let data: { path: string; cleanup: () => Promise<void> };
  let shot: string;
  let watch: WatchRun | undefined;

  beforeEach(async () => {
    root = await tempDir('watch-root');
    data = await tempDir('watch-data');
    shot = join(root.path, 'sh010');
    mkdirSync(shot);
  });

  afterEach(async () => {
    if (watch && watch.child.exitCode === null) await watch.interrupt();
    watch = undefined;
    await Promise.all([root.cleanup(), data.cleanup()]);
  });

  const frame = (n: number, content: Buffer = FRAME): void =>
    writeFileSync(join(shot, `beauty.${n}.exr`), content);

  /** Start watching with extra environment; resolves with the `ready` line. */
  async function start(env: Record<string, string> = {}): Promise<WatchLine> {
    watch = runWatch(root.path, { WRANGLE_DATA_DIR: data.path, ...env });
    return watch.waitForLine((line) => line.event === 'ready');
  }

  /** Do `change`, then wait for the beauty sequence line that `expected` accepts; logs how long it took. */
  async function after(
    label: string,
    change: () => void,
    expected: (sequence: Record<string, unknown>) => boolean,
  ): Promise<Record<string, unknown>> {
    const from = watch!.lines.length;
    const at = Date.now();
    change();
    const line = await watch!.waitForLine((l) => {
      const sequence = sequenceOf(l, BEAUTY);
      return sequence !== undefined && expected(sequence);
    }, from);
    console.log(`watch: ${label} seen after ${Date.now() - at} ms`);
    return line.sequence as Record<string, unknown>;
  }

  it("groups frames by the scan's rules: Nuke script versions are no sequence, and the configured list applies", async () => {
    for (const v of ['001', '002', '004']) writeFileSync(join(shot, `comp_v${v}.nk`), 'script');
    frame(1001);
    // .bin is no frame format by default: only the configured list makes these caches a sequence.
    const ready = await start({ WRANGLE_SCAN_SEQUENCE_EXTENSIONS: 'exr,bin' });
    expect(ready).toMatchObject({ files: 4 });
    await after(
      'a second frame',
      () => frame(1002),
      (s) => s.count === 2,
    );
    // A .bin sequence lands too; the .nk versions never became one.
    for (const n of [1001, 1002]) writeFileSync(join(shot, `cache.${n}.bin`), FRAME);
    await watch!.waitForLine((l) => sequenceOf(l, 'cache.####.bin') !== undefined);
    expect(
      watch!.lines.filter(
        (l) =>
          l.event === 'sequence' &&
          /\.nk$/.test(String((l.sequence as { pattern?: unknown } | undefined)?.pattern)),
      ),
    ).toEqual([]);
  });

  it('reports the initial state, then frames written in place, with exactly the scan --json fields', async () => {
    frame(1001);
    frame(1002);
    const ready = await start();
    expect(ready).toMatchObject({ event: 'ready', root: root.path, files: 2, sequences: 1 });
    expect(ready.watched).toMatchObject({ mode: 'events', folders_watched: 2, folders_found: 2 });
    const initial = await watch!.waitForLine((l) => sequenceOf(l, BEAUTY) !== undefined);
    expect(initial.landed_at).toBeNull();

    const sequence = await after(
      'a frame written in place',
      () => frame(1003),
      (s) => s.count === 3,
    );
    // Exactly the fields of scan --json's sequences[], nothing more.
    expect(Object.keys(sequence).sort()).toEqual(Object.keys(SequenceEntrySchema.shape).sort());
    expect(sequence).toMatchObject({ dir: 'sh010', frames: '1001-1003', missing: '', total_size: 6_000 });
    const line = watch!.lines.find((l) => sequenceOf(l, BEAUTY)?.count === 3);
    expect(line?.landed_at).toEqual(expect.any(Number));
  });

  it('counts a frame written through a temporary name and renamed once, and never a sequence of temporary names', async () => {
    frame(1001);
    frame(1002);
    await start();
    const from = watch!.lines.length;
    await after(
      'a frame renamed into place',
      () => {
        for (const name of ['.beauty.1003.exr.tmp', 'beauty.1004.exr.partial', 'beauty.1005.exr.partial'])
          writeFileSync(join(shot, name), FRAME);
        writeFileSync(join(shot, 'beauty.1006.exr~'), FRAME);
        writeFileSync(join(shot, 'beauty.1007.exr~'), FRAME);
        renameSync(join(shot, '.beauty.1003.exr.tmp'), join(shot, 'beauty.1003.exr'));
      },
      (s) => s.count === 3,
    );
    // One more real frame: once it is seen, every change before it has been read too.
    const last = await after(
      'the next frame',
      () => frame(1004),
      (s) => s.count === 4,
    );
    expect(last).toMatchObject({ frames: '1001-1004', total_size: 8_000 });
    const patterns = watch!.lines
      .slice(from)
      .map((l) => (l.sequence as { pattern?: string } | undefined)?.pattern);
    expect(patterns.filter((p) => p !== undefined && p !== BEAUTY)).toEqual([]);
  });

  it('fills a gap', async () => {
    for (const n of [1001, 1002, 1004]) frame(n);
    await start();
    await watch!.waitForLine((l) => sequenceOf(l, BEAUTY)?.missing === '1003');
    const filled = await after(
      'a gap filled',
      () => frame(1003),
      (s) => s.missing === '',
    );
    expect(filled).toMatchObject({ frames: '1001-1004', count: 4 });
  });

  it('shows a removed frame as missing, and the sequence as removed when one frame is left', async () => {
    for (const n of [1001, 1002, 1003]) frame(n);
    await start();
    const gap = await after(
      'a frame removed',
      () => rmSync(join(shot, 'beauty.1002.exr')),
      (s) => s.missing === '1002',
    );
    expect(gap).toMatchObject({ count: 2, frames: '1001,1003' });
    const from = watch!.lines.length;
    rmSync(join(shot, 'beauty.1003.exr'));
    const removed = await watch!.waitForLine((l) => l.event === 'sequence_removed', from);
    expect(removed).toEqual({ event: 'sequence_removed', dir: 'sh010', pattern: BEAUTY });
  });

  it('removes the sequences of a folder that goes away, and keeps watching the rest', async () => {
    for (const n of [1001, 1002]) frame(n);
    const other = join(root.path, 'sh020');
    mkdirSync(other);
    for (const n of [1, 2]) writeFileSync(join(other, `comp.${n}.dpx`), FRAME);
    await start();
    const from = watch!.lines.length;
    rmSync(shot, { recursive: true });
    const removed = await watch!.waitForLine((l) => l.event === 'sequence_removed', from);
    expect(removed).toEqual({ event: 'sequence_removed', dir: 'sh010', pattern: BEAUTY });
    const next = watch!.lines.length;
    writeFileSync(join(other, 'comp.3.dpx'), FRAME);
    const line = await watch!.waitForLine((l) => sequenceOf(l, 'comp.@.dpx')?.count === 3, next);
    expect(line.sequence).toMatchObject({ dir: 'sh020', frames: '1-3' });
  });

  it('flags a zero-byte frame, and clears it once the frame is written', async () => {
    frame(1001);
    frame(1002);
    await start();
    await after(
      'a zero-byte frame',
      () => frame(1003, Buffer.alloc(0)),
      (s) => (s.zero_byte as number[]).includes(1003),
    );
    await after(
      'the frame written',
      () => frame(1003),
      (s) => (s.zero_byte as number[]).length === 0 && s.total_size === 6_000,
    );
  });

  it('takes on a folder that appears while watching', async () => {
    await start();
    const from = watch!.lines.length;
    const sh020 = join(root.path, 'sh020', 'comp');
    mkdirSync(sh020, { recursive: true });
    writeFileSync(join(sh020, 'comp.0001.dpx'), FRAME);
    writeFileSync(join(sh020, 'comp.0002.dpx'), FRAME);
    const line = await watch!.waitForLine((l) => sequenceOf(l, 'comp.####.dpx') !== undefined, from);
    expect(line.sequence).toMatchObject({ dir: 'sh020/comp', count: 2 });
    expect(line.landed_at).toEqual(expect.any(Number));
  });

  it('polls when WRANGLE_WATCH_POLL=1, and sees a frame grow in place', async () => {
    frame(1001);
    frame(1002);
    const ready = await start({ WRANGLE_WATCH_POLL: '1', WRANGLE_WATCH_POLL_INTERVAL_MS: '200' });
    expect(ready.watched).toMatchObject({ mode: 'polling', poll_reason: 'forced', poll_interval_ms: 200 });
    await after(
      'a polled frame',
      () => frame(1003, Buffer.alloc(0)),
      (s) => s.count === 3,
    );
    // Writing into an existing file changes no folder's stat: the recently changed folder is read again.
    await after(
      'a polled frame growing',
      () => frame(1003),
      (s) => s.total_size === 6_000,
    );
  });

  it('reconciles every watched folder on its interval, even with no event at all', async () => {
    frame(1001);
    frame(1002);
    // Polling once an hour: only the reconcile can see the new frame.
    await start({
      WRANGLE_WATCH_POLL: '1',
      WRANGLE_WATCH_POLL_INTERVAL_MS: '3600000',
      WRANGLE_WATCH_RECONCILE_MS: '300',
    });
    await after(
      'a frame found by the reconcile',
      () => frame(1003),
      (s) => s.count === 3,
    );
  });

  it('watches only the budget, nearest the root first, and says so', async () => {
    mkdirSync(join(root.path, 'sh020', 'deep'), { recursive: true });
    const ready = await start({ WRANGLE_WATCH_MAX_WATCHES: '2' });
    // Root and one shot are watched; the other shot is found but over the budget; deep is never reached.
    expect(ready.watched).toMatchObject({ folders_watched: 2, folders_found: 3, budget: 2 });
  });

  it('ends on Ctrl-C with exit 130, having written nothing in the watched folder', async () => {
    frame(1001);
    await start();
    const { code, stderr } = await watch!.interrupt();
    expect(code).toBe(130);
    expect(stderr).toContain(`watch of ${root.path} cancelled`);
    expect(readdirSync(root.path, { recursive: true }).sort()).toEqual([
      'sh010',
      join('sh010', 'beauty.1001.exr'),
    ]);
  });

  it.each([
    [
      'a missing folder',
      (dir: string) => join(dir, 'nope'),
      /cannot watch: Folder not found: .*nope\. Check the path/,
    ],
    [
      'a file',
      (dir: string) => join(dir, 'sh010', 'f.txt'),
      /cannot watch: .*f\.txt is a file, not a folder/,
    ],
  ])('refuses %s with exit 2, naming the path', async (_label, pathOf, message) => {
    writeFileSync(join(shot, 'f.txt'), 'x');
    const { code, stderr } = await runCli(['watch', pathOf(root.path), '--json'], {
      WRANGLE_DATA_DIR: data.path,
    }).done;
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
