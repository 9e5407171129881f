/**
 * C4 ids (SMPTE ST 2114, the `c4` format of ASC MHL): the SHA-512 digest as one 512-bit number in base58,
 * left-padded with '1' (base58's zero) to 88 digits, after the prefix 'c4': always 90 characters.
 */
const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const DIGITS = 88;

/** The C4 id of the SHA-512 digest `hex` (128 hex digits). */
export function c4FromSha512Hex(hex: string): string {
  if (!/^[0-9a-f]{128}$/i.test(hex)) throw new Error(`not a SHA-512 digest: "${hex}"`);
  let value = BigInt(`0x${hex}`);
  let digits = '';
  while (value > 0n) {
    digits = ALPHABET[Number(value % 58n)] + digits;
    value /= 58n;
  }
  return `c4${digits.padStart(DIGITS, '1')}`;
}
