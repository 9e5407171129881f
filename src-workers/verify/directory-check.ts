/**
 * Recomputes the folders' ASC MHL directory hashes from the file hashes this check computed (the rule itself
 * is the MHL library's DirectoryHasher), bottom-up, and compares them with the ones the history recorded.
 */
import type { HashFormat, HashValues } from '../../src-shared/hash-formats';
import {
  MAX_VERIFY_PATHS,
  type DirectoryHashCheck,
  type DirectoryHashMismatch,
} from '../../src-shared/verify';
import { DirectoryHasher, type DirectoryHashPair } from '../mhl/dir-hash';
import { bytesToHashValue, hashValueToBytes } from '../mhl/hash-codec';
import type { RecordedDirectories } from './expected-hashes';

/** The folder of a relative path ('' at the top) and the last name in it. */
function split(rel: string): [string, string] {
  const slash = rel.lastIndexOf('/');
  return slash < 0 ? ['', rel] : [rel.slice(0, slash), rel.slice(slash + 1)];
}

/** Collects file hashes as they are computed; `finish` compares every recorded folder hash. */
export class DirectoryCheck {
  private readonly files = new Map<string, { name: string; values: HashValues }[]>();
  /** Folders with a changed, missing, new or unreadable entry below them: their mismatches are explained. */
  private readonly dirty = new Set<string>();

  constructor(private readonly recorded: RecordedDirectories) {}

  /** The formats every file must be hashed in for this check. */
  get formats(): HashFormat[] {
    return this.recorded.formats;
  }

  /** A file's computed hashes. */
  addFile(rel: string, values: HashValues): void {
    const [dir, name] = split(rel);
    const list = this.files.get(dir);
    if (list) list.push({ name, values });
    else this.files.set(dir, [{ name, values }]);
  }

  /** A path that is not as recorded (or could not be read): its folders' hashes are expected to differ. */
  markDirty(rel: string, isDir = false): void {
    let dir = isDir ? rel : split(rel)[0];
    for (;;) {
      this.dirty.add(dir);
      if (dir === '') return;
      dir = split(dir)[0];
    }
  }

  /** Compute the hashes of `dirs` (and the root) and compare them with the recorded ones. */
  finish(dirs: readonly string[]): { check: DirectoryHashCheck; mismatches: DirectoryHashMismatch[] } {
    const children = new Map<string, string[]>();
    for (const dir of dirs) {
      const [parent] = split(dir);
      const list = children.get(parent);
      if (list) list.push(dir);
      else children.set(parent, [dir]);
    }
    // Deepest first, so every folder's subfolders are done before it.
    const order = [...dirs].sort((a, b) => depth(b) - depth(a));
    order.push('');
    const computed = new Map<string, Partial<Record<HashFormat, DirectoryHashPair>>>();
    const mismatches: DirectoryHashMismatch[] = [];
    let checked = 0;
    let matching = 0;
    let explained = 0;
    for (const dir of order) {
      const pairs: Partial<Record<HashFormat, DirectoryHashPair>> = {};
      for (const format of this.recorded.formats) {
        const pair = this.hashDir(format, dir, children.get(dir) ?? [], computed);
        if (pair) pairs[format] = pair;
      }
      computed.set(dir, pairs);
      const recorded = this.recorded.lookup(dir);
      if (!recorded) continue;
      for (const format of Object.keys(recorded) as HashFormat[]) {
        const pair = pairs[format];
        if (!pair) continue;
        for (const part of ['content', 'structure'] as const) {
          const expected = recorded[format]?.[part];
          if (expected === undefined) continue;
          checked++;
          const actual = bytesToHashValue(format, pair[part]);
          if (actual === expected.toLowerCase() || (format === 'c4' && actual === expected)) {
            matching++;
            continue;
          }
          if (this.dirty.has(dir)) explained++;
          mismatches.push({ path: dir, format, part, expected, actual });
        }
      }
    }
    return {
      check: { checked, matching, explained, mismatched: mismatches.slice(0, MAX_VERIFY_PATHS) },
      mismatches,
    };
  }

  /** One folder's pair in `format`, or null when a child has no hash in it (not read, or not computable). */
  private hashDir(
    format: HashFormat,
    dir: string,
    subdirs: readonly string[],
    computed: Map<string, Partial<Record<HashFormat, DirectoryHashPair>>>,
  ): DirectoryHashPair | null {
    const hasher = new DirectoryHasher(format);
    for (const { name, values } of this.files.get(dir) ?? []) {
      const value = values[format];
      if (value === undefined) return null;
      hasher.addFile(name, hashValueToBytes(format, value));
    }
    for (const sub of subdirs) {
      const pair = computed.get(sub)?.[format];
      if (!pair) return null;
      hasher.addDirectory(split(sub)[1], pair);
    }
    return hasher.finish();
  }
}

function depth(rel: string): number {
  let count = 0;
  for (const char of rel) if (char === '/') count++;
  return count;
}
