/** The filesystem calls a transfer makes per file, in a sync flavour (small files) and an async one. */
import * as fs from 'node:fs';
import { hashBuffer, hashFile, hashFileSync } from './xxhash';

/** Per-file filesystem calls; a sync implementation returns values, the async one promises. */
export interface FileOps {
  copyFile(source: string, target: string, mode: number): void | Promise<void>;
  utimes(path: string, atimeMs: number, mtimeMs: number): void | Promise<void>;
  lutimes(path: string, atimeMs: number, mtimeMs: number): void | Promise<void>;
  rename(from: string, to: string): void | Promise<void>;
  unlink(path: string): void | Promise<void>;
  symlink(target: string, path: string): void | Promise<void>;
  readlink(path: string): string | Promise<string>;
  hash(path: string, signal: AbortSignal): string | Promise<string>;
}

/**
 * Sync calls, for small files: one file costs a few tens of microseconds, less than a thread-pool round
 * trip, so a batch of them between event-loop turns is as fast as `cp -a` (measured; see docs).
 */
export function syncOps(): FileOps {
  const buffer = hashBuffer();
  return {
    copyFile: (source, target, mode) => fs.copyFileSync(source, target, mode),
    utimes: (path, atimeMs, mtimeMs) => fs.utimesSync(path, atimeMs / 1000, mtimeMs / 1000),
    lutimes: (path, atimeMs, mtimeMs) => fs.lutimesSync(path, atimeMs / 1000, mtimeMs / 1000),
    rename: (from, to) => fs.renameSync(from, to),
    unlink: (path) => fs.unlinkSync(path),
    symlink: (target, path) => fs.symlinkSync(target, path),
    readlink: (path) => fs.readlinkSync(path),
    hash: (path) => hashFileSync(path, buffer),
  };
}

/** Async calls, for large files: progress, pause and cancel keep working while the kernel copies. */
export function asyncOps(): FileOps {
  const p = fs.promises;
  return {
    copyFile: (source, target, mode) => p.copyFile(source, target, mode),
    utimes: (path, atimeMs, mtimeMs) => p.utimes(path, atimeMs / 1000, mtimeMs / 1000),
    lutimes: (path, atimeMs, mtimeMs) => p.lutimes(path, atimeMs / 1000, mtimeMs / 1000),
    rename: (from, to) => p.rename(from, to),
    unlink: (path) => p.unlink(path),
    symlink: (target, path) => p.symlink(target, path),
    readlink: (path) => p.readlink(path),
    hash: (path, signal) => hashFile(path, signal),
  };
}
