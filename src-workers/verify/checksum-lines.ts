/**
 * Reads checksum files as `xxhsum`, `xxh64sum`, `md5sum` and `md5 -r` write them: GNU lines
 * (`<hex>  <path>`, `<hex> *<path>` for binary mode, a leading `\` when the name has `\` or a newline
 * escaped), and BSD tag lines (`XXH64 (path) = <hex>`, `MD5 (path) = <hex>`). Pure: text in, entries out.
 */
import type { HashFormat } from '../../src-shared/hash-formats';

/** One file a checksum file lists. */
export interface ChecksumEntry {
  /** As written, relative to the checksum file's folder (a leading `./` removed). */
  path: string;
  format: HashFormat;
  /** Lowercase hex. */
  value: string;
}

/** What a checksum file holds. */
export interface ChecksumParse {
  entries: ChecksumEntry[];
  /** Lines that are not checksum lines, with their line number and why. */
  bad: { line: number; why: string }[];
}

/** The family a checksum file belongs to, by its extension: it decides what 32 hex digits mean. */
export type ChecksumFamily = 'xxh' | 'md5';

/** The family of a checksum file name (`.md5`, `.md5sum`: md5; `.xxh64`, `.xxhsum`: xxHash). */
export function familyOf(name: string): ChecksumFamily {
  return /\.md5(sum)?$/i.test(name) ? 'md5' : 'xxh';
}

/** BSD tag names, as xxhsum --tag and md5 (BSD) write them. */
const TAGS: Record<string, HashFormat> = {
  XXH64: 'xxh64',
  XXH3: 'xxh3',
  XXH3_64: 'xxh3',
  XXH3_64BITS: 'xxh3',
  XXH128: 'xxh128',
  MD5: 'md5',
  SHA1: 'sha1',
};

/** The format of a bare GNU-style digest, from its length, its `XXH3_` prefix and the file's family. */
function formatOfDigest(
  hex: string,
  xxh3: boolean,
  family: ChecksumFamily,
): { format: HashFormat } | { why: string } {
  const digits = `${hex.length} hex digits`;
  if (xxh3)
    return hex.length === 16 ? { format: 'xxh3' } : { why: `XXH3_ needs 16 hex digits, not ${digits}` };
  if (family === 'md5')
    return hex.length === 32 ? { format: 'md5' } : { why: `${digits} is not an MD5 digest` };
  if (hex.length === 16) return { format: 'xxh64' };
  if (hex.length === 32) return { format: 'xxh128' };
  if (hex.length === 8) return { why: 'XXH32 is not a format Wrangle checks (use XXH64, XXH3 or XXH128)' };
  return { why: `${digits} is not an xxHash digest` };
}

/** Undo GNU escaping (`\\` and `\n`, and `\r` as coreutils 9 writes it). Null when an escape is unknown. */
function unescapeName(name: string): string | null {
  let out = '';
  for (let index = 0; index < name.length; index++) {
    const char = name[index];
    if (char !== '\\') {
      out += char;
      continue;
    }
    const next = name[++index];
    if (next === '\\') out += '\\';
    else if (next === 'n') out += '\n';
    else if (next === 'r') out += '\r';
    else return null;
  }
  return out;
}

/** `./a/b` → `a/b`; leading `./` only, as sum tools write them for `find .` output. */
function tidyPath(path: string): string {
  let tidy = path;
  while (tidy.startsWith('./')) tidy = tidy.slice(2);
  return tidy;
}

const GNU = /^(\\)?(?:(XXH3)_)?([0-9a-fA-F]+) [ *](.+)$/;
const BSD = /^(\\)?([A-Za-z0-9_]+) \((.+)\) = ([0-9a-fA-F]+)$/;

/** Parse one line; an entry, null for blank lines and comments, or why it is not a checksum line. */
function parseLine(raw: string, family: ChecksumFamily): ChecksumEntry | null | string {
  const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  if (line.trim() === '' || line.startsWith('#')) return null;
  const bsd = BSD.exec(line);
  if (bsd) {
    const [, escaped, tag, name, hex] = bsd as unknown as [
      string,
      string | undefined,
      string,
      string,
      string,
    ];
    const format = TAGS[tag.toUpperCase()];
    if (!format) return `unknown hash tag ${tag}`;
    const path = escaped ? unescapeName(name) : name;
    if (path === null) return 'bad escape in the file name';
    return { path: tidyPath(path), format, value: hex.toLowerCase() };
  }
  const gnu = GNU.exec(line);
  if (!gnu) return 'not "<hex>  <path>" nor "TAG (<path>) = <hex>"';
  const [, escaped, xxh3, hex, name] = gnu as unknown as [
    string,
    string | undefined,
    string | undefined,
    string,
    string,
  ];
  const digest = formatOfDigest(hex, xxh3 !== undefined, family);
  if ('why' in digest) return digest.why;
  const path = escaped ? unescapeName(name) : name;
  if (path === null) return 'bad escape in the file name';
  return { path: tidyPath(path), format: digest.format, value: hex.toLowerCase() };
}

/** Parse a checksum file's text (`family` from its name: see familyOf). */
export function parseChecksumText(text: string, family: ChecksumFamily): ChecksumParse {
  const entries: ChecksumEntry[] = [];
  const bad: ChecksumParse['bad'] = [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((line, index) => {
    const parsed = parseLine(line, family);
    if (typeof parsed === 'string') bad.push({ line: index + 1, why: parsed });
    else if (parsed) entries.push(parsed);
  });
  return { entries, bad };
}
