/**
 * The offload benchmark's chores: a camera-card-like tree of frames, cold-cache runs (sync, drop the page
 * cache, warm the tools again), I/O accounting of a whole process tree, a second filesystem (a loop-mounted
 * ext4 image or tmpfs) and what can cheaply be learnt about the disk.
 */
import { spawnSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const KiB = 1024;
const MiB = 1024 * KiB;
const MARKER = '.wrangle-bench';

/**
 * A card of `frames` frames of random bytes, `minKb`–`maxKb` KB (KiB) each, as image sequences of 1,000
 * frames: `CARD/A001C0NN/A001C0NN.NNNNNNN.exr`. Built once and reused (a marker written last holds the
 * description, so a tree left half-built or built to other sizes is rebuilt). Sizes are spread evenly over
 * the range by a fixed stride, so every build of the same options has the same bytes count.
 */
export function ensureFrameSource(base, frames, minKb, maxKb, log = console.error) {
  const root = join(base, `src-frames-${frames}x${minKb}-${maxKb}KB`);
  const path = join(root, 'CARD');
  const span = (maxKb - minKb) * KiB + 1;
  const sizeOf = (i) => minKb * KiB + ((i * 7919) % span);
  let bytes = 0;
  for (let i = 0; i < frames; i++) bytes += sizeOf(i);
  const description = `${frames} random frames of ${minKb}–${maxKb} KB in sequences of 1,000`;
  const marker = join(root, MARKER);
  if (existsSync(path) && existsSync(marker) && readFileSync(marker, 'utf8') === description)
    return { path, files: frames, bytes, description };
  rmSync(root, { recursive: true, force: true });
  mkdirSync(path, { recursive: true });
  log(`building ${description} under ${root} …`);
  // Slices of a 64 MiB random pool at moving offsets: every frame differs, and building stays disk-bound.
  const pool = randomFillSync(Buffer.allocUnsafe(64 * MiB));
  let offset = 0;
  let folder = '';
  for (let i = 0; i < frames; i++) {
    const clip = `A001C${String(Math.floor(i / 1000) + 1).padStart(3, '0')}`;
    if (i % 1000 === 0) mkdirSync((folder = join(path, clip)));
    const size = sizeOf(i);
    if (offset + size > pool.length) offset = (offset % 4099) + 1;
    writeFileSync(
      join(folder, `${clip}.${String(86400 + (i % 1000)).padStart(7, '0')}.exr`),
      pool.subarray(offset, offset + size),
    );
    offset += size;
    if (i % 5000 === 4999) log(`  ${i + 1} frames`);
  }
  writeFileSync(marker, description);
  return { path, files: frames, bytes, description };
}

/** Write back every dirty page, then drop the page cache, dentries and inodes (root only). */
export function dropCaches() {
  run('sync', []);
  writeFileSync('/proc/sys/vm/drop_caches', '3\n');
}

/** Whether this process may drop the page cache (root, and /proc/sys writable: not in every container). */
export function canDropCaches() {
  try {
    writeFileSync('/proc/sys/vm/drop_caches', '1\n');
    return true;
  } catch {
    return false;
  }
}

/** Run a command to completion; throw with its stderr unless it exits 0. Returns stdout. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.status !== 0) {
    const why = result.error ?? result.stderr?.trim() ?? `signal ${result.signal}`;
    throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal}): ${why}`);
  }
  return result.stdout ?? '';
}

/** Seconds `sync` takes: the write-back a run left behind in the page cache. */
export function timedSync() {
  const started = process.hrtime.bigint();
  run('sync', []);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/**
 * Wrap a command in `sh -c` so that, once it has exited, the shell prints its own /proc/<pid>/io on stderr.
 * The kernel adds a reaped child's I/O counts to its parent's, so the shell's counts are those of the whole
 * process tree it waited for (the CLI has reaped its worker before it exits). `rchar` counts every byte read
 * through read(), pread() and copy_file_range() from any file, cached or not; `read_bytes` counts what had
 * to come from the block device. The command's own exit code is kept.
 */
export function withIoCounts(command, args) {
  const script = '"$@"; rc=$?; grep -E "^(rchar|wchar|read_bytes|write_bytes):" /proc/$$/io >&2; exit $rc';
  return ['sh', ['-c', script, 'sh', command, ...args]];
}

/** The I/O counts `withIoCounts` printed on stderr, as numbers (bytes), or null if it printed none. */
export function parseIoCounts(stderr) {
  const counts = {};
  for (const match of stderr.matchAll(/^(rchar|wchar|read_bytes|write_bytes): (\d+)$/gm))
    counts[match[1]] = Number(match[2]);
  return 'rchar' in counts ? counts : null;
}

/**
 * A fresh ext4 filesystem in a sparse image file of `bytes`, loop-mounted at `mountPoint` (root only).
 * Returns a function that unmounts it (the loop device is freed with it) and deletes the image.
 */
export function mountLoopExt4(image, mountPoint, bytes) {
  rmSync(image, { force: true });
  run('truncate', ['-s', String(bytes), image]);
  // lazy_*_init=0: no background zeroing of inode tables and journal writes behind the runs' backs.
  run('mkfs.ext4', ['-q', '-F', '-E', 'lazy_itable_init=0,lazy_journal_init=0', image]);
  mkdirSync(mountPoint, { recursive: true });
  run('mount', ['-o', 'loop', image, mountPoint]);
  return () => {
    // Only once it is unmounted: removing the folder of a live mount would empty the filesystem instead.
    if (spawnSync('umount', [mountPoint]).status !== 0) return false;
    rmSync(mountPoint, { recursive: true, force: true });
    rmSync(image, { force: true });
    return true;
  };
}

/** What is cheap to learn about the disk under `path`: device, size, type, filesystem and mount options. */
export function diskFacts(path) {
  const mount = spawnSync('findmnt', ['-n', '-o', 'SOURCE,FSTYPE,OPTIONS', '-T', path], { encoding: 'utf8' });
  const [source = '?', fstype = '?', mountOptions = ''] = mount.stdout.trim().split(/\s+/);
  const block = spawnSync('lsblk', ['-dn', '-o', 'NAME,SIZE,ROTA,TRAN,MODEL', source], { encoding: 'utf8' });
  const [name, size, rota, ...rest] = block.stdout.trim().split(/\s+/);
  const device = name
    ? `${name} ${size}, lsblk ROTA=${rota}${rest.length ? `, ${rest.join(' ')}` : ''}`
    : source;
  const virtio = name && existsSync(`/sys/block/${name}/device/driver`) ? driverOf(name) : '';
  return `${path}: ${fstype} on ${source} (${device}${virtio}; mount options ${mountOptions})`;
}

/** ", virtio" (or the block driver's name) from sysfs. */
function driverOf(name) {
  const result = spawnSync('readlink', ['-f', `/sys/block/${name}/device/driver`], { encoding: 'utf8' });
  const driver = result.stdout.trim().split('/').pop();
  return driver ? `, driver ${driver}` : '';
}

/**
 * Copy the built CLI (`<checkout>/out`, the addon `build/Release/wrangle_native.node`, package.json; a link
 * to node_modules) into `into`, so that a rebuild in the shared working tree during the benchmark neither
 * breaks a run nor changes the code under test halfway. Returns the copy's cli.cjs. The caller checks that
 * the copy runs (a rebuild may have been half-way through while it was copied).
 */
export function snapshotBuild(cli, into) {
  const checkout = resolve(dirname(cli), '..', '..');
  const addon = join(checkout, 'build', 'Release', 'wrangle_native.node');
  if (!existsSync(addon))
    throw new Error(`no addon at ${addon} (npm run build:native, or a rebuild is running)`);
  rmSync(into, { recursive: true, force: true });
  cpSync(join(checkout, 'out'), join(into, 'out'), { recursive: true });
  mkdirSync(join(into, 'build', 'Release'), { recursive: true });
  copyFileSync(addon, join(into, 'build', 'Release', 'wrangle_native.node'));
  copyFileSync(join(checkout, 'package.json'), join(into, 'package.json'));
  symlinkSync(join(checkout, 'node_modules'), join(into, 'node_modules'));
  return join(into, relativeTo(checkout, cli));
}

/** `path` relative to `base` (which contains it). */
function relativeTo(base, path) {
  return resolve(path).slice(resolve(base).length + 1);
}

/** The 1-minute load average (other work on a shared machine). */
export function loadAverage() {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}

export { KiB, MiB };
