/** Sources and destinations as paths: a dangling symlink source, existing folders, missing parents, a file as destination. */
import {
  chmodSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileHashes, noise } from '../helpers/copy-trees';
import { modeOf, useTransferCases, type TransferCase } from '../helpers/transfer-cases';
import { runTransferCli } from '../helpers/transfer-cli';

/** A source folder `shot` (mode 0755, old mtime) of three frames with set mtimes. */
function sourceShot(root: string): string {
  const shot = join(root, 'src', 'shot');
  mkdirSync(shot, { recursive: true });
  for (let f = 1; f <= 3; f++) {
    const frame = join(shot, `frame.000${f}.exr`);
    writeFileSync(frame, noise(2000 + f, f));
    utimesSync(frame, new Date(2022, 0, 1), new Date(2022, 0, 1, 12, 0, f));
  }
  chmodSync(shot, 0o755);
  utimesSync(shot, new Date(2019, 0, 1), new Date(2019, 0, 1));
  return shot;
}

describe('transfer paths', () => {
  const { freshCase } = useTransferCases('transfer-paths');

  /** A fresh case holding the source shot (see sourceShot). */
  function shotCase(): TransferCase & { shot: string } {
    const fresh = freshCase();
    return { ...fresh, shot: sourceShot(fresh.root) };
  }

  it('copies a dangling symlink given as a source as a link with the same target text', async () => {
    const { root, env } = freshCase();
    symlinkSync('does-not-exist', join(root, 'dangling'));
    const destination = join(root, 'dst');
    const outcome = await runTransferCli(['copy', join(root, 'dangling'), destination], { env });
    expect.soft(outcome.code, outcome.stderr).toBe(0);
    expect(lstatSync(join(destination, 'dangling')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(destination, 'dangling'))).toBe('does-not-exist');
  }, 40_000);

  it('leaves an existing 0555 folder’s mode and mtime alone when nothing needs writing', async () => {
    const { root, env, shot } = shotCase();
    // dst/shot already holds identical copies (same bytes, size and mtime): everything is skipped.
    const existing = join(root, 'dst', 'shot');
    mkdirSync(existing, { recursive: true });
    for (const name of ['frame.0001.exr', 'frame.0002.exr', 'frame.0003.exr']) {
      copyFileSync(join(shot, name), join(existing, name));
      const { atime, mtime } = statSync(join(shot, name));
      utimesSync(join(existing, name), atime, mtime);
    }
    chmodSync(existing, 0o555);
    utimesSync(existing, new Date(2018, 2, 3), new Date(2018, 2, 3));
    const mtimeBefore = statSync(existing).mtimeMs;

    const outcome = await runTransferCli(['copy', shot, join(root, 'dst'), '--json'], { env });
    expect.soft(outcome.code, outcome.stderr).toBe(0);
    expect.soft(outcome.json().result?.files_skipped).toBe(3);
    expect.soft(modeOf(existing), 'mode of the existing folder').toBe('555');
    expect(statSync(existing).mtimeMs, 'mtime of the existing folder').toBe(mtimeBefore);
  }, 40_000);

  it('leaves an existing 0775 folder’s mode alone when new files are written into it', async () => {
    const { root, env, shot } = shotCase();
    const existing = join(root, 'dst', 'shot');
    mkdirSync(existing, { recursive: true });
    chmodSync(existing, 0o775);

    const outcome = await runTransferCli(['copy', shot, join(root, 'dst')], { env });
    expect.soft(outcome.code, outcome.stderr).toBe(0);
    expect.soft(fileHashes(existing)).toEqual(fileHashes(shot));
    expect(modeOf(existing), 'mode of the existing folder').toBe('775');
  }, 40_000);

  it('refuses a destination whose parent is missing, pointing at --parents; creates nothing', async () => {
    const { root, env, shot } = shotCase();
    const missing = join(root, 'x', 'missing-parent');
    const outcome = await runTransferCli(['copy', shot, join(missing, 'dest')], { env });
    expect.soft(outcome.code, outcome.stderr).toBe(2);
    // The missing folder is named (x/missing-parent, or x, the first that is missing).
    expect.soft(outcome.stderr).toContain(join(root, 'x'));
    expect.soft(outcome.stderr).toContain('--parents');
    expect(existsSync(join(root, 'x'))).toBe(false);
  }, 40_000);

  it('with --parents creates the missing parents and copies the tree', async () => {
    const { root, env, shot } = shotCase();
    const destination = join(root, 'x', 'missing-parent', 'dest');
    const outcome = await runTransferCli(['copy', shot, destination, '--parents'], { env });
    expect.soft(outcome.code, outcome.stderr).toBe(0);
    expect(fileHashes(join(destination, 'shot'))).toEqual(fileHashes(shot));
  }, 40_000);

  it('refuses a regular file as the destination, saying it is a file; the file is unchanged', async () => {
    const { root, env, shot } = shotCase();
    const file = join(root, 'notes.txt');
    writeFileSync(file, 'not a folder');
    const outcome = await runTransferCli(['copy', shot, file], { env });
    expect.soft(outcome.code, outcome.stderr).toBe(2);
    expect.soft(outcome.stderr).toContain('is a file');
    expect.soft(outcome.stderr).toContain(file);
    expect(readFileSync(file, 'utf8')).toBe('not a folder');
  }, 40_000);
});
