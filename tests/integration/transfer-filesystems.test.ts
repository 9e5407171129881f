/** What the destination filesystem is: sparse files, coarse timestamps, virtual filesystems, no room or no inodes. */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildShot, describeTree } from '../helpers/copy-trees';
import { isRoot, mountExt2Image, mountTmpfs } from '../helpers/mounts';
import { useTransferCases } from '../helpers/transfer-cases';
import { runTransferCli, type CliOutcome, type TransferJson } from '../helpers/transfer-cli';

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

/** The job a refusal for lack of room leaves, when the CLI printed one. */
const REFUSED_FOR_ROOM = { status: 'failed', error: { code: 'INSUFFICIENT_SPACE' } };

/** Everything the CLI said about a refusal: stderr, plus the `--json` error when it printed a job object. */
function refusalText(outcome: CliOutcome): string {
  try {
    return `${outcome.stderr}\n${outcome.json().error?.error ?? ''}`;
  } catch {
    return outcome.stderr;
  }
}

/** The `--json` object when the CLI printed one, else undefined (a refusal before the job started). */
function jsonIfAny(outcome: CliOutcome): TransferJson | undefined {
  try {
    return outcome.json();
  } catch {
    return undefined;
  }
}

/** What a copy onto a small tmpfs said, and what it left on it (read before the tmpfs is unmounted). */
interface CopyOntoTmpfs {
  outcome: CliOutcome;
  /** Everything the CLI said about a refusal (see refusalText). */
  message: string;
  /** The `--json` object, when the CLI printed one. */
  job: TransferJson | undefined;
  /** Names in the tmpfs after the copy. */
  written: string[];
}

/** `wrangle copy --json source` onto a tmpfs mounted at `mountPoint` with `mountOptions`, unmounted after. */
async function copyOntoTmpfs(
  source: string,
  mountPoint: string,
  mountOptions: string,
  env: Record<string, string>,
): Promise<CopyOntoTmpfs> {
  const disk = mountTmpfs(mountPoint, mountOptions);
  try {
    const outcome = await runTransferCli(['copy', source, disk.dir, '--json'], { env });
    const written = readdirSync(disk.dir);
    return { outcome, message: refusalText(outcome), job: jsonIfAny(outcome), written };
  } finally {
    disk.unmount();
  }
}

