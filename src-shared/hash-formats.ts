/**
 * The hash formats Wrangle computes, in the order the ASC MHL schema lists their elements (c4, md5, sha1,
 * xxh128, xxh3, xxh64). A format's index here is also its bit in the native engine's format mask
 * (native/hashes.h), so the two sides cannot drift.
 */
import { z } from 'zod';

export const HASH_FORMATS = ['c4', 'md5', 'sha1', 'xxh128', 'xxh3', 'xxh64'] as const;
export const HashFormatSchema = z.enum(HASH_FORMATS);
export type HashFormat = z.infer<typeof HashFormatSchema>;

/** The default: what camera-media tools and ASC MHL histories use most. */
export const DEFAULT_HASHES: readonly HashFormat[] = ['xxh64'];

/** A list of formats as asked for: at least one, no repeats, in schema order. */
export const HashListSchema = z
  .array(HashFormatSchema)
  .min(1)
  .max(HASH_FORMATS.length)
  .transform((list) => HASH_FORMATS.filter((format) => list.includes(format)));

/** One value per chosen format, lowercase hex (c4: its own base58 id, `c4…`). */
export type HashValues = Partial<Record<HashFormat, string>>;

/** The bit of each format in a native format mask. */
export function formatMask(formats: readonly HashFormat[]): number {
  let mask = 0;
  for (const format of formats) mask |= 1 << HASH_FORMATS.indexOf(format);
  return mask;
}

/**
 * The format a copy is read back with: one is enough to prove the bytes, and the cheapest chosen keeps
 * verification fast (xxh3 and xxh64 run at memory speed; md5, sha1 and c4 are ten times slower).
 */
export function verifyFormat(formats: readonly HashFormat[]): HashFormat {
  for (const format of ['xxh3', 'xxh64', 'xxh128', 'md5', 'sha1', 'c4'] as const)
    if (formats.includes(format)) return format;
  return 'xxh64';
}

/** A user's `--hash` text ("xxh64,md5"): the formats, or an error that names what is wrong. */
export function parseHashList(text: string): { formats: HashFormat[] } | { error: string } {
  const asked = text
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part !== '');
  if (asked.length === 0) return { error: `No hash format given. Choose from ${HASH_FORMATS.join(', ')}.` };
  const unknown = asked.filter((part) => !(HASH_FORMATS as readonly string[]).includes(part));
  if (unknown.length > 0)
    return {
      error: `Unknown hash format ${unknown.map((part) => `"${part}"`).join(', ')}. Choose from ${HASH_FORMATS.join(', ')}.`,
    };
  return { formats: HashListSchema.parse(asked) };
}
