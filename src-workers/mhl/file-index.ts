/** Packed file records: one string per file, kept by folder then name, so a million records stay small. */
import { HASH_FORMATS } from '../../src-shared/hash-formats';
import type { HashValues } from '../../src-shared/hash-formats';

export const SEP = '\u0001';
export const FIELDS_BEFORE_HASHES = 4; // size, lastModified, generation, lastFailed

/** A file's record packed into one string (a million of them stay small). */
export function packFile(
  size: number | undefined,
  lastModified: string | number | undefined,
  generation: number,
  lastFailed: boolean,
  hashes: readonly (string | undefined)[],
): string {
  return [
    size ?? '',
    lastModified ?? '',
    generation,
    lastFailed ? '1' : '',
    ...hashes.map((h) => h ?? ''),
  ].join(SEP);
}

export function unpackHashes(fields: string[], start: number): HashValues {
  const hashes: HashValues = {};
  HASH_FORMATS.forEach((format, i) => {
    const value = fields[start + i];
    if (value) hashes[format] = value;
  });
  return hashes;
}

/**
 * A copy of a string that shares no memory with the text it was cut from: the parser's strings are slices
 * of 1 MiB chunks, and one kept slice would keep its whole chunk alive.
 */
export function own(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8');
}

/** Packed file records by folder, then name: a million paths cost names, not full paths. */
export class FileIndex {
  private readonly byDir = new Map<string, Map<string, string>>();
  size = 0;

  private split(path: string): [string, string] {
    const slash = path.lastIndexOf('/');
    return slash === -1 ? ['', path] : [path.slice(0, slash), path.slice(slash + 1)];
  }

  get(path: string): string | undefined {
    const [dir, name] = this.split(path);
    return this.byDir.get(dir)?.get(name);
  }

  set(path: string, packed: string): void {
    const [dir, name] = this.split(path);
    let names = this.byDir.get(dir);
    if (!names) {
      names = new Map();
      this.byDir.set(own(dir), names);
    }
    if (names.has(name)) names.set(name, packed);
    else {
      names.set(own(name), packed);
      this.size++;
    }
  }

  delete(path: string): void {
    const [dir, name] = this.split(path);
    if (this.byDir.get(dir)?.delete(name)) this.size--;
  }

  paths(): string[] {
    const out: string[] = [];
    for (const [dir, names] of this.byDir)
      for (const name of names.keys()) out.push(dir === '' ? name : `${dir}/${name}`);
    return out;
  }
}
