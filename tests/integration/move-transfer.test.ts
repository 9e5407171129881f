/** Move: a rename on the same filesystem; across filesystems copy, verify, then delete each source file. */
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/trees';
import { buildShot, describeTree, noise, partFiles, type TreeEntry } from '../helpers/copy-trees';
import { completedResult, runTransferWorker, transferSpec } from '../helpers/transfer-worker-client';

const NOBODY = { uid: 65534, gid: 65534 };
const isRoot = process.getuid?.() === 0;
const haveShm = existsSync('/dev/shm') && lstatSync('/dev/shm').dev !== lstatSync(makeTempDir('probe')).dev;

/** chown -R, so an unprivileged worker owns the tree (it must be able to delete what it moves). */
function chownTree(root: string): void {
  chownSync(root, NOBODY.uid, NOBODY.gid);
  for (const name of readdirSync(root)) {
    const path = join(root, name);
    if (lstatSync(path).isDirectory()) chownTree(path);
    else if (!lstatSync(path).isSymbolicLink()) chownSync(path, NOBODY.uid, NOBODY.gid);
  }
}

describe('move', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeTempDir('move');
    chmodSync(dir, 0o755);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('on the same filesystem is a rename: inodes unchanged, and fast', async () => {
    const shot = join(dir, 'same', 'SH030');
    buildShot(shot, 200);
    const before = lstatSync(join(shot, 'renders', 'comp', 'v001', 'shot.1001.exr')).ino;
    const destination = join(dir, 'same-dst');
    const started = Date.now();
    const result = completedResult(
      (await runTransferWorker(transferSpec('move', [shot], destination, join(dir, 'same.json')))).terminal,
    );
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result.entries_renamed_in_place).toBe(1);
    expect(existsSync(shot)).toBe(false);
    expect(lstatSync(join(destination, 'SH030', 'renders', 'comp', 'v001', 'shot.1001.exr')).ino).toBe(
      before,
    );
  });

  it('on the same filesystem merges into an existing folder by renaming each entry', async () => {
    const shot = join(dir, 'merge', 'SH031');
    mkdirSync(join(shot, 'a'), { recursive: true });
    writeFileSync(join(shot, 'a', 'one.exr'), 'one');
    writeFileSync(join(shot, 'two.exr'), 'two');
    const before = lstatSync(join(shot, 'a', 'one.exr')).ino;
    const destination = join(dir, 'merge-dst');
    mkdirSync(join(destination, 'SH031'), { recursive: true });
    writeFileSync(join(destination, 'SH031', 'keep.txt'), 'already there');
    const result = completedResult(
      (await runTransferWorker(transferSpec('move', [shot], destination, join(dir, 'merge.json')))).terminal,
    );
    // two.exr is renamed into the existing folder; folder a, new there, is renamed whole with one.exr in it.
    expect(result.files_copied).toBe(1);
    expect(result.files_renamed_in_place).toBe(1);
    expect(lstatSync(join(destination, 'SH031', 'a', 'one.exr')).ino).toBe(before);
    expect(existsSync(join(destination, 'SH031', 'keep.txt'))).toBe(true);
    expect(existsSync(shot)).toBe(false);
  });

  it.skipIf(!haveShm)('across filesystems copies, verifies, then deletes every source', async () => {
    const shot = join(dir, 'cross', 'SH032');
    buildShot(shot, 30);
    chmodSync(join(shot, 'locked-ro'), 0o755); // a move must be able to empty it
    const expected = describeTree(shot);
    const shm = mkdtempSync('/dev/shm/wrangle-move-');
    try {
      const result = completedResult(
        (await runTransferWorker(transferSpec('move', [shot], shm, join(dir, 'cross.json')))).terminal,
      );
      expect(result.verify).toBe(true);
      expect(result.verified_files).toBe(result.files_copied);
      expect(result.sources_removed).toBe(result.files_total);
      expect(result.left_in_place).toEqual([]);
      expect(existsSync(shot)).toBe(false);
      const landed = describeTree(join(shm, 'SH032'));
      expect(strip(landed)).toEqual(strip(expected));
      expect(partFiles(shm)).toEqual([]);
    } finally {
      rmSync(shm, { recursive: true, force: true });
    }
  });

  it.skipIf(!haveShm || !isRoot)(
    'across filesystems, a file that cannot be written stays in place and is listed',
    async () => {
      const shot = join(dir, 'blocked', 'SH033');
      mkdirSync(join(shot, 'ok'), { recursive: true });
      mkdirSync(join(shot, 'blocked'), { recursive: true });
      for (let i = 0; i < 5; i++) writeFileSync(join(shot, 'ok', `f${i}.exr`), noise(2000, i));
      writeFileSync(join(shot, 'blocked', 'stuck.exr'), noise(3000, 9));
      chownTree(join(dir, 'blocked'));
      const shm = mkdtempSync('/dev/shm/wrangle-move-');
      try {
        chownSync(shm, NOBODY.uid, NOBODY.gid);
        // The destination's "blocked" folder exists and belongs to root: nobody cannot write into it.
        mkdirSync(join(shm, 'SH033', 'blocked'), { recursive: true });
        chownSync(join(shm, 'SH033'), NOBODY.uid, NOBODY.gid);
        chmodSync(join(shm, 'SH033', 'blocked'), 0o755);
        const report = join(shm, 'blocked.json');
        const { terminal } = await runTransferWorker(transferSpec('move', [shot], shm, report), NOBODY);
        const result = completedResult(terminal);
        expect(result.sources_removed).toBe(5);
        expect(result.left_in_place).toHaveLength(1);
        expect(result.left_in_place[0]).toMatchObject({
          path: join(shot, 'blocked', 'stuck.exr'),
          code: 'COPY_PERMISSION_ERROR',
        });
        expect(existsSync(join(shot, 'blocked', 'stuck.exr'))).toBe(true);
        expect(existsSync(join(shot, 'ok'))).toBe(false);
        expect(readdirSync(join(shm, 'SH033', 'ok'))).toHaveLength(5);
        expect(partFiles(shm)).toEqual([]);
      } finally {
        rmSync(shm, { recursive: true, force: true });
      }
    },
  );

  it('refuses to move a folder into itself, before writing anything', async () => {
    const shot = join(dir, 'self', 'SH034');
    mkdirSync(shot, { recursive: true });
    const { terminal } = await runTransferWorker(
      transferSpec('move', [shot], join(shot, 'sub'), join(dir, 'self.json')),
    );
    expect(terminal).toMatchObject({ type: 'failed', code: 'DESTINATION_INSIDE_SOURCE' });
    expect(readdirSync(shot)).toEqual([]);
  });
});

/** Tree entries without atime-sensitive fields that a move across filesystems keeps anyway. */
function strip(tree: Map<string, TreeEntry>): Record<string, unknown> {
  return Object.fromEntries(
    [...tree].map(([path, e]) => [
      path,
      {
        type: e.type,
        sha256: e.sha256,
        link: e.link,
        mode: e.type === 'link' ? 0 : e.mode,
        mtime: Math.round(e.mtimeMs),
      },
    ]),
  );
}
