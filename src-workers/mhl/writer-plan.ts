/** Pass 1 of a write: records sorted per folder, repeats dropped, folder trees and directory hashes. */
import type { HashFormat } from '../../src-shared/hash-formats';
import { DirectoryHasher } from './dir-hash';
import type { DirectoryHashPair } from './dir-hash';
import { MhlRecordError, NOTHING_WRITTEN } from './errors';
import { c4ToBytes } from './hash-codec';
import type { RecordStore } from './record-store';
import type { HistoryWriterOptions } from './writer-options';
import { at } from './writer-scopes';
import type { Dir } from './writer-scopes';

/** What pass 1 gives pass 2. */
export interface WritePlan {
  /** Record indexes, grouped by folder (`starts[d]` to `starts[d + 1]`), each group sorted by name. */
  order: Uint32Array;
  starts: Uint32Array;
  /** 1 for a record a later one of the same path replaces. */
  skip: Uint8Array;
  /** Per folder, its directory hashes in each chosen format (none when directory hashes are off). */
  hashes: DirectoryHashPair[][];
  /** Records written. */
  files: number;
}

function c4Bytes(id: string): Uint8Array {
  const bytes = c4ToBytes(id);
  if (!bytes) throw new Error(`internal error: ${id} is not a C4 id`);
  return bytes;
}

/** Pass 1: records sorted per folder, repeats dropped, folder trees and directory hashes. */
export function planWrite(
  store: RecordStore,
  dirs: Dir[],
  formats: HashFormat[],
  options: HistoryWriterOptions,
): WritePlan {
  const n = store.count;
  const starts = new Uint32Array(dirs.length + 1);
  for (let i = 0; i < n; i++) starts[store.dir(i) + 1] = at(starts, store.dir(i) + 1) + 1;
  for (let d = 0; d < dirs.length; d++) starts[d + 1] = at(starts, d + 1) + at(starts, d);
  const order = new Uint32Array(n);
  const cursor = starts.slice(0, dirs.length);
  for (let i = 0; i < n; i++) {
    const dir = store.dir(i);
    const slot = at(cursor, dir);
    order[slot] = i;
    cursor[dir] = slot + 1;
  }
  const skip = new Uint8Array(n);
  let files = n;
  for (let d = 0; d < dirs.length; d++) {
    const from = at(starts, d);
    const to = at(starts, d + 1);
    if (to - from < 2) continue;
    order.subarray(from, to).sort((a, b) => store.compareNames(a, b) || a - b);
    for (let k = from + 1; k < to; k++)
      if (store.compareNames(at(order, k - 1), at(order, k)) === 0) {
        skip[at(order, k - 1)] = 1; // the later record of the same path wins
        files--;
      }
  }
  for (const dir of dirs) dir.subdirs.length = 0;
  for (let d = 1; d < dirs.length; d++)
    if (at(dirs, d).used && !at(dirs, d).ignored) at(dirs, at(dirs, d).parent).subdirs.push(d);
  for (let d = 0; d < dirs.length; d++) {
    const dir = at(dirs, d);
    if (dir.subdirs.length === 0) continue;
    dir.subdirs.sort((a, b) => Buffer.compare(at(dirs, a).nameBytes, at(dirs, b).nameBytes));
    const names = new Set(dir.subdirs.map((s) => at(dirs, s).nameBytes.toString('utf8')));
    for (let k = at(starts, d); k < at(starts, d + 1); k++) {
      const name = store.name(at(order, k));
      if (names.has(name)) {
        const path = dir.path === '' ? name : `${dir.path}/${name}`;
        throw new MhlRecordError(
          path,
          `${path} was recorded both as a file and as a folder.` + NOTHING_WRITTEN,
        );
      }
    }
  }
  const hashes: DirectoryHashPair[][] = new Array(dirs.length);
  if (options.directoryHashes !== false)
    postOrder(dirs, (d) => {
      hashes[d] = formats.map((format) => {
        const hasher = new DirectoryHasher(format);
        for (let k = at(starts, d); k < at(starts, d + 1); k++) {
          const i = at(order, k);
          if (skip[i]) continue;
          hasher.addFile(store.nameBytes(i), store.hashBytes(i, format) ?? c4Bytes(store.hashText(i, 'c4')));
        }
        const pairs = hashes;
        for (const s of at(dirs, d).subdirs)
          hasher.addDirectory(at(dirs, s).nameBytes, at(at(pairs, s), formats.indexOf(format)));
        return hasher.finish();
      });
    });
  return { order, starts, skip, hashes, files };
}

/** Visit folders children-first, subfolders in name order (synchronously). */
function postOrder(dirs: Dir[], visit: (dir: number) => void): void {
  const stack: [number, number][] = [[0, 0]];
  while (stack.length > 0) {
    const top = at(stack, stack.length - 1);
    const subdirs = at(dirs, top[0]).subdirs;
    if (top[1] < subdirs.length) stack.push([at(subdirs, top[1]++), 0]);
    else {
      stack.pop();
      visit(top[0]);
    }
  }
}
