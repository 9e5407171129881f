/**
 * Source trees for the copy benchmark, built once and reused (a marker file says a tree is complete), and the
 * filesystem chores around them: reading a tree into the page cache, free space, sync, batch deletion.
 */
import { randomBytes, randomFillSync } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  rmSync,
  statSync,
  statfsSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const MARKER = '.wrangle-bench';
const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * Make (or reuse) `root/<data>`, where `build(dataDir)` writes the tree. The marker, written last, holds
 * `description`, so a tree left half-built or built to other sizes is rebuilt.
 */
function ensureTree(root, data, description, build, log) {
  const dataDir = join(root, data);
  const marker = join(root, MARKER);
  if (existsSync(dataDir) && existsSync(marker) && readFileSync(marker, 'utf8') === description)
    return dataDir;
  rmSync(root, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  log(`building ${description} under ${root} …`);
  build(dataDir);
  writeFileSync(marker, description);
  return dataDir;
}

/** `files` files of 4 KB of random bytes, spread over `folders` folders: `frames/shNNN/beauty.NNNN.exr`. */
export function ensureSmallSource(base, files, folders, log = console.error) {
  const root = join(base, `src-small-${files}x4KB`);
  const perFolder = Math.ceil(files / folders);
  const description = `${files} random files of 4 KB in ${folders} folders`;
  const path = ensureTree(
    root,
    'frames',
    description,
    (dir) => {
      const bytes = randomBytes(files * 4 * KiB);
      for (let i = 0; i < files; i++) {
        const folder = join(dir, `sh${String(Math.floor(i / perFolder)).padStart(3, '0')}`);
        if (i % perFolder === 0) mkdirSync(folder);
        const name = `beauty.${1001 + (i % perFolder)}.exr`;
        writeFileSync(join(folder, name), bytes.subarray(i * 4 * KiB, (i + 1) * 4 * KiB));
      }
    },
    log,
  );
  return { path, files, bytes: files * 4 * KiB, description };
}

/** `files` files of `mb` MB (MiB) of random bytes each: `plates/plate.NNNN.exr`. */
export function ensureBigSource(base, files, mb, log = console.error) {
  const size = Math.max(1, Math.round(mb * MiB));
  const label = Number.isInteger(mb) ? `${mb}MB` : `${size}B`;
  const root = join(base, `src-big-${files}x${label}`);
  const description = `${files} random files of ${(size / MiB).toFixed(1)} MB`;
  const path = ensureTree(
    root,
    'plates',
    description,
    (dir) => {
      const block = Buffer.allocUnsafe(size);
      for (let i = 0; i < files; i++)
        writeFileSync(join(dir, `plate.${1001 + i}.exr`), randomFillSync(block));
    },
    log,
  );
  return { path, files, bytes: files * size, description };
}

/**
 * A tree of `files` empty files in 100 folders (`SHOW/shNN/fNNNN.exr`) for the same-filesystem move. The
 * benchmark moves it from one destination to the next and renames it back to `path` at the end.
 */
export function ensureMoveSource(base, files, log = console.error) {
  const root = join(base, `src-move-${files}`);
  const folders = 100;
  const perFolder = Math.ceil(files / folders);
  const description = `${files} empty files in ${folders} folders`;
  const path = ensureTree(
    root,
    'SHOW',
    description,
    (dir) => {
      for (let i = 0; i < files; i++) {
        const folder = join(dir, `sh${String(Math.floor(i / perFolder)).padStart(2, '0')}`);
        if (i % perFolder === 0) mkdirSync(folder);
        writeFileSync(join(folder, `f${i % perFolder}.exr`), '');
      }
    },
    log,
  );
  return { path, files, bytes: 0, description };
}

/**
 * Read every file under `dir` into the page cache (not `tar -cf /dev/null`: GNU tar skips reading file
 * contents when it writes to /dev/null). Returns the space the tree takes on disk, in bytes.
 */
export function warmCache(dir, buffer = Buffer.allocUnsafe(MiB)) {
  let allocated = 4 * KiB;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) allocated += warmCache(path, buffer);
    if (!entry.isFile()) continue;
    const fd = openSync(path, 'r');
    try {
      while (readSync(fd, buffer, 0, buffer.length, null) > 0);
      allocated += fstatSync(fd).blocks * 512;
    } finally {
      closeSync(fd);
    }
  }
  return allocated;
}

/** Free bytes and free inodes for an unprivileged user on the filesystem holding `path`. */
export function freeSpace(path) {
  const stats = statfsSync(path);
  return { bytes: stats.bavail * stats.bsize, inodes: stats.ffree };
}

/** MemAvailable from /proc/meminfo, in bytes (what a tmpfs destination can grow into). */
export function memoryAvailable() {
  const match = readFileSync('/proc/meminfo', 'utf8').match(/MemAvailable:\s+(\d+) kB/);
  return match ? Number(match[1]) * KiB : 0;
}

/** Whether two existing paths are on the same filesystem. */
export function sameFilesystem(a, b) {
  return statSync(a).dev === statSync(b).dev;
}

/** Filesystem type of the mount holding `path` (ext4, tmpfs, …), or 'unknown'. */
export function filesystemType(path) {
  const result = spawnSync('findmnt', ['-n', '-o', 'FSTYPE', '-T', path], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.split('\n')[0].trim() : 'unknown';
}

/** Flush every dirty page to disk, so one run's write-back is not charged to the next. */
export function syncDisks() {
  const result = spawnSync('sync');
  if (result.status !== 0) throw new Error(`sync failed: ${result.error ?? result.status}`);
}

/**
 * Delete a batch of destination trees, then sync and pause: on ext4, creating files soon after deleting a
 * big tree is 2–5x slower, so this happens only between sets, never between runs.
 */
export async function removeBatch(dir, pauseMs = 3000) {
  if (!existsSync(dir)) return;
  removeTree(dir);
  syncDisks();
  await sleep(pauseMs);
}

/** Delete a tree now (`rm -rf`, much faster than Node's rmSync on 100,000s of files). */
export function removeTree(dir) {
  const result = spawnSync('rm', ['-rf', dir], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`rm -rf ${dir} failed: ${result.stderr || result.error}`);
}

/** Whether `command --version` runs (is the tool installed?). */
export function hasCommand(command) {
  return spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;
}

export { MiB };
