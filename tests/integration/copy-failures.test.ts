/** Copy under trouble: unreadable files, a killed worker, a full disk, pause/resume and cancel. */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerProgress } from '../../src-shared/jobs';
import { makeTempDir } from '../helpers/trees';
import { describeTree, noise, partFiles, sha256 } from '../helpers/copy-trees';
import {
  completedResult,
  runTransferWorker,
  startTransferWorker,
  transferSpec,
  type TransferWorkerRun,
} from '../helpers/transfer-worker-client';

const NOBODY = { uid: 65534, gid: 65534 };
const isRoot = process.getuid?.() === 0;

/** Resolves with the first progress snapshot that satisfies `test`. */
function waitForProgress(
  run: TransferWorkerRun,
  test: (p: WorkerProgress) => boolean,
): Promise<WorkerProgress> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const found = run.progress().find(test);
      if (found) {
        clearInterval(timer);
        resolve(found);
      }
    }, 2);
    run.exited.then(() => {
      clearInterval(timer);
      reject(new Error('worker exited before the expected progress'));
    }, reject);
  });
}

/** A file of `mb` MiB whose blocks all differ (so a misplaced block would change its hash). */
function bigFile(path: string, mb: number): void {
  const block = randomBytes(1 << 20);
  const fd = openSync(path, 'w');
  for (let i = 0; i < mb; i++) {
    block.writeUInt32LE(i, 0);
    writeSync(fd, block);
  }
  closeSync(fd);
}

