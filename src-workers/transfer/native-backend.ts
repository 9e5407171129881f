/** The native backend: the addon's transfer calls (native/fs_napi.c, stat_napi.c, copy_napi.c, copy_thread_napi.c, hash_napi.c), used as they are. */
import { createRequire } from 'node:module';
import type { CopyTask, FsBackend, FsName, Listing, Times } from './fs-backend';

/** The addon's surface, as the native/*_napi.c files define it. */
interface NativeTransfer {
  setTempTag(tag: string): number;
  openPath(path: string): number;
  openBeneath(root: number, rel: FsName): number;
  mkdirAt(dir: number, name: FsName, mode: number): number;
  closeFd(fd: number): number;
  fstatFd(fd: number, out: Float64Array): number;
  statAt(dir: number, name: FsName, out: Float64Array): number;
  listAt(dir: number): { names: string | FsName[]; count: number; stats: Float64Array } | number;
  unlinkAt(dir: number, name: FsName, isDir: boolean): number;
  renameAt(fromDir: number, from: FsName, toDir: number, to: FsName, noReplace: boolean): number;
  readlinkAt(dir: number, name: FsName): FsName | number;
  symlinkAt(target: FsName, dir: number, name: FsName): number;
  setTimesAt(dir: number, name: FsName, aS: number, aNs: number, mS: number, mNs: number): number;
  setFdAttrs(fd: number, mode: number, aS: number, aNs: number, mS: number, mNs: number): number;
  statfsFd(fd: number, out: Float64Array): number;
  probeTimes(dir: number): number;
  tmpfileSupported(dir: number): boolean;
  copyFile(
    srcDir: number,
    name: FsName,
    dstDir: number,
    target: FsName,
    flags: number,
    mode: number,
    aS: number,
    aNs: number,
    mS: number,
    mNs: number,
    out: Float64Array,
  ): number;
  lastHashes(): [string, string];
  hintDevices(srcDev: number, dstDev: number): number;
  taskOpen(srcDir: number, name: FsName, dstDir: number, flags: number): CopyTask | number;
  taskStep(task: CopyTask, maxBytes: number, maxMs: number, out: Float64Array): number;
  taskFinish(
    task: CopyTask,
    target: FsName,
    mode: number,
    aS: number,
    aNs: number,
    mS: number,
    mNs: number,
  ): number;
  taskRemoveSource(task: CopyTask, srcDir: number, name: FsName): number;
  taskClose(task: CopyTask): number;
  xxh64(data: Uint8Array): string;
  setHashMask(mask: number): number;
  lastSourceHashes(): string[];
  copyFileMany(
    srcDir: number,
    name: FsName,
    dstDirs: Int32Array,
    targets: FsName[],
    flags: number,
    out: Float64Array,
    statuses: Int32Array,
  ): number;
  taskOpenMany(srcDir: number, name: FsName, dstDirs: Int32Array, flags: number): CopyTask | number;
  taskFinishOut(task: CopyTask, index: number, target: FsName): number;
  taskStatuses(task: CopyTask, statuses: Int32Array): number;
  syncFs(fd: number): number;
}

/** Load the addon at `addonPath` (NATIVE_ADDON_PATH), or say why it cannot be used. */
export function loadNativeBackend(
  addonPath: string,
): { backend: FsBackend; xxh64: (data: Uint8Array) => string } | { reason: string } {
  let native: NativeTransfer;
  try {
    native = createRequire(import.meta.url)(addonPath) as NativeTransfer;
  } catch (error) {
    return { reason: (error as Error).message };
  }
  if (typeof native.copyFile !== 'function' || typeof native.copyFileMany !== 'function')
    return { reason: `${addonPath} has no transfer calls (an old build?)` };
  const backend: FsBackend = {
    kind: 'native',
    setTempTag: (tag) => void native.setTempTag(tag),
    openPath: (path) => native.openPath(path),
    openBeneath: (root, rel) => native.openBeneath(root, rel),
    mkdirAt: (dir, name, mode) => native.mkdirAt(dir, name, mode),
    close: (fd) => void native.closeFd(fd),
    fstat: (fd, out) => native.fstatFd(fd, out),
    statAt: (dir, name, out) => native.statAt(dir, name, out),
    listAt(dir): Listing | number {
      const listing = native.listAt(dir);
      if (typeof listing === 'number') return listing;
      const { names, count, stats } = listing;
      if (typeof names !== 'string') return { names, stats };
      return { names: count === 0 ? [] : names.split('\0'), stats };
    },
    unlinkAt: (dir, name, isDir) => native.unlinkAt(dir, name, isDir),
    renameAt: (fromDir, from, toDir, to, noReplace) => native.renameAt(fromDir, from, toDir, to, noReplace),
    readlinkAt: (dir, name) => native.readlinkAt(dir, name),
    symlinkAt: (target, dir, name) => native.symlinkAt(target, dir, name),
    setTimesAt: (dir, name, t: Times) =>
      native.setTimesAt(dir, name, t.atimeS, t.atimeNs, t.mtimeS, t.mtimeNs),
    setFdAttrs: (fd, mode, t) => native.setFdAttrs(fd, mode, t.atimeS, t.atimeNs, t.mtimeS, t.mtimeNs),
    statfs: (fd, out) => native.statfsFd(fd, out),
    probeTimes: (dir) => native.probeTimes(dir),
    tmpfileSupported: (dir) => native.tmpfileSupported(dir),
    copyFile: (srcDir, name, dstDir, target, flags, mode, t, out) =>
      native.copyFile(
        srcDir,
        name,
        dstDir,
        target,
        flags,
        mode,
        t.atimeS,
        t.atimeNs,
        t.mtimeS,
        t.mtimeNs,
        out,
      ),
    lastHashes: () => native.lastHashes(),
    hintDevices: (srcDev, dstDev) => void native.hintDevices(srcDev, dstDev),
    taskOpen: (srcDir, name, dstDir, flags) => native.taskOpen(srcDir, name, dstDir, flags),
    taskStep: (task, maxBytes, maxMs, out) => native.taskStep(task, maxBytes, maxMs, out),
    taskFinish: (task, target, mode, t) =>
      native.taskFinish(task, target, mode, t.atimeS, t.atimeNs, t.mtimeS, t.mtimeNs),
    taskRemoveSource: (task, srcDir, name) => native.taskRemoveSource(task, srcDir, name),
    taskClose: (task) => void native.taskClose(task),
    setHashMask: (mask) => void native.setHashMask(mask),
    lastSourceHashes: () => native.lastSourceHashes(),
    copyFileMany: (srcDir, name, dstDirs, targets, flags, out, statuses) =>
      native.copyFileMany(srcDir, name, dstDirs, targets, flags, out, statuses),
    taskOpenMany: (srcDir, name, dstDirs, flags) => native.taskOpenMany(srcDir, name, dstDirs, flags),
    taskFinishOut: (task, index, target) => native.taskFinishOut(task, index, target),
    taskStatuses: (task, statuses) => void native.taskStatuses(task, statuses),
    syncFs: (fd) => native.syncFs(fd),
  };
  return { backend, xxh64: (data) => native.xxh64(data) };
}
