/**
 * Hashing in every ASC MHL format, in C (native/hashes.c through the addon) and in JavaScript (node:crypto
 * and hash-wasm): both against published vectors, against each other on random data fed in uneven pieces,
 * and xxHash against the xxhsum tool.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HASH_FORMATS, parseHashList } from '../../src-shared/hash-formats';
import type { HashFormat, HashValues } from '../../src-shared/hash-formats';
import { c4FromSha512Hex } from '../../src-workers/hashing/c4';
import {
  createHasher,
  dropCache,
  hashBytes,
  hashingEngine,
  loadHashing,
} from '../../src-workers/hashing/hasher';
import type { Hasher } from '../../src-workers/hashing/hasher-types';
import { createJsHasher, jsHashBytes, loadJsHashing } from '../../src-workers/hashing/js-hashes';
import {
  createNativeHasher,
  loadNativeHashes,
  nativeHashBytes,
} from '../../src-workers/hashing/native-hashes';
import type { NativeHashes } from '../../src-workers/hashing/native-hashes';

const ADDON = join(import.meta.dirname, '../../build/Release/wrangle_native.node');

/** The ASC MHL reference tests' values for the bytes `media-hash-list`. */
const MHL_TEXT = new TextEncoder().encode('media-hash-list');
const MHL_VECTORS: HashValues = {
  xxh64: '584b2ea1974f2b7c',
  xxh3: '6d4cbd75905c81aa',
  xxh128: '61a67c014f703a456ee7a776fd8c06bd',
  md5: '9db0fc9f30f5ee70041a7538809e2858',
  sha1: createHash('sha1').update(MHL_TEXT).digest('hex'),
  c4: 'c456LycWwpMMS7VDZEKvYv2L1uJS6s4qAFnaJdnQiy5JVbBFZMA8aLDS6SPaJjLqxXH4qZdnbuktopMt9frtC2qL1R',
};

/** The empty input: xxHash's own test values (xxhsum prints them too), and the C4 id of nothing. */
const EMPTY_VECTORS: HashValues = {
  xxh64: 'ef46db3751d8e999',
  xxh3: '2d06800538d394c2',
  xxh128: '99aa06d3014798d86001c324468d497f',
  md5: 'd41d8cd98f00b204e9800998ecf8427e',
  sha1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
  c4: 'c459dsjfscH38cYeXXYogktxf4Cd9ibshE3BHUo6a58hBXmRQdZrAkZzsWcbWtDg5oQstpDuni4Hirj75GEmTc1sFT',
};

const ALL: readonly HashFormat[] = HASH_FORMATS;

/** Feed `data` in pieces of 1, 7, 63, 1000, 65,537 … bytes (cycling), so state crosses every boundary. */
function feedUnevenly(hasher: Hasher, data: Uint8Array): void {
  const pieces = [1, 7, 63, 1000, 65_537, 31, 250_001];
  for (let at = 0, i = 0; at < data.length; i++) {
    const size = pieces[i % pieces.length]!;
    hasher.update(data.subarray(at, at + size));
    at += size;
  }
}

function digestOf(create: (formats: readonly HashFormat[]) => Hasher, data: Uint8Array): HashValues {
  const hasher = create(ALL);
  feedUnevenly(hasher, data);
  return hasher.digest();
}

let native: NativeHashes;
let scratch: string;

