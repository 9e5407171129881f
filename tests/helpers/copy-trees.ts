/** Source trees for copy and move tests, and independent checks (sha256, lstat) of what landed. */
import { createHash } from 'node:crypto';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';

/** Deterministic pseudo-random bytes (so identical sizes still have different content). */
export function noise(size: number, seed: number): Buffer {
  const out = Buffer.allocUnsafe(size);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/** A small shot: frames with set mtimes and modes, a symlink, an empty folder, a read-only folder. */
export function buildShot(root: string, frames = 20): void {
  const renders = join(root, 'renders', 'comp', 'v001');
  mkdirSync(renders, { recursive: true });
  for (let f = 0; f < frames; f++) {
    const file = join(renders, `shot.${1001 + f}.exr`);
    writeFileSync(file, noise(1000 + f * 37, f + 1));
    utimesSync(file, new Date(2020, 0, 1, 0, 0, f), new Date(2021, 5, 1, 12, 0, f));
  }
  writeFileSync(join(root, 'plate.mov'), noise(300_000, 99));
  chmodSync(join(root, 'plate.mov'), 0o640);
  writeFileSync(join(root, 'run.sh'), '#!/bin/sh\necho hi\n');
  chmodSync(join(root, 'run.sh'), 0o755);
  writeFileSync(join(root, 'empty.nk'), '');
  symlinkSync('renders/comp/v001', join(root, 'latest'));
  symlinkSync('does-not-exist', join(root, 'dangling'));
  mkdirSync(join(root, 'work', 'empty'), { recursive: true });
  mkdirSync(join(root, 'locked-ro'));
  writeFileSync(join(root, 'locked-ro', 'note.txt'), 'read only folder');
  chmodSync(join(root, 'locked-ro'), 0o555);
  utimesSync(join(root, 'work'), new Date(2019, 1, 1), new Date(2019, 1, 2));
}

/** sha256 of a file, computed in the test (independent of the worker's xxhash). */
export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** One entry of a tree as the test sees it. */
export interface TreeEntry {
  type: 'file' | 'dir' | 'link';
  mode: number;
  mtimeMs: number;
  size: number;
  sha256?: string;
  link?: string;
}

/** Every entry below `root` (relative path → what it is), from lstat, never following links. */
export function describeTree(root: string): Map<string, TreeEntry> {
  const out = new Map<string, TreeEntry>();
  const visit = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stats = lstatSync(path);
      const rel = relative(root, path);
      const base = { mode: stats.mode & 0o7777, mtimeMs: stats.mtimeMs, size: stats.size };
      if (stats.isSymbolicLink()) out.set(rel, { ...base, type: 'link', link: readlinkSync(path) });
      else if (stats.isDirectory()) {
        out.set(rel, { ...base, type: 'dir', size: 0 });
        visit(path);
      } else out.set(rel, { ...base, type: 'file', sha256: sha256(path) });
    }
  };
  visit(root);
  return out;
}

/** Relative paths of leftover temporary files below `root`. */
export function partFiles(root: string): string[] {
  return [...describeTree(root).keys()].filter((path) => path.includes('.wrangle-part-'));
}

/** Relative path → sha256 of every regular file below `root`: what a copy must reproduce byte for byte. */
export function fileHashes(root: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, entry] of describeTree(root))
    if (entry.type === 'file' && entry.sha256) out.set(path, entry.sha256);
  return out;
}
