/**
 * Hashing without the addon: node:crypto for md5, sha1 and sha512 (c4), hash-wasm's WebAssembly for the
 * xxHash family. Slower than the C code, but the same digests.
 */
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { createXXHash128, createXXHash3, createXXHash64 } from 'hash-wasm';
import type { IHasher } from 'hash-wasm';
import { HASH_FORMATS } from '../../src-shared/hash-formats';
import type { HashFormat, HashValues } from '../../src-shared/hash-formats';
import { c4FromSha512Hex } from './c4';
import type { Hasher } from './hasher-types';

/** One format's running digest. */
interface Stream {
  update(data: Uint8Array): void;
  hex(): string;
  reset(): void;
}

type XxhFormat = 'xxh64' | 'xxh3' | 'xxh128';

/**
 * hash-wasm only makes hashers asynchronously, and Hasher is synchronous, so each thread keeps one wasm
 * instance per format and lends it to streams: the stream that last used it owns its live state, and any
 * other stream swaps its own saved state in first (a few hundred bytes; nothing when one stream runs alone).
 */
interface WasmSlot {
  wasm: IHasher;
  /** The state just after init(): where every stream starts. */
  fresh: Uint8Array;
  owner: WasmStream | null;
}

class WasmStream implements Stream {
  /** This stream's state while it does not own the instance. */
  private state: Uint8Array;

  constructor(private readonly slot: WasmSlot) {
    this.state = slot.fresh;
  }

  private claim(): IHasher {
    const { slot } = this;
    if (slot.owner !== this) {
      if (slot.owner) slot.owner.state = slot.wasm.save();
      slot.wasm.load(this.state);
      slot.owner = this;
    }
    return slot.wasm;
  }

  update(data: Uint8Array): void {
    this.claim().update(data);
  }

  hex(): string {
    const wasm = this.claim();
    // digest() ends the instance's stream; this one goes on from its saved state.
    this.state = wasm.save();
    this.slot.owner = null;
    return wasm.digest('hex');
  }

  reset(): void {
    this.state = this.slot.fresh;
    if (this.slot.owner === this) this.slot.owner = null;
  }
}

class CryptoStream implements Stream {
  private hash: Hash;

  constructor(private readonly algorithm: string) {
    this.hash = createHash(algorithm);
  }

  update(data: Uint8Array): void {
    this.hash.update(data);
  }

  hex(): string {
    return this.hash.copy().digest('hex'); // a copy, so the stream goes on
  }

  reset(): void {
    this.hash = createHash(this.algorithm);
  }
}

let slots: Record<XxhFormat, WasmSlot> | null = null;
let loading: Promise<void> | null = null;

async function makeSlot(create: () => Promise<IHasher>): Promise<WasmSlot> {
  const wasm = await create();
  return { wasm, fresh: wasm.init().save(), owner: null };
}

/** Compile and start the xxHash instances (once per thread; later calls return the same promise). */
export function loadJsHashing(): Promise<void> {
  loading ??= Promise.all([
    makeSlot(() => createXXHash64()),
    makeSlot(() => createXXHash3()),
    makeSlot(() => createXXHash128()),
  ]).then(([xxh64, xxh3, xxh128]) => {
    slots = { xxh64, xxh3, xxh128 };
  });
  return loading;
}

function createStream(format: HashFormat): Stream {
  switch (format) {
    case 'md5':
      return new CryptoStream('md5');
    case 'sha1':
      return new CryptoStream('sha1');
    case 'c4':
      return new CryptoStream('sha512');
    default:
      if (!slots) throw new Error('JavaScript hashing is not loaded: await loadHashing() first');
      return new WasmStream(slots[format]);
  }
}

/** Zeros for updateZeros, shared and never written. */
const ZEROS = new Uint8Array(64 * 1024);

export function createJsHasher(formats: readonly HashFormat[]): Hasher {
  const chosen = HASH_FORMATS.filter((format) => formats.includes(format));
  if (chosen.length === 0) throw new RangeError('no hash format chosen');
  const streams = chosen.map((format) => [format, createStream(format)] as const);
  return {
    update(data) {
      for (const [, stream] of streams) stream.update(data);
    },
    updateZeros(n) {
      if (!Number.isSafeInteger(n) || n < 0) throw new RangeError('expected a whole number of bytes');
      for (let left = n; left > 0; left -= ZEROS.length) {
        const part = left < ZEROS.length ? ZEROS.subarray(0, left) : ZEROS;
        for (const [, stream] of streams) stream.update(part);
      }
    },
    digest() {
      const values: HashValues = {};
      for (const [format, stream] of streams)
        values[format] = format === 'c4' ? c4FromSha512Hex(stream.hex()) : stream.hex();
      return values;
    },
    reset() {
      for (const [, stream] of streams) stream.reset();
    },
  };
}

/** One format of `data`, in one call (after loadJsHashing for the xxHash family). */
export function jsHashBytes(format: HashFormat, data: Uint8Array): string {
  const hasher = createJsHasher([format]);
  hasher.update(data);
  return hasher.digest()[format] ?? '';
}
