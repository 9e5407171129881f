/** Real mounts for transfer tests (root only): tmpfs, loop-mounted ext2 images and bind mounts, always undone. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** True when the tests run as root (mounting needs it). */
export const isRoot = process.getuid?.() === 0;

/** A mount made by these helpers; `unmount()` is idempotent and never throws. */
export interface Mount {
  /** The mount point. */
  dir: string;
  unmount(): void;
}

/** A loop-mounted ext2 image; `image` is the backing file, removed by `unmount()`. */
export interface ImageMount extends Mount {
  image: string;
  /** Unmount, let `edit` change the image (e.g. with debugfs), then mount it again at the same place. */
  offline(edit: (image: string) => void): void;
}

/** Mounts not yet undone, so `unmountAll()` can undo them after a failed test. */
const live = new Set<Mount>();

/** Run a command; throws with its stderr when it fails. */
function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr.trim()}`);
  }
  return result.stdout;
}

/** True when `dir` is a mount point right now (from /proc/self/mountinfo, so bind mounts count too). */
export function isMountPoint(dir: string): boolean {
  const target = resolve(dir);
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .some((line) => line.split(' ')[4] === target.replace(/ /g, '\\040'));
}

/** Unmount `dir` (every mount stacked on it); falls back to a lazy unmount when it is busy. Never throws. */
export function unmount(dir: string): void {
  for (let attempt = 0; attempt < 10 && isMountPoint(dir); attempt++) {
    if (spawnSync('umount', [dir]).status !== 0) spawnSync('umount', ['-l', dir]);
  }
}

/** Mount a tmpfs on `dir` (created if missing) with mount options such as `size=8m,nr_inodes=40`. */
export function mountTmpfs(dir: string, options: string): Mount {
  mkdirSync(dir, { recursive: true });
  run('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]);
  return track({ dir, unmount: () => unmount(dir) });
}

/** Bind-mount the folder `from` on `to` (created if missing): one folder seen under two paths. */
export function bindMount(from: string, to: string): Mount {
  mkdirSync(to, { recursive: true });
  run('mount', ['--bind', from, to]);
  return track({ dir: to, unmount: () => unmount(to) });
}

/**
 * Make an ext2 image of `sizeMb` MiB (inodes of `inodeSize` bytes: 128 gives 1-second timestamps) in a
 * temp file and loop-mount it on `dir` (created if missing).
 */
export function mountExt2Image(dir: string, options: { sizeMb: number; inodeSize?: number }): ImageMount {
  const holder = mkdtempSync(join(tmpdir(), 'wrangle-ext2-'));
  const image = join(holder, 'disk.img');
  const mountImage = (): void => void run('mount', ['-o', 'loop', image, dir]);
  try {
    run('truncate', ['-s', `${options.sizeMb}M`, image]);
    const inode = options.inodeSize === undefined ? [] : ['-I', String(options.inodeSize)];
    run('mkfs.ext2', ['-q', '-F', ...inode, image]);
    mkdirSync(dir, { recursive: true });
    mountImage();
  } catch (error) {
    rmSync(holder, { recursive: true, force: true });
    throw error;
  }
  const mount: ImageMount = {
    dir,
    image,
    offline: (edit) => {
      unmount(dir);
      detachLoops(image);
      edit(image);
      mountImage();
    },
    unmount: () => {
      unmount(dir);
      detachLoops(image);
      rmSync(holder, { recursive: true, force: true });
    },
  };
  return track(mount);
}

/**
 * Set the ctime of files inside an unmounted ext2 image with debugfs (`stamp` as YYYYMMDDHHMMSS, UTC): the
 * kernel never lets a program set a ctime, so this is how a file is made "old" for real.
 */
export function setCtimeInImage(image: string, pathsInImage: string[], stamp: string): void {
  for (const path of pathsInImage)
    run('debugfs', ['-w', '-R', `set_inode_field ${path} ctime ${stamp}`, image]);
}

/** Undo every mount these helpers made and that is still there (for afterAll / afterEach). */
export function unmountAll(): void {
  for (const mount of [...live]) mount.unmount();
}

/** Detach loop devices still backed by `image` (a lazy unmount leaves them until released). */
function detachLoops(image: string): void {
  if (!existsSync(image)) return;
  const found = spawnSync('losetup', ['-j', image, '-n', '-O', 'NAME'], { encoding: 'utf8' });
  for (const device of found.stdout.split('\n').filter(Boolean)) spawnSync('losetup', ['-d', device.trim()]);
}

/** Remember `mount` until it is undone. */
function track<M extends Mount>(mount: M): M {
  const undo = mount.unmount;
  let done = false;
  mount.unmount = () => {
    if (done) return;
    done = true;
    live.delete(mount);
    try {
      undo();
    } catch {
      // Cleanup must never hide the test's own failure.
    }
  };
  live.add(mount);
  return mount;
}
