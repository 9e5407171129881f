/** Copy conflict policies (skip, overwrite, rename, newer) and verification catching a corrupted copy. */
import { readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, afterEach, describe, expect, it } from 'vitest';
import type { ConflictPolicy, TransferResult } from '../../src-shared/jobs';
import { makeTempDir } from '../helpers/trees';
import { noise, partFiles, sha256 } from '../helpers/copy-trees';
import { completedResult, runTransferWorker, transferSpec } from '../helpers/transfer-worker-client';
import { hostId, tempNameFor } from '../../src-workers/transfer/temp-names';
import { mkdirSync } from 'node:fs';

describe('copy conflict policies', () => {
  let dir: string;
  let shot: string;
  let destination: string;
  const frame = (n: number): string => join('SH020', `f.${n}.exr`);

  const copy = async (policy: ConflictPolicy, verify = false): Promise<TransferResult> => {
    const spec = transferSpec('copy', [shot], destination, join(dir, `report-${policy}.json`), {
      policy,
      verify,
    });
    return completedResult((await runTransferWorker(spec)).terminal);
  };

  beforeEach(async () => {
    dir = makeTempDir('copy-conflicts');
    shot = join(dir, 'src', 'SH020');
    mkdirSync(shot, { recursive: true });
    for (let n = 1; n <= 5; n++) {
      writeFileSync(join(shot, `f.${n}.exr`), noise(5000 + n, n));
      utimesSync(join(shot, `f.${n}.exr`), 1_600_000_000, 1_600_000_000 + n);
    }
    destination = join(dir, 'dst');
    const first = await copy('skip');
    expect(first.files_copied).toBe(5);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('skip: identical files (same size and mtime) count as done and are not rewritten', async () => {
    const inode = statSync(join(destination, frame(1))).ino;
    const again = await copy('skip');
    expect(again.files_skipped).toBe(5);
    expect(again.files_copied).toBe(0);
    expect(again.failed_count).toBe(0);
    expect(statSync(join(destination, frame(1))).ino).toBe(inode);
  });

  it('skip: a truncated leftover never counts as done; it is reported and left, and stale temp files go', async () => {
    truncateSync(join(destination, frame(2)), 100);
    // A temporary file of a Wrangle process that has ended (pid 2^22 + 1 is above Linux's pid_max).
    const stale = tempNameFor('f.3.exr', { host: hostId(), pid: 4_194_305, start: '1' }, 7);
    writeFileSync(join(destination, 'SH020', stale), 'half a frame');
    const again = await copy('skip');
    expect(again.housekeeping?.temp_files_removed).toEqual([join(destination, 'SH020', stale)]);
    expect(again.files_skipped).toBe(4);
    expect(again.failed_count).toBe(1);
    expect(again.failures[0]).toMatchObject({ path: join(shot, 'f.2.exr'), errno: 'EEXIST' });
    expect(again.failures[0]!.message).toContain('already exists');
    expect(statSync(join(destination, frame(2))).size).toBe(100);
    expect(partFiles(destination)).toEqual([]);
  });

  it('overwrite: replaces a different destination file with the source bytes', async () => {
    writeFileSync(join(destination, frame(3)), 'not the frame');
    const again = await copy('overwrite');
    expect(again.files_copied).toBe(5);
    expect(sha256(join(destination, frame(3)))).toBe(sha256(join(shot, 'f.3.exr')));
    expect(statSync(join(destination, frame(3))).mtimeMs).toBe(statSync(join(shot, 'f.3.exr')).mtimeMs);
  });

  it('rename: writes "name (1).ext", then "name (2).ext", leaving the existing files alone', async () => {
    writeFileSync(join(destination, frame(4)), 'an artist’s own version');
    const again = await copy('rename');
    expect(again.files_renamed).toBe(5);
    expect(sha256(join(destination, 'SH020', 'f.4 (1).exr'))).toBe(sha256(join(shot, 'f.4.exr')));
    expect(readFileSync(join(destination, frame(4)), 'utf8')).toBe('an artist’s own version');
    await copy('rename');
    expect(sha256(join(destination, 'SH020', 'f.4 (2).exr'))).toBe(sha256(join(shot, 'f.4.exr')));
  });

  it('newer: overwrites only when the source is newer', async () => {
    writeFileSync(join(shot, 'f.1.exr'), noise(7000, 77));
    utimesSync(join(shot, 'f.1.exr'), 1_700_000_000, 1_700_000_000);
    writeFileSync(join(destination, frame(2)), 'edited at the destination later');
    utimesSync(join(destination, frame(2)), 1_800_000_000, 1_800_000_000);
    const again = await copy('newer');
    expect(again.files_copied).toBe(1);
    expect(again.files_skipped).toBe(4);
    expect(sha256(join(destination, frame(1)))).toBe(sha256(join(shot, 'f.1.exr')));
    expect(readFileSync(join(destination, frame(2)), 'utf8')).toBe('edited at the destination later');
  });

  it('verify: skip with verify hashes identical-looking files and reports a corrupted copy', async () => {
    // Corrupt one byte but keep size and mtime: only a checksum can tell.
    const target = join(destination, frame(5));
    const bytes = readFileSync(target);
    bytes[123] = bytes[123]! ^ 0xff;
    const { mtime, atime } = statSync(target);
    writeFileSync(target, bytes);
    utimesSync(target, atime, mtime);
    const again = await copy('skip', true);
    expect(again.failed_count).toBe(1);
    expect(again.failures[0]).toMatchObject({ path: join(shot, 'f.5.exr'), code: 'VERIFY_MISMATCH' });
    expect(again.files_skipped).toBe(4);
    expect(again.verified_files).toBe(4);
    // Overwrite with verify repairs it.
    const repaired = await copy('overwrite', true);
    expect(repaired.verified_files).toBe(5);
    expect(sha256(target)).toBe(sha256(join(shot, 'f.5.exr')));
  });
});
