/**
 * The fallback backend, where the native addon does not load: Node's fs, with every path built as
 * /proc/self/fd/<folder>/<name>. The magic link resolves to the folder that was opened, so a folder swapped
 * for a symlink afterwards cannot redirect the work; the last component is opened with O_NOFOLLOW.
 * It always publishes through a temporary name (Node cannot link an O_TMPFILE), and keeps holes by not
 * writing blocks of zeros of a sparse source. Linux only, like the addon.
 */
import * as fs from 'node:fs';
import { Errno } from '../../src-node/errno';
import { threadId } from 'node:worker_threads';
import {
  CopyFlag,
  CopyResult,
  EntryKind,
  STAT_FIELDS,
  Stat,
  type CopyTask,
  type FsBackend,
  type FsName,
  type Listing,
  type Times,
} from './fs-backend';
import { closeTask, writeKeepingHoles, type NodeTask } from './node-copy-task';
import { act, at, errnoOf, fillStat, fsName, seconds, taskError } from './node-fs-paths';
import { loadXxhash } from './xxhash';

const { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_NOFOLLOW, O_DIRECTORY, O_NONBLOCK } = fs.constants;
const BUFFER_BYTES = 1 << 20;

const NATIVE_ONLY = 'Copies to several destinations need the native file engine.';
/** Make the fallback backend (loads the wasm hasher first). */
export async function createNodeBackend(): Promise<FsBackend> {
  const hasher = await loadXxhash();
  let tag = '.wrangle-part-';
  // Copy threads share the process (and so the tag): each numbers its temporary names from its own base.
  let counter = threadId * 10_000_000;
  let hashes: [string, string] = ['', ''];
  const buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  const hex = (value: bigint): string => value.toString(16).padStart(16, '0');

  const tempName = (name: FsName): FsName => {
    const tail = `${tag}${++counter}`;
    const raw = typeof name === 'string' ? Buffer.from(name) : name;
    let cut = Math.min(raw.length, 255 - 1 - Buffer.byteLength(tail));
    while (cut > 0 && ((raw[cut] ?? 0) & 0xc0) === 0x80) cut--;
    return fsName(Buffer.concat([Buffer.from('.'), raw.subarray(0, cut), Buffer.from(tail)]));
  };

  /** Write `length` bytes at `position`, leaving whole zero blocks of a sparse source as holes. */
  const writeOut = (task: NodeTask, length: number, position: number): void =>
    writeKeepingHoles(task.dst, buffer, length, position, task.sparse);

  const backend: FsBackend = {
    kind: 'node',
    setTempTag(value) {
      tag = value;
    },
    openPath(path) {
      try {
        return fs.openSync(path, O_RDONLY | O_DIRECTORY);
      } catch (error) {
        return -errnoOf(error);
      }
    },
    openBeneath(root, rel) {
      const text = typeof rel === 'string' ? rel : rel.toString('latin1');
      let current: number;
      try {
        current = fs.openSync(at(root, '.'), O_RDONLY | O_DIRECTORY);
      } catch (error) {
        return -errnoOf(error);
      }
      if (text === '') return current;
      const parts =
        typeof rel === 'string'
          ? rel.split('/')
          : text.split('/').map((part) => fsName(Buffer.from(part, 'latin1')));
      for (const part of parts) {
        if (part === '..' || part === '.' || part === '') {
          fs.closeSync(current);
          return -Errno.EXDEV; // as openat2 says for RESOLVE_BENEATH
        }
        try {
          const next = fs.openSync(at(current, part), O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
          fs.closeSync(current);
          current = next;
        } catch (error) {
          fs.closeSync(current);
          return -errnoOf(error);
        }
      }
      return current;
    },
    mkdirAt: (dir, name, mode) => act(() => fs.mkdirSync(at(dir, name), { mode })),
    close: (fd) => void act(() => fs.closeSync(fd)),
    fstat(fd, out) {
      try {
        fillStat(out, 0, fs.fstatSync(fd, { bigint: true }));
        return 0;
      } catch (error) {
        return errnoOf(error);
      }
    },
    statAt(dir, name, out) {
      try {
        fillStat(out, 0, fs.lstatSync(at(dir, name), { bigint: true }));
        return 0;
      } catch (error) {
        return errnoOf(error);
      }
    },
    listAt(dir): Listing | number {
      let raw: Buffer[];
      try {
        raw = fs.readdirSync(at(dir, '.'), { encoding: 'buffer' });
      } catch (error) {
        return errnoOf(error);
      }
      const names: FsName[] = [];
      const stats = new Float64Array(raw.length * STAT_FIELDS);
      for (const bytes of raw) {
        const name = fsName(bytes);
        const offset = names.length * STAT_FIELDS;
        try {
          fillStat(stats, offset, fs.lstatSync(at(dir, name), { bigint: true }));
        } catch (error) {
          if (errnoOf(error) === Errno.ENOENT) continue; // gone since readdir
          stats[offset + Stat.kind] = EntryKind.Error;
          stats[offset + Stat.mode] = errnoOf(error);
        }
        names.push(name);
      }
      return { names, stats: stats.subarray(0, names.length * STAT_FIELDS) };
    },
    unlinkAt: (dir, name, isDir) =>
      act(() => (isDir ? fs.rmdirSync(at(dir, name)) : fs.unlinkSync(at(dir, name)))),
    renameAt(fromDir, from, toDir, to, noReplace) {
      if (!noReplace) return act(() => fs.renameSync(at(fromDir, from), at(toDir, to)));
      // No renameat2 in Node: a hard link never replaces; folders can only be checked first.
      const linked = act(() => fs.linkSync(at(fromDir, from), at(toDir, to)));
      if (linked === 0) return act(() => fs.unlinkSync(at(fromDir, from)));
      if (linked === Errno.EEXIST) return Errno.EEXIST;
      if (act(() => fs.lstatSync(at(toDir, to))) === 0) return Errno.EEXIST;
      return act(() => fs.renameSync(at(fromDir, from), at(toDir, to)));
    },
    readlinkAt(dir, name) {
      try {
        return fsName(fs.readlinkSync(at(dir, name), { encoding: 'buffer' }));
      } catch (error) {
        return errnoOf(error);
      }
    },
    symlinkAt: (target, dir, name) => act(() => fs.symlinkSync(target, at(dir, name))),
    setTimesAt: (dir, name, t: Times) =>
      act(() => fs.lutimesSync(at(dir, name), seconds(t.atimeS, t.atimeNs), seconds(t.mtimeS, t.mtimeNs))),
    setFdAttrs: (fd, mode, t) =>
      act(() => {
        fs.fchmodSync(fd, mode & 0o7777);
        fs.futimesSync(fd, seconds(t.atimeS, t.atimeNs), seconds(t.mtimeS, t.mtimeNs));
      }),
    statfs(fd, out) {
      try {
        const st = fs.statfsSync(at(fd, '.'));
        out.set([st.type, st.bsize, st.blocks, st.bavail, st.files, st.ffree]);
        return 0;
      } catch (error) {
        return errnoOf(error);
      }
    },
    probeTimes(dir) {
      const name = tempName('probe');
      let fd: number;
      try {
        fd = fs.openSync(at(dir, name), O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW, 0o600);
      } catch (error) {
        return -errnoOf(error);
      }
      try {
        fs.unlinkSync(at(dir, name));
        fs.futimesSync(fd, 1_000_000_001.123456, 1_000_000_001.123456);
        const st = fs.fstatSync(fd, { bigint: true });
        const s = st.mtimeNs / 1_000_000_000n;
        const ns = Number(st.mtimeNs % 1_000_000_000n);
        if (s !== 1_000_000_001n) return 2_000_000_000;
        if (ns === 0) return 1_000_000_000;
        // Node passes times as a double: microseconds are the finest it can set.
        for (let step = 1000; step < 1_000_000_000; step *= 10)
          if (Math.abs(ns - 123_456_000) < step) return step;
        return 1_000_000_000;
      } catch (error) {
        return -errnoOf(error);
      } finally {
        fs.closeSync(fd);
      }
    },
    tmpfileSupported: () => false,
    copyFile(srcDir, name, dstDir, target, flags, mode, times, out) {
      out[0] = out[1] = out[2] = 0;
      const task = backend.taskOpen(srcDir, name, dstDir, flags & ~CopyFlag.Move);
      if (typeof task === 'number') return task;
      try {
        let result: number;
        do result = backend.taskStep(task, Number.MAX_SAFE_INTEGER, 1e9, out);
        while (result === CopyResult.More);
        if (result === CopyResult.Done) result = backend.taskFinish(task, target, mode, times);
        if (result === CopyResult.Done && flags & CopyFlag.Move) {
          const err = backend.taskRemoveSource(task, srcDir, name);
          if (err !== 0) {
            out[2] = err;
            result = CopyResult.SourceKept;
          }
        }
        const state = task as NodeTask;
        out[0] = state.pos;
        out[1] = flags & CopyFlag.HashOnly ? 0 : state.pos;
        return result;
      } finally {
        backend.taskClose(task);
      }
    },
    lastHashes: () => hashes,
    // One destination and xxh64 only: the job refuses more before it starts (see offload-support.ts).
    setHashMask: () => undefined,
    lastSourceHashes: () => ['', '', '', '', '', hashes[0]],
    copyFileMany: () => {
      throw new Error(NATIVE_ONLY);
    },
    taskOpenMany: () => {
      throw new Error(NATIVE_ONLY);
    },
    taskFinishOut: () => {
      throw new Error(NATIVE_ONLY);
    },
    taskStatuses: () => {
      throw new Error(NATIVE_ONLY);
    },
    // Node has no syncfs; its copies are read back as they are.
    syncFs: () => Errno.ENOSYS,
    // Node's copy loop reads and writes through one buffer: which filesystems does not matter to it.
    hintDevices: () => undefined,
    taskOpen(srcDir, name, dstDir, flags) {
      let src: number;
      let st: fs.BigIntStats;
      try {
        src = fs.openSync(at(srcDir, name), O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
        st = fs.fstatSync(src, { bigint: true });
      } catch (error) {
        return taskError(1, errnoOf(error));
      }
      if (!st.isFile()) {
        fs.closeSync(src);
        return taskError(1, Errno.EINVAL);
      }
      const hashing = (flags & (CopyFlag.Verify | CopyFlag.HashOnly)) !== 0;
      const task: NodeTask = {
        src,
        dst: -1,
        dstDir,
        temp: null,
        flags,
        size: Number(st.size),
        mtimeNs: st.mtimeNs,
        atimeNs: st.atimeNs,
        mode: Number(st.mode & 0o7777n),
        dev: st.dev,
        ino: st.ino,
        sparse: st.size > 0n && st.blocks * 512n < st.size,
        pos: 0,
        phase: 0,
        verifyPos: 0,
        published: false,
        srcHash: hashing ? hasher.create64() : null,
        dstHash: flags & CopyFlag.Verify ? hasher.create64() : null,
      };
      if (flags & CopyFlag.HashOnly) return task;
      const temp = tempName(name);
      try {
        const access = flags & CopyFlag.Verify ? O_RDWR : O_WRONLY;
        task.dst = fs.openSync(at(dstDir, temp), O_CREAT | O_EXCL | O_NOFOLLOW | access, 0o600);
        task.temp = temp;
      } catch (error) {
        closeTask(task);
        return taskError(2, errnoOf(error));
      }
      return task;
    },
    taskStep(handle: CopyTask, maxBytes, maxMs, out) {
      const task = handle as NodeTask;
      const deadline = performance.now() + maxMs;
      let advanced = 0;
      let written = 0;
      const give = (result: number): number => {
        out[0] = advanced;
        out[1] = written;
        return result;
      };
      try {
        while (task.phase === 0) {
          if (written >= maxBytes || (advanced > 0 && performance.now() >= deadline))
            return give(CopyResult.More);
          const want = Math.min(BUFFER_BYTES, Math.max(1, maxBytes - written));
          const read = fs.readSync(task.src, buffer, 0, want, task.pos);
          if (read === 0) {
            // The end of the file, whatever size was expected: did the source stay the same?
            const now = fs.fstatSync(task.src, { bigint: true });
            if (Number(now.size) !== task.size || now.mtimeNs !== task.mtimeNs || task.pos !== task.size)
              return give(CopyResult.Changed);
            if (task.dst >= 0 && task.sparse) fs.ftruncateSync(task.dst, task.size);
            task.phase = task.flags & CopyFlag.Verify ? 1 : 2;
            break;
          }
          task.srcHash?.update(buffer.subarray(0, read));
          if (task.dst >= 0) writeOut(task, read, task.pos);
          task.pos += read;
          advanced += read;
          if (task.dst >= 0) written += read;
          if (task.pos > task.size) return give(CopyResult.Changed);
        }
      } catch (error) {
        return give(taskError(3, errnoOf(error)));
      }
      try {
        while (task.phase === 1) {
          if (task.verifyPos < task.size && performance.now() >= deadline) return give(CopyResult.More);
          const read = fs.readSync(task.dst, buffer, 0, BUFFER_BYTES, task.verifyPos);
          if (read === 0) {
            const same = task.verifyPos === task.size && task.srcHash?.digest() === task.dstHash?.digest();
            hashes = [hex(task.srcHash?.digest() ?? 0n), hex(task.dstHash?.digest() ?? 0n)];
            if (!same) return give(CopyResult.Mismatch);
            task.phase = 2;
            break;
          }
          task.dstHash?.update(buffer.subarray(0, read));
          task.verifyPos += read;
        }
      } catch (error) {
        return give(taskError(4, errnoOf(error)));
      }
      if (!(task.flags & CopyFlag.Verify))
        hashes = task.srcHash ? [hex(task.srcHash.digest()), ''] : ['', ''];
      return give(CopyResult.Done);
    },
    taskFinish(handle, target, mode, t) {
      const task = handle as NodeTask;
      if (task.phase !== 2 || task.temp === null) return taskError(6, Errno.EINVAL);
      // The source's own mode and times, as it was opened, when asked (what the copy threads always ask).
      const own = (task.flags & CopyFlag.OwnAttrs) !== 0;
      const finalMode = own ? task.mode : mode & 0o7777;
      const atime = own ? Number(task.atimeNs) / 1e9 : seconds(t.atimeS, t.atimeNs);
      const mtime = own ? Number(task.mtimeNs) / 1e9 : seconds(t.mtimeS, t.mtimeNs);
      const err = act(() => {
        fs.fchmodSync(task.dst, finalMode);
        fs.futimesSync(task.dst, atime, mtime);
      });
      if (err !== 0) return taskError(5, err);
      const temp = task.temp;
      if (task.flags & CopyFlag.Replace) {
        const renamed = act(() => fs.renameSync(at(task.dstDir, temp), at(task.dstDir, target)));
        if (renamed !== 0) return taskError(6, renamed);
      } else {
        // A hard link never replaces; then the temporary name goes.
        const linked = act(() => fs.linkSync(at(task.dstDir, temp), at(task.dstDir, target)));
        if (linked === Errno.EEXIST) return CopyResult.Exists;
        if (linked !== 0) return taskError(6, linked);
        act(() => fs.unlinkSync(at(task.dstDir, temp)));
      }
      task.published = true;
      return CopyResult.Done;
    },
    taskRemoveSource(handle, srcDir, name) {
      const task = handle as NodeTask;
      try {
        const now = fs.lstatSync(at(srcDir, name), { bigint: true });
        if (
          now.dev !== task.dev ||
          now.ino !== task.ino ||
          Number(now.size) !== task.size ||
          now.mtimeNs !== task.mtimeNs
        )
          return Errno.ESTALE; // another file, or a changed one, holds the name now
        fs.unlinkSync(at(srcDir, name));
        return 0;
      } catch (error) {
        return errnoOf(error);
      }
    },
    taskClose: (handle) => closeTask(handle as NodeTask),
  };
  return backend;
}