beforeAll(async () => {
  const loaded = loadNativeHashes(ADDON);
  if ('reason' in loaded) throw new Error(`the addon must be built (npm run build:native): ${loaded.reason}`);
  native = loaded.native;
  await loadJsHashing();
  await loadHashing();
  scratch = mkdtempSync(join(tmpdir(), 'wrangle-hashes-'));
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const implementations = [
  {
    name: 'native',
    create: (formats: readonly HashFormat[]) => createNativeHasher(native, formats),
    bytes: (format: HashFormat, data: Uint8Array) => nativeHashBytes(native, format, data),
  },
  { name: 'JavaScript', create: createJsHasher, bytes: jsHashBytes },
];

describe.each(implementations)('$name hashing', ({ create, bytes }) => {
  it('gives the ASC MHL reference values, one format at a time and all at once', () => {
    for (const format of ALL) {
      const hasher = create([format]);
      hasher.update(MHL_TEXT);
      expect(hasher.digest(), format).toEqual({ [format]: MHL_VECTORS[format] });
      expect(bytes(format, MHL_TEXT), format).toBe(MHL_VECTORS[format]);
    }
    const all = create(ALL);
    all.update(MHL_TEXT);
    expect(all.digest()).toEqual(MHL_VECTORS);
  });

  it('gives the known values of the empty input', () => {
    expect(create(ALL).digest()).toEqual(EMPTY_VECTORS);
    for (const format of ALL) expect(bytes(format, new Uint8Array(0)), format).toBe(EMPTY_VECTORS[format]);
  });

  it('keeps going after a digest, and starts again on reset', () => {
    const hasher = create(ALL);
    hasher.update(MHL_TEXT.subarray(0, 5));
    hasher.digest();
    hasher.update(MHL_TEXT.subarray(5));
    expect(hasher.digest()).toEqual(MHL_VECTORS);
    hasher.reset();
    expect(hasher.digest()).toEqual(EMPTY_VECTORS);
    hasher.update(MHL_TEXT);
    expect(hasher.digest()).toEqual(MHL_VECTORS);
  });

  it('keeps interleaved hashers apart', () => {
    const a = create(ALL);
    const b = create(['xxh64', 'xxh3', 'xxh128']);
    for (const byte of MHL_TEXT) {
      a.update(Uint8Array.of(byte));
      b.update(Uint8Array.of(byte));
      b.digest(); // a digest between updates must not disturb either stream
    }
    expect(a.digest()).toEqual(MHL_VECTORS);
    expect(b.digest()).toEqual({
      xxh64: MHL_VECTORS.xxh64,
      xxh3: MHL_VECTORS.xxh3,
      xxh128: MHL_VECTORS.xxh128,
    });
  });

  it('hashes the bytes of any TypedArray view, not its whole buffer', () => {
    const padded = new Uint8Array(MHL_TEXT.length + 8);
    padded.set(MHL_TEXT, 3);
    expect(bytes('xxh64', padded.subarray(3, 3 + MHL_TEXT.length))).toBe(MHL_VECTORS.xxh64);
    expect(bytes('md5', Buffer.from(MHL_TEXT))).toBe(MHL_VECTORS.md5);
  });

  it('feeds zeros as a zero buffer would, between real data', () => {
    for (const zeros of [0, 1, 31, 16_384, 16_385, 65_536, 200_003]) {
      const head = randomBytes(37);
      const tail = randomBytes(1001);
      const withZeros = create(ALL);
      withZeros.update(head);
      withZeros.updateZeros(zeros);
      withZeros.update(tail);
      const real = create(ALL);
      real.update(Buffer.concat([head, Buffer.alloc(zeros), tail]));
      expect(withZeros.digest(), `${zeros} zeros`).toEqual(real.digest());
    }
  });

  it('refuses no formats and a negative or fractional zero count', () => {
    expect(() => create([])).toThrow(RangeError);
    const hasher = create(['xxh64']);
    expect(() => hasher.updateZeros(-1)).toThrow(RangeError);
    expect(() => hasher.updateZeros(1.5)).toThrow(RangeError);
  });
});

describe('native and JavaScript hashing agree', () => {
  it('on random data of many sizes, fed in uneven pieces, with node:crypto as a third opinion', () => {
    for (const size of [
      1, 3, 31, 32, 33, 63, 64, 65, 127, 128, 129, 240, 241, 1023, 4097, 65_537, 1_048_583, 3_145_735,
    ]) {
      const data = randomBytes(size);
      const fromNative = digestOf((formats) => createNativeHasher(native, formats), data);
      expect(digestOf(createJsHasher, data), `${size} bytes`).toEqual(fromNative);
      expect(fromNative.md5).toBe(createHash('md5').update(data).digest('hex'));
      expect(fromNative.sha1).toBe(createHash('sha1').update(data).digest('hex'));
      expect(fromNative.c4).toBe(c4FromSha512Hex(createHash('sha512').update(data).digest('hex')));
      // The C side slices big updates across formats; one whole update must give the same.
      const whole = createNativeHasher(native, ALL);
      whole.update(data);
      expect(whole.digest(), `${size} bytes in one update`).toEqual(fromNative);
    }
  });

  it('on a large run of zeros fed by count', () => {
    const nativeHasher = createNativeHasher(native, ALL);
    const jsHasher = createJsHasher(ALL);
    nativeHasher.updateZeros(5_000_011);
    jsHasher.updateZeros(5_000_011);
    const real = createNativeHasher(native, ALL);
    real.update(new Uint8Array(5_000_011));
    expect(nativeHasher.digest()).toEqual(real.digest());
    expect(jsHasher.digest()).toEqual(real.digest());
  });
});

describe('the native calls', () => {
  it('give six hex digests in HASH_FORMATS order, empty for formats not asked for', () => {
    const row = native.hashBytes(0b100010, MHL_TEXT); // xxh64 and md5
    expect(row).toEqual(['', MHL_VECTORS.md5, '', '', '', MHL_VECTORS.xxh64]);
    // c4 comes back as the sha512 it is made from
    expect(native.hashBytes(1, MHL_TEXT)[0]).toBe(createHash('sha512').update(MHL_TEXT).digest('hex'));
  });

  it('refuse a bad mask and data that is not a TypedArray', () => {
    expect(() => native.hasherNew(0)).toThrow(RangeError);
    expect(() => native.hasherNew(64)).toThrow(RangeError);
    const handle = native.hasherNew(1);
    expect(() => native.hasherUpdate(handle, 'text' as unknown as Uint8Array)).toThrow(TypeError);
    expect(() => native.hasherHex({} as typeof handle)).toThrow(TypeError);
  });
});

describe('hasher.ts', () => {
  it('uses the addon here, found from the source tree', () => {
    expect(hashingEngine()).toEqual({ kind: 'native' });
    const hasher = createHasher(['xxh64', 'c4']);
    hasher.update(MHL_TEXT);
    expect(hasher.digest()).toEqual({ xxh64: MHL_VECTORS.xxh64, c4: MHL_VECTORS.c4 });
    expect(hashBytes('xxh128', MHL_TEXT)).toBe(MHL_VECTORS.xxh128);
  });

  it('drops a file from the page cache, and reports a bad descriptor', () => {
    const path = join(scratch, 'cached');
    writeFileSync(path, randomBytes(100_000));
    const fd = openSync(path, 'r');
    try {
      expect(dropCache(fd)).toBe(0);
    } finally {
      closeSync(fd);
    }
    expect(dropCache(fd)).toBe(constants.errno.EBADF);
  });
});

describe('c4FromSha512Hex', () => {
  it('pads to 90 characters with base58 zeros', () => {
    expect(c4FromSha512Hex('0'.repeat(128))).toBe(`c4${'1'.repeat(88)}`);
    expect(c4FromSha512Hex(`${'0'.repeat(127)}1`)).toBe(`c4${'1'.repeat(87)}2`);
    expect(c4FromSha512Hex(`${'0'.repeat(126)}3a`)).toBe(`c4${'1'.repeat(86)}21`); // 58 = "21"
    expect(c4FromSha512Hex('f'.repeat(128))).toHaveLength(90);
  });

  it('refuses anything but 128 hex digits', () => {
    expect(() => c4FromSha512Hex('abc')).toThrow(/not a SHA-512/);
    expect(() => c4FromSha512Hex('g'.repeat(128))).toThrow(/not a SHA-512/);
  });
});

describe('parseHashList', () => {
  it('names every unknown format and the choices', () => {
    const result = parseHashList('xxh64,sha256,crc32');
    expect(result).toEqual({
      error: 'Unknown hash format "sha256", "crc32". Choose from c4, md5, sha1, xxh128, xxh3, xxh64.',
    });
  });

  it('collapses repeats and puts the formats in schema order', () => {
    expect(parseHashList('xxh64, MD5 ,xxh64,c4,md5')).toEqual({ formats: ['c4', 'md5', 'xxh64'] });
    expect(parseHashList('xxh3,xxh128,sha1')).toEqual({ formats: ['sha1', 'xxh128', 'xxh3'] });
  });

  it('refuses an empty list', () => {
    expect(parseHashList(' , ')).toHaveProperty('error');
  });
});

describe('xxHash against xxhsum', () => {
  const xxhsum = (() => {
    try {
      execFileSync('xxhsum', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.for([
    ['xxh64', '-H1'],
    ['xxh128', '-H2'],
    ['xxh3', '-H3'],
  ] as const)('%s matches xxhsum %s on random files', ([format, flag], context) => {
    if (!xxhsum) context.skip('xxhsum is not installed (apt-get install -y xxhash)');
    for (const size of [0, 5, 1_000_003, 3_000_017]) {
      const data = randomBytes(size);
      const path = join(scratch, `random-${size}`);
      writeFileSync(path, data);
      // xxhsum -H1/-H2 print "HEX  path"; -H3 prints "XXH3 (path) = HEX"
      const printed = execFileSync('xxhsum', [flag, path], { encoding: 'utf8' });
      const hex = /\b([0-9a-f]{16,32})\b/.exec(printed)?.[1];
      expect(hex, printed).toBe(hashBytes(format, data));
      expect(jsHashBytes(format, data)).toBe(hex);
    }
  });
});
