/**
 * Filesystems whose writes by other hosts raise no inotify events on this one (the kernel only sees its own
 * writes there): a watch polls them instead.
 */
import { statfs } from 'node:fs/promises';

/** statfs f_type magic numbers (linux/magic.h and the filesystems' own headers) → a name people know. */
const NETWORK: ReadonlyMap<number, string> = new Map([
  [0x6969, 'nfs'],
  [0x517b, 'smb'],
  [0xff534d42, 'cifs'],
  [0xfe534d42, 'smb2'],
  [0x65735546, 'fuse'],
  [0x73757245, 'coda'],
  [0x5346414f, 'afs'],
  [0x6b414653, 'afs'],
  [0x01021997, '9p'],
  [0x00c36400, 'ceph'],
  [0x0bd00bd0, 'lustre'],
  [0x01161970, 'gfs2'],
  [0x47504653, 'gpfs'],
]);

/** The name of a network (or FUSE) filesystem type, or null for a local one. */
export function networkFilesystem(type: number): string | null {
  return NETWORK.get(type) ?? null;
}

/** The network filesystem `path` is on, or null when it is local or statfs cannot tell. */
export async function networkFilesystemOf(path: string): Promise<string | null> {
  try {
    return networkFilesystem((await statfs(path)).type);
  } catch {
    return null;
  }
}
