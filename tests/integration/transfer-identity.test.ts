/** Copy and move compare files by identity (st_dev, st_ino), never by path: aliases and name clashes are refused. */
import {
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { noise, sha256 } from '../helpers/copy-trees';
import { bindMount, isRoot } from '../helpers/mounts';
import { useTransferCases } from '../helpers/transfer-cases';
import { runTransferCli, type CliOutcome } from '../helpers/transfer-cli';

/** The `--json` error code, when the CLI printed a job object; undefined otherwise (a refusal on stderr only). */
function jsonErrorCode(outcome: CliOutcome): string | undefined {
  try {
    return outcome.json().error?.code;
  } catch {
    return undefined;
  }
}

describe('transfer identity', () => {
  const { freshCase } = useTransferCases('transfer-identity');

  describe.skipIf(!isRoot)('through a bind mount (b shows a)', () => {
    /** Folders a and b, b bind-mounted on a, and a/file.txt. */
    function boundPair(): { a: string; b: string; env: Record<string, string>; unmount: () => void } {
      const { root, env } = freshCase();
      const a = join(root, 'a');
      mkdirSync(a);
      writeFileSync(join(a, 'file.txt'), 'the only copy of this frame');
      const mount = bindMount(a, join(root, 'b'));
      return { a, b: mount.dir, env, unmount: mount.unmount };
    }

    it.each(['move', 'copy'])(
      '%s of a file onto itself through the bind mount is refused as the same file; the source stays',
      async (command) => {
        const { a, b, env, unmount } = boundPair();
        try {
          const outcome = await runTransferCli([command, join(a, 'file.txt'), b], { env });
          expect.soft(outcome.code, outcome.stderr).toBe(2);
          expect.soft(outcome.stderr).toContain(`wrangle: cannot ${command}:`);
          expect.soft(outcome.stderr).toMatch(/same file/);
          expect(readFileSync(join(a, 'file.txt'), 'utf8')).toBe('the only copy of this frame');
        } finally {
          unmount();
        }
      },
      40_000,
    );

    it('move of a folder onto itself through the bind mount is refused; every file stays', async () => {
      const { a, b, env, unmount } = boundPair();
      try {
        mkdirSync(join(a, 'shot'));
        const frame = noise(5000, 7);
        writeFileSync(join(a, 'shot', 'x.exr'), frame);
        const outcome = await runTransferCli(['move', join(a, 'shot'), b], { env });
        expect.soft(outcome.code, outcome.stderr).toBe(2);
        expect(readFileSync(join(a, 'shot', 'x.exr')).equals(frame)).toBe(true);
        expect(readdirSync(join(a, 'shot'))).toEqual(['x.exr']);
      } finally {
        unmount();
      }
    }, 40_000);

    it('copy into a folder inside the source, reached through the bind mount, is refused', async () => {
      const { a, b, env, unmount } = boundPair();
      try {
        const outcome = await runTransferCli(['copy', a, join(b, 'sub')], { env });
        expect.soft(outcome.code, outcome.stderr).toBe(2);
        // b/sub is a/sub: nothing may have been created inside the source.
        expect(readdirSync(a)).toEqual(['file.txt']);
      } finally {
        unmount();
      }
    }, 40_000);
  });

  it('move of a file onto a hard link of itself is refused as the same file; both names stay', async () => {
    const { root, env } = freshCase();
    mkdirSync(join(root, 'dir1'));
    mkdirSync(join(root, 'dir2'));
    writeFileSync(join(root, 'dir1', 'f'), 'one inode, two names');
    linkSync(join(root, 'dir1', 'f'), join(root, 'dir2', 'f'));
    const outcome = await runTransferCli(['move', join(root, 'dir1', 'f'), join(root, 'dir2')], { env });
    expect.soft(outcome.code, outcome.stderr).toBe(2);
    expect.soft(outcome.stderr).toMatch(/same file/);
    expect(readFileSync(join(root, 'dir1', 'f'), 'utf8')).toBe('one inode, two names');
    expect(statSync(join(root, 'dir1', 'f')).ino).toBe(statSync(join(root, 'dir2', 'f')).ino);
    expect(statSync(join(root, 'dir2', 'f')).nlink).toBe(2);
  }, 40_000);

  describe('two sources with one name', () => {
    /** d/a/f.txt and d/b/f.txt with different contents. */
    function twoFiles(): { d: string; env: Record<string, string>; sources: string[] } {
      const { root: d, env } = freshCase();
      mkdirSync(join(d, 'a'));
      mkdirSync(join(d, 'b'));
      writeFileSync(join(d, 'a', 'f.txt'), 'from a');
      writeFileSync(join(d, 'b', 'f.txt'), 'from b, longer');
      return { d, env, sources: [join(d, 'a', 'f.txt'), join(d, 'b', 'f.txt')] };
    }

    it('a move of both into a new folder is refused before anything moves', async () => {
      const { d, env, sources } = twoFiles();
      const outcome = await runTransferCli(['move', ...sources, join(d, 'new'), '--json'], { env });
      expect.soft(outcome.code, outcome.stderr).toBe(2);
      // Said either as the job's error code or in words naming both sources.
      const named = sources.every((source) => outcome.stderr.includes(source));
      expect
        .soft(jsonErrorCode(outcome) === 'NAME_COLLISION' || named, outcome.stdout + outcome.stderr)
        .toBe(true);
      expect(readFileSync(sources[0]!, 'utf8')).toBe('from a');
      expect(readFileSync(sources[1]!, 'utf8')).toBe('from b, longer');
      expect(existsSync(join(d, 'new'))).toBe(false);
    }, 40_000);

    it('a copy with --on-conflict=rename keeps both: f.txt and "f (1).txt"', async () => {
      const { d, env, sources } = twoFiles();
      const outcome = await runTransferCli(['copy', ...sources, join(d, 'new'), '--on-conflict=rename'], {
        env,
      });
      expect.soft(outcome.code, outcome.stderr).toBe(0);
      expect(readdirSync(join(d, 'new')).sort()).toEqual(['f (1).txt', 'f.txt']);
      const contents = ['f.txt', 'f (1).txt'].map((name) => readFileSync(join(d, 'new', name), 'utf8'));
      expect(contents.sort()).toEqual(['from a', 'from b, longer']);
    }, 40_000);

    /**
     * d/x/shot/frame.exr and d/y/shot/frame.exr: same size and modified time, different bytes, so only
     * "this job just wrote that name" (never "looks identical") can decide the second one.
     */
    function twoShots(): { d: string; env: Record<string, string>; first: string; second: string } {
      const { root: d, env } = freshCase();
      const first = join(d, 'x', 'shot', 'frame.exr');
      const second = join(d, 'y', 'shot', 'frame.exr');
      for (const [index, path] of [first, second].entries()) {
        mkdirSync(join(path, '..'), { recursive: true });
        writeFileSync(path, noise(4096, index + 1));
        utimesSync(path, new Date(2021, 0, 1), new Date(2021, 0, 1));
      }
      return { d, env, first, second };
    }

    it.each(['copy', 'move'])(
      '%s of two shot folders into a new folder merges them and refuses the second frame.exr (just-created)',
      async (command) => {
        const { d, env, first, second } = twoShots();
        const firstHash = sha256(first);
        const secondHash = sha256(second);
        const outcome = await runTransferCli(
          [command, join(d, 'x', 'shot'), join(d, 'y', 'shot'), join(d, 'out'), '--json'],
          { env },
        );
        expect.soft(outcome.code, outcome.stderr).toBe(3);
        expect(sha256(join(d, 'out', 'shot', 'frame.exr'))).toBe(firstHash);
        const result = outcome.json().result!;
        expect(result.failed_count).toBe(1);
        expect(result.failures).toHaveLength(1);
        expect(result.failures[0]!.code).toBe('CONFLICT');
        expect(result.failures[0]!.message).toContain('just-created');
        // The refused source is never touched, also by a move.
        expect(sha256(second)).toBe(secondHash);
      },
      40_000,
    );
  });
});