describe('destination filesystems', () => {
  const { freshCase } = useTransferCases('transfer-filesystems');

  it.skipIf(!isRoot)(
    'on a filesystem with 1-second timestamps, a second copy skips every file (ext2, 128-byte inodes)',
    async () => {
      const { root, env } = freshCase();
      const shot = join(root, 'shot');
      buildShot(shot, 20);
      // Regular files only: this is about modified times (whether a skipped symlink counts is another question).
      rmSync(join(shot, 'latest'));
      rmSync(join(shot, 'dangling'));
      // Sub-second modified times, which the destination can only keep to the second.
      const files = [...describeTree(shot)].filter(([, entry]) => entry.type === 'file');
      for (const [path, entry] of files) {
        utimesSync(join(shot, path), 1_600_000_000, Math.floor(entry.mtimeMs / 1000) + 0.7);
      }
      const disk = mountExt2Image(join(root, 'coarse'), { sizeMb: 64, inodeSize: 128 });
      try {
        const first = await runTransferCli(['copy', shot, disk.dir], { env });
        expect(first.code, first.stderr).toBe(0);
        const again = await runTransferCli(['copy', shot, disk.dir, '--json'], { env });
        expect.soft(again.code, again.stderr).toBe(0);
        const result = again.json().result!;
        expect.soft(result.failures).toEqual([]);
        expect(result.failed_count).toBe(0);
        expect(result.files_copied).toBe(0);
        expect(result.files_skipped).toBe(files.length);
      } finally {
        disk.unmount();
      }
    },
    60_000,
  );

  it.each(['/proc/wrangle-test-dest', '/sys/wrangle-test-dest'])(
    'refuses %s (a virtual filesystem) at once, naming it',
    async (destination) => {
      const { root, env } = freshCase();
      writeFileSync(join(root, 'frame.exr'), 'x');
      const outcome = await runTransferCli(['copy', join(root, 'frame.exr'), destination], {
        env,
        timeoutMs: 10_000,
      });
      expect(outcome.timedOut, 'still running after 10 s').toBe(false);
      expect.soft(outcome.code, outcome.stderr).toBe(2);
      expect.soft(outcome.stderr).toContain(destination);
      expect(existsSync(destination)).toBe(false);
    },
    20_000,
  );

  describe.skipIf(!isRoot)('a destination without room', () => {
    it('with too few inodes for the entries is refused before any write, saying "inode"', async () => {
      const { root, env } = freshCase();
      const source = join(root, 'tiny');
      mkdirSync(source);
      for (let i = 0; i < 100; i++) writeFileSync(join(source, `f${i}.txt`), String(i));
      const copy = await copyOntoTmpfs(source, join(root, 'few-inodes'), 'size=64m,nr_inodes=40', env);
      expect.soft(copy.outcome.code, copy.outcome.stderr).toBe(2);
      expect.soft(copy.message).toMatch(/inode/i);
      if (copy.job) expect.soft(copy.job).toMatchObject(REFUSED_FOR_ROOM);
      expect(copy.written, 'written into the destination').toEqual([]);
    }, 40_000);

    it('with too little space is refused before any write, naming the destination, the need and what is free', async () => {
      const { root, env } = freshCase();
      const source = join(root, 'plates');
      mkdirSync(source);
      for (let i = 0; i < 4; i++) writeFileSync(join(source, `plate${i}.mov`), randomBytes(5 * MiB));
      const small = join(root, 'small');
      const copy = await copyOntoTmpfs(source, small, 'size=8m', env);
      expect.soft(copy.outcome.code, copy.outcome.stderr).toBe(2);
      expect.soft(copy.message).toContain(small);
      // What is needed and what is free: two amounts at least ("20 MB", "8.4 MB", "512 KiB", …).
      const amounts = copy.message.match(/\d[\d.,]*\s?(?:[KMGT]i?)?B\b/g) ?? [];
      expect.soft(amounts.length, copy.message).toBeGreaterThanOrEqual(2);
      if (copy.job) expect.soft(copy.job).toMatchObject(REFUSED_FOR_ROOM);
      expect(copy.written, 'written into the destination').toEqual([]);
    }, 40_000);
  });

  // Last: writing (on the old engine) and freeing gigabytes keeps the disk busy for the tests after it.
  it('a 5 GiB sparse file with 8 KiB of data is copied with its holes', async () => {
    const { root, env } = freshCase();
    const source = join(root, 'src', 'sparse.bin');
    mkdirSync(join(root, 'src'));
    const fd = openSync(source, 'w');
    try {
      writeSync(fd, randomBytes(4 * KiB), 0, 4 * KiB, 0);
      writeSync(fd, randomBytes(4 * KiB), 0, 4 * KiB, 4 * GiB);
      ftruncateSync(fd, 5 * GiB);
    } finally {
      closeSync(fd);
    }
    expect(statSync(source).blocks * 512, 'the source itself is sparse').toBeLessThan(MiB);
    const destination = join(root, 'dst');
    try {
      const outcome = await runTransferCli(['copy', source, destination], { env });
      expect.soft(outcome.code, outcome.stderr).toBe(0);
      const copy = statSync(join(destination, 'sparse.bin'));
      expect.soft(copy.size).toBe(5 * GiB);
      expect(copy.blocks * 512, 'bytes allocated for the copy').toBeLessThan(MiB);
      // cmp reads 10 GiB of holes: seconds alone, minutes on a loaded machine.
      expect(spawnSync('cmp', [source, join(destination, 'sparse.bin')], { timeout: 200_000 }).status).toBe(
        0,
      );
    } finally {
      // Free the space at once, whatever happened.
      rmSync(root, { recursive: true, force: true });
    }
  }, 300_000);
});
