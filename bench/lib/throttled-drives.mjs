/**
 * Two stand-in drives for a machine that has one disk: ext4 on loop devices whose images live in RAM
 * (tmpfs), each held to a bandwidth by the block layer's throttle (cgroup v1 blkio, root group, so the
 * kernel's own write-back threads are held too). Each then behaves as a drive of its own: it reads and
 * writes at most `mbps` MiB/s, and waiting on one never slows the other. Root only.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './offload-sources.mjs';

const BLKIO = '/sys/fs/cgroup/blkio';

/** Why throttled drives cannot be made here, or '' when they can. */
export function whyNoThrottledDrives() {
  if (process.getuid?.() !== 0) return 'needs root (loop devices, mount, the blkio throttle)';
  if (!existsSync(join(BLKIO, 'blkio.throttle.write_bps_device')))
    return `no cgroup v1 blkio throttle at ${BLKIO} (on cgroup v2 only, set io.max by hand)`;
  for (const tool of ['losetup', 'mkfs.ext4', 'lsblk'])
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return `${tool} is missing`;
  return '';
}

function throttle(majorMinor, bytesPerSecond) {
  for (const file of ['blkio.throttle.read_bps_device', 'blkio.throttle.write_bps_device'])
    writeFileSync(join(BLKIO, file), `${majorMinor} ${bytesPerSecond}\n`);
}

/**
 * Make drive `name` under `base` (on a tmpfs): an image of `bytes` (sparse: it takes memory only as it is
 * written, and `discard` gives deleted files' memory back), mounted at `base/name`. Returns its mount
 * point and a teardown that lifts the throttle, unmounts and frees it.
 */
export function throttledDrive(base, name, bytes, mbps) {
  const image = join(base, `${name}.img`);
  const mountPoint = join(base, name);
  rmSync(image, { force: true });
  run('truncate', ['-s', String(bytes), image]);
  run('mkfs.ext4', ['-q', '-F', '-E', 'lazy_itable_init=0,lazy_journal_init=0', image]);
  const device = run('losetup', ['--find', '--show', image]).trim();
  const majorMinor = run('lsblk', ['-dno', 'MAJ:MIN', device]).trim();
  mkdirSync(mountPoint, { recursive: true });
  run('mount', ['-o', 'discard', device, mountPoint]);
  throttle(majorMinor, Math.round(mbps * 1024 * 1024));
  const teardown = () => {
    throttle(majorMinor, 0);
    // Only once it is unmounted: removing the folder of a live mount would empty the filesystem instead.
    if (spawnSync('umount', [mountPoint]).status !== 0) return false;
    spawnSync('losetup', ['-d', device]);
    rmSync(mountPoint, { recursive: true, force: true });
    rmSync(image, { force: true });
    return true;
  };
  return { mountPoint, device, teardown };
}