describe('copy failures', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeTempDir('copy-failures');
    chmodSync(dir, 0o755);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(!isRoot)('skips and reports a file it cannot read, and copies the rest', async () => {
    const shot = join(dir, 'perm', 'SH040');
    mkdirSync(shot, { recursive: true });
    for (let i = 0; i < 5; i++) writeFileSync(join(shot, `f${i}.exr`), noise(1000, i));
    chmodSync(join(shot, 'f2.exr'), 0o000);
    const destination = join(dir, 'perm-dst');
    mkdirSync(destination);
    chownSync(destination, NOBODY.uid, NOBODY.gid);
    const report = join(destination, 'report.json');
    const result = completedResult(
      (await runTransferWorker(transferSpec('copy', [shot], destination, report), NOBODY)).terminal,
    );
    expect(result.files_copied).toBe(4);
    expect(result.failed_count).toBe(1);
    expect(result.failures[0]).toMatchObject({
      path: join(shot, 'f2.exr'),
      code: 'COPY_PERMISSION_ERROR',
      errno: 'EACCES',
    });
    expect(existsSync(join(destination, 'SH040', 'f2.exr'))).toBe(false);
    for (const i of [0, 1, 3, 4]) {
      expect(sha256(join(destination, 'SH040', `f${i}.exr`))).toBe(sha256(join(shot, `f${i}.exr`)));
    }
    expect(partFiles(destination)).toEqual([]);
    const full = JSON.parse(readFileSync(report, 'utf8')) as {
      failures: unknown[];
      files: { path: string; status: string }[];
    };
    expect(full.failures).toHaveLength(1);
    expect(full.files.find((f) => f.path === 'SH040/f2.exr')?.status).toBe('failed');
  });

  it('a SIGKILL mid-file leaves no truncated file under a real name; running again completes it', async () => {
    const shot = join(dir, 'kill', 'SH041');
    mkdirSync(shot, { recursive: true });
    for (let i = 0; i < 3; i++) bigFile(join(shot, `plate${i}.mov`), 100);
    for (let i = 0; i < 50; i++) writeFileSync(join(shot, `f${i}.exr`), noise(2000, i));
    const destination = join(dir, 'kill-dst');
    const spec = transferSpec('copy', [shot], destination, join(dir, 'kill.json'), { throttle_ms: 5 });

    const run = startTransferWorker(spec);
    // Partial bytes of the large file in flight show up in progress: kill then.
    await waitForProgress(
      run,
      (p) =>
        p.phase === 'copying' &&
        !!p.current_file?.endsWith('.mov') &&
        p.bytes_processed < (p.bytes_total ?? 0),
    );
    run.child.kill('SIGKILL');
    await run.exited;
    // The kill landed mid-copy: a temp file per copy thread at most is left behind (none with O_TMPFILE),
    // and no real name is partial.
    expect(partFiles(destination).length).toBeLessThanOrEqual(spec.threads);

    // Every file under its real name is complete; at most the in-flight temp file is partial.
    const source = describeTree(shot);
    for (const [path, entry] of describeTree(join(destination, 'SH041'))) {
      if (path.includes('.wrangle-part-')) continue;
      expect(entry.size, path).toBe(source.get(path)?.size);
      expect(entry.sha256, path).toBe(source.get(path)?.sha256);
    }
    expect(statSync(join(shot, 'plate2.mov')).size).toBe(100 << 20);

    const again = completedResult((await runTransferWorker(spec)).terminal);
    expect(again.failed_count).toBe(0);
    expect(again.files_copied + again.files_skipped).toBe(53);
    const copied = describeTree(join(destination, 'SH041'));
    expect([...copied.keys()].sort()).toEqual([...source.keys()].sort());
    for (const [path, entry] of source) expect(copied.get(path)?.sha256, path).toBe(entry.sha256);
    expect(partFiles(destination)).toEqual([]);
    rmSync(join(dir, 'kill'), { recursive: true, force: true });
    rmSync(destination, { recursive: true, force: true });
  });

  describe.skipIf(!isRoot)('a full destination', () => {
    let mountPoint: string;
    let mounted = false;
    beforeAll(() => {
      mountPoint = join(dir, 'small-disk');
      mkdirSync(mountPoint);
      mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mountPoint]).status === 0;
    });
    afterAll(() => {
      if (mounted) spawnSync('umount', [mountPoint]);
    });

    it('stops with NO_SPACE naming the destination and the space needed; earlier files intact', async (context) => {
      if (!mounted) return context.skip();
      const shot = join(dir, 'space', 'SH042');
      mkdirSync(shot, { recursive: true });
      for (let i = 0; i < 10; i++) writeFileSync(join(shot, `f${i}.exr`), noise(300_000, i));
      const destination = join(mountPoint, 'dst');
      const report = join(dir, 'space.json');
      // 3 MB fits the 4 MB disk when the job checks; then another writer takes the room mid-copy.
      const run = startTransferWorker(
        transferSpec('copy', [shot], destination, report, {
          max_bytes_per_second: 1_000_000,
          throttle_ms: 5,
        }),
      );
      await waitForProgress(run, (p) => p.phase === 'copying' && p.bytes_processed > 0);
      writeFileSync(join(mountPoint, 'filler.bin'), Buffer.alloc(0));
      const filler = openSync(join(mountPoint, 'filler.bin'), 'w');
      try {
        for (let written = 0; written < 3_000_000; written += 100_000)
          writeSync(filler, noise(100_000, written));
      } catch {
        // Full: exactly what the copy meets next.
      }
      closeSync(filler);
      const terminal = await run.terminal;
      expect(terminal.type).toBe('failed');
      if (terminal.type !== 'failed') return;
      expect(terminal.code).toBe('NO_SPACE');
      expect(terminal.error).toContain(destination);
      expect(terminal.error).toMatch(/more is needed/);
      expect(terminal.error).toMatch(/free/);
      expect(partFiles(destination)).toEqual([]);
      const landed = describeTree(join(destination, 'SH042'));
      expect(landed.size).toBeGreaterThan(0);
      expect(landed.size).toBeLessThan(10);
      for (const [path, entry] of landed) expect(entry.sha256, path).toBe(sha256(join(shot, path)));
      const full = JSON.parse(readFileSync(report, 'utf8')) as { state: string; error: string };
      expect(full.state).toBe('failed');
      expect(full.error).toContain('No space');
    });
  });

  it('pause stops progress (phase paused) and resume completes', async () => {
    const shot = join(dir, 'pause', 'SH043');
    mkdirSync(shot, { recursive: true });
    for (let i = 0; i < 6000; i++) writeFileSync(join(shot, `f${i}.exr`), 'x'.repeat(512));
    const destination = join(dir, 'pause-dst');
    const run = startTransferWorker(
      transferSpec('copy', [shot], destination, join(dir, 'pause.json'), { throttle_ms: 5 }),
    );
    await waitForProgress(run, (p) => p.phase === 'copying' && p.files_processed > 0);
    run.send('pause');
    const paused = await waitForProgress(run, (p) => p.phase === 'paused');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const during = run.progress().slice(run.progress().indexOf(paused));
    expect(during.every((p) => p.phase === 'paused' && p.bytes_processed === paused.bytes_processed)).toBe(
      true,
    );
    expect(paused.files_processed).toBeLessThan(6000);
    run.send('resume');
    const result = completedResult(await run.terminal);
    expect(result.files_copied).toBe(6000);
    expect(
      run.progress().some((p) => p.phase === 'copying' && p.bytes_processed > paused.bytes_processed),
    ).toBe(true);
  });

  it('cancel stops promptly, keeps completed files, removes the temp file and writes the report', async () => {
    const shot = join(dir, 'cancel', 'SH044');
    mkdirSync(shot, { recursive: true });
    for (let i = 0; i < 6000; i++) writeFileSync(join(shot, `f${i}.exr`), `frame ${i}`);
    const destination = join(dir, 'cancel-dst');
    const report = join(dir, 'cancel.json');
    const run = startTransferWorker(transferSpec('copy', [shot], destination, report, { throttle_ms: 5 }));
    await waitForProgress(run, (p) => p.phase === 'copying' && p.files_processed > 0);
    const cancelledAt = Date.now();
    run.send('cancel');
    expect((await run.terminal).type).toBe('cancelled');
    expect(Date.now() - cancelledAt).toBeLessThan(1000);
    expect(partFiles(destination)).toEqual([]);
    const landed = describeTree(join(destination, 'SH044'));
    expect(landed.size).toBeLessThan(6000);
    for (const [path, entry] of landed) expect(entry.sha256, path).toBe(sha256(join(shot, path)));
    const full = JSON.parse(readFileSync(report, 'utf8')) as { state: string; files: { status: string }[] };
    expect(full.state).toBe('cancelled');
    expect(full.files.filter((f) => f.status === 'copied')).toHaveLength(landed.size);
  });
});
