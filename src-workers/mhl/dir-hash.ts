/**
 * Directory hashes (spec 6.5.2 and Appendix G), one format at a time, from a folder's immediate children:
 *
 * - content: the children's hashes (a file's hash, a folder's content hash), sorted, their bytes hashed
 *   one after the other;
 * - structure: for each child, hash(UTF-8 name bytes + the bytes of its hash: a file's hash, a folder's
 *   structure hash), then those sorted and hashed the same way.
 *
 * "Sorted" is the reference implementation's sort of the hash strings; for equal-length lowercase hex and
 * for C4 ids (fixed length, alphabet in ASCII order) that is the order of the bytes, which is what is
 * compared here. An empty folder's hashes are the hash of nothing.
 */
import type { HashFormat } from '../../src-shared/hash-formats';
import { hashBytes } from '../hashing/hasher';
import { hashValueToBytes } from './hash-codec';

/** A folder's two hashes in one format, as bytes. */
export interface DirectoryHashPair {
  content: Uint8Array;
  structure: Uint8Array;
}

const encoder = new TextEncoder();
/** Name + hash bytes are put together here (hashing is synchronous, so one buffer serves every call). */
let scratch = new Uint8Array(1024);

/** Hash `data` in `format`, as bytes. */
function digestBytes(format: HashFormat, data: Uint8Array): Uint8Array {
  return hashValueToBytes(format, hashBytes(format, data));
}

/** The hash of a list of hashes (Appendix G): sorted, concatenated, hashed. */
export function hashOfHashes(format: HashFormat, hashes: Uint8Array[]): Uint8Array {
  hashes.sort((a, b) => Buffer.compare(a, b));
  let total = 0;
  for (const hash of hashes) total += hash.length;
  const all = new Uint8Array(total);
  let offset = 0;
  for (const hash of hashes) {
    all.set(hash, offset);
    offset += hash.length;
  }
  return digestBytes(format, all);
}

/** Collects one folder's children, then gives its content and structure hashes in one format. */
export class DirectoryHasher {
  private readonly contents: Uint8Array[] = [];
  private readonly structures: Uint8Array[] = [];

  constructor(readonly format: HashFormat) {}

  /** A file child: its name (text or UTF-8 bytes) and its hash bytes. */
  addFile(name: string | Uint8Array, hash: Uint8Array): void {
    this.contents.push(hash);
    this.structures.push(this.named(name, hash));
  }

  /** A folder child: its name and its own two hashes. */
  addDirectory(name: string | Uint8Array, hashes: DirectoryHashPair): void {
    this.contents.push(hashes.content);
    this.structures.push(this.named(name, hashes.structure));
  }

  finish(): DirectoryHashPair {
    return {
      content: hashOfHashes(this.format, this.contents),
      structure: hashOfHashes(this.format, this.structures),
    };
  }

  private named(name: string | Uint8Array, hash: Uint8Array): Uint8Array {
    const nameBytes = typeof name === 'string' ? encoder.encode(name) : name;
    const length = nameBytes.length + hash.length;
    if (scratch.length < length) scratch = new Uint8Array(Math.max(length, scratch.length * 2));
    scratch.set(nameBytes, 0);
    scratch.set(hash, nameBytes.length);
    return digestBytes(this.format, scratch.subarray(0, length));
  }
}
