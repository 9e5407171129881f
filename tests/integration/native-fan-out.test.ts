/**
 * The addon's copies to several destinations go side by side (native/fan_out.c): each destination is
 * written and read back on its own thread. Here, straight through the addon: a copy changed on its disk
 * between writing and reading back fails alone, the other destination's copy is verified and published,
 * and a step's read-back budget is shared between the copies, never exceeded.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync } from 'node:fs';
import { writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CopyFlag, CopyResult, type CopyTask, type FsBackend } from '../../src-workers/transfer/fs-backend';
import { loadNativeBackend } from '../../src-workers/transfer/native-backend';
import { makeTempDir } from '../helpers/trees';

const ADDON = join(import.meta.dirname, '../../build/Release/wrangle_native.node');
const loaded = loadNativeBackend(ADDON);
const backend: FsBackend | undefined = 'backend' in loaded ? loaded.backend : undefined;

/** 4 MiB that differ everywhere: far above the size from which destinations go side by side (128 KiB). */
const SIZE = 4 * 1024 * 1024;
function noise(): Buffer {
  const data = Buffer.alloc(SIZE);
  for (let index = 0; index < SIZE; index += 4) data.writeUInt32LE((index * 2654435761) >>> 0, index);
  return data;
}

const opened: number[] = [];
afterEach(() => {
  for (const fd of opened.splice(0)) backend?.close(fd);
});

function open(path: string): number {
  const fd = (backend as FsBackend).openPath(path);
  expect(fd, path).toBeGreaterThanOrEqual(0);
  opened.push(fd);
  return fd;
}

/** A source folder with big.bin, and two empty destinations, all opened. */
function setUp(name: string): { src: number; dirs: Int32Array; paths: string[]; data: Buffer } {
  const root = makeTempDir(name);
  const paths = ['src', 'one', 'two'].map((each) => join(root, each));
  for (const path of paths) mkdirSync(path);
  const data = noise();
  writeFileSync(join(paths[0] as string, 'big.bin'), data);
  return { src: open(paths[0] as string), dirs: Int32Array.from(paths.slice(1).map(open)), paths, data };
}

function step(task: CopyTask, maxBytes: number, out: Float64Array): number {
  return (backend as FsBackend).taskStep(task, maxBytes, 10_000, out);
}

describe.skipIf(!backend)('copies to several destinations, side by side in the addon', () => {
  it('a copy changed on its disk before it is read back fails alone; the other is published', () => {
    const native = backend as FsBackend;
    const { src, dirs, paths, data } = setUp('fan-out-mismatch');
    const task = native.taskOpenMany(src, 'big.bin', dirs, CopyFlag.Verify | CopyFlag.DeferVerify);
    if (typeof task === 'number') throw new Error(`taskOpenMany: ${task}`);
    const out = new Float64Array(5);
    let result = step(task, SIZE * 4, out);
    while (result === CopyResult.More) result = step(task, SIZE * 4, out);
    expect(result).toBe(CopyResult.Copied);
    // Written, not yet read back: flip one byte of the second copy on its disk (its temporary name).
    const [temp] = readdirSync(paths[2] as string);
    expect(temp, 'the second copy has a temporary name').toMatch(/^\.big\.bin\.wrangle-part-/);
    const fd = openSync(join(paths[2] as string, temp as string), 'r+');
    writeSync(fd, Buffer.from([(data[SIZE - 7] as number) ^ 0xff]), 0, 1, SIZE - 7);
    fsyncSync(fd);
    closeSync(fd);
    let checked = 0;
    do {
      result = step(task, SIZE * 4, out);
      checked += out[2] as number;
    } while (result === CopyResult.More);
    expect(result).toBe(CopyResult.Done);
    expect(checked, 'both copies read back in full').toBe(2 * SIZE);
    const statuses = new Int32Array(4); // two slots per destination
    native.taskStatuses(task, statuses);
    expect(Array.from(statuses.subarray(0, 2))).toEqual([CopyResult.Done, CopyResult.Mismatch]);
    expect(native.taskFinishOut(task, 0, 'big.bin')).toBe(CopyResult.Done);
    native.taskClose(task);
    expect(readFileSync(join(paths[1] as string, 'big.bin')).equals(data)).toBe(true);
    // The bad copy never got its name, and its temporary file is gone.
    expect(readdirSync(paths[2] as string)).toEqual([]);
    expect(existsSync(join(paths[2] as string, 'big.bin'))).toBe(false);
  });

  it("a step's read-back budget is shared between the copies", () => {
    const native = backend as FsBackend;
    const { src, dirs, paths, data } = setUp('fan-out-budget');
    const task = native.taskOpenMany(src, 'big.bin', dirs, CopyFlag.Verify);
    if (typeof task === 'number') throw new Error(`taskOpenMany: ${task}`);
    const out = new Float64Array(5);
    const budget = 1024 * 1024;
    let [written, checked, steps] = [0, 0, 0];
    let result: number;
    do {
      result = step(task, budget, out);
      written += out[1] as number;
      checked += out[2] as number;
      steps++;
      // Written bytes and bytes read back (both copies together) count against the one budget.
      expect((out[1] as number) + (out[2] as number)).toBeLessThanOrEqual(budget);
    } while (result === CopyResult.More);
    expect(result).toBe(CopyResult.Done);
    expect([written, checked]).toEqual([SIZE, 2 * SIZE]);
    expect(steps).toBeGreaterThanOrEqual((3 * SIZE) / budget);
    const statuses = new Int32Array(4); // two slots per destination
    native.taskStatuses(task, statuses);
    expect(Array.from(statuses.subarray(0, 2))).toEqual([CopyResult.Done, CopyResult.Done]);
    for (const index of [0, 1]) expect(native.taskFinishOut(task, index, 'big.bin')).toBe(CopyResult.Done);
    native.taskClose(task);
    for (const path of paths.slice(1)) expect(readFileSync(join(path, 'big.bin')).equals(data)).toBe(true);
  });
});
