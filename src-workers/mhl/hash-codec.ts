/**
 * Hash values as ASC MHL writes them (spec Appendix D) and their byte form (what directory hashes hash):
 * lowercase hex for md5, sha1, xxh64, xxh3 and xxh128; for c4 the C4 id, `c4` and the SHA-512 digest in
 * base58 padded to 88 characters with `1` (the alphabet's zero).
 */
import type { HashFormat } from '../../src-shared/hash-formats';

/** Bytes in each format's digest. */
export const DIGEST_BYTES: Record<HashFormat, number> = {
  c4: 64,
  md5: 16,
  sha1: 20,
  xxh128: 16,
  xxh3: 8,
  xxh64: 8,
};

const C4_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const C4_DIGITS = new Int8Array(128).fill(-1);
for (let i = 0; i < C4_ALPHABET.length; i++) C4_DIGITS[C4_ALPHABET.charCodeAt(i)] = i;
const C4_LENGTH = 90;

/** The value normalized (hex lowercased, whitespace dropped), or undefined when it is not a `format` hash. */
export function normalizeHash(format: HashFormat, value: string): string | undefined {
  const text = value.replace(/\s+/g, '');
  if (format === 'c4') {
    if (text.length !== C4_LENGTH || !text.startsWith('c4')) return undefined;
    for (let i = 2; i < C4_LENGTH; i++) {
      const code = text.charCodeAt(i);
      if (code >= 128 || C4_DIGITS[code] === -1) return undefined;
    }
    // 88 base58 digits can say more than 512 bits; a real id never does.
    return c4ToBytes(text) ? text : undefined;
  }
  const hex = text.toLowerCase();
  return hex.length === DIGEST_BYTES[format] * 2 && /^[0-9a-f]*$/.test(hex) ? hex : undefined;
}

const HEX_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX_VALUE[i.toString(16).charCodeAt(0)] = i;
  HEX_VALUE[i.toString(16).toUpperCase().charCodeAt(0)] = i;
}

/** Hex text to bytes (the text must be valid even-length hex). */
export function hexToBytes(
  hex: string,
  out: Uint8Array = new Uint8Array(hex.length / 2),
  offset = 0,
): Uint8Array {
  for (let i = 0, o = offset; i < hex.length; i += 2, o++)
    out[o] = ((HEX_VALUE[hex.charCodeAt(i)] as number) << 4) | (HEX_VALUE[hex.charCodeAt(i + 1)] as number);
  return out;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Bytes to lowercase hex. */
export function bytesToHex(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let out = '';
  for (let i = start; i < end; i++) out += HEX[bytes[i] as number] as string;
  return out;
}

/** The 64-byte SHA-512 digest a C4 id stands for, or undefined if the id is out of range. */
export function c4ToBytes(id: string): Uint8Array | undefined {
  let value = 0n;
  for (let i = 2; i < id.length; i++) value = value * 58n + BigInt(C4_DIGITS[id.charCodeAt(i)] as number);
  if (value >> 512n !== 0n) return undefined;
  const hex = value.toString(16).padStart(128, '0');
  return hexToBytes(hex);
}

/** A C4 id for a 64-byte SHA-512 digest. */
export function bytesToC4(bytes: Uint8Array): string {
  let value = BigInt(`0x${bytesToHex(bytes) || '0'}`);
  let digits = '';
  while (value > 0n) {
    digits = (C4_ALPHABET[Number(value % 58n)] as string) + digits;
    value /= 58n;
  }
  return `c4${digits.padStart(C4_LENGTH - 2, '1')}`;
}

/** A normalized hash value as bytes. */
export function hashValueToBytes(format: HashFormat, value: string): Uint8Array {
  if (format === 'c4') {
    const bytes = c4ToBytes(value);
    if (!bytes) throw new RangeError(`Not a C4 id: ${value}`);
    return bytes;
  }
  return hexToBytes(value);
}

/** Bytes back to a hash value as written in manifests. */
export function bytesToHashValue(format: HashFormat, bytes: Uint8Array): string {
  return format === 'c4' ? bytesToC4(bytes) : bytesToHex(bytes);
}
