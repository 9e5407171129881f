/** Directory hashes against the reference implementation's own test vectors (tests/test_dirhash.py). */
import { beforeAll, describe, expect, it } from 'vitest';
import { hashBytes, loadHashing } from '../../src-workers/hashing/hasher';
import { DirectoryHasher } from '../../src-workers/mhl/dir-hash';
import { bytesToHex, hexToBytes } from '../../src-workers/mhl/hash-codec';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('directory hashes (xxh64)', () => {
  beforeAll(() => loadHashing());

  it('matches the reference vectors for Stuff.txt and A/A1.txt', () => {
    const a = new DirectoryHasher('xxh64');
    a.addFile('A1.txt', hexToBytes(hashBytes('xxh64', text('A1\n'))));
    const aHashes = a.finish();
    expect(bytesToHex(aHashes.content)).toBe('d3904ee76bba3d2a');
    expect(bytesToHex(aHashes.structure)).toBe('3fbe33b2924e26aa');

    const root = new DirectoryHasher('xxh64');
    root.addDirectory('A', aHashes);
    root.addFile('Stuff.txt', hexToBytes(hashBytes('xxh64', text('stuff\n'))));
    const rootHashes = root.finish();
    expect(bytesToHex(rootHashes.content)).toBe('ca56d22f064fdf1b');
    expect(bytesToHex(rootHashes.structure)).toBe('2ccca3899111eabb');
  });
});
