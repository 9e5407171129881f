/** Expected hashes from the checksum files at a folder's top (`*.xxh64`, `*.xxhsum`, `*.md5`, `*.md5sum`). */
import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { HASH_FORMATS, type HashFormat, type HashValues } from '../../src-shared/hash-formats';
import { familyOf, parseChecksumText } from './checksum-lines';
import type { ExpectedHashes } from './expected-hashes';

/** Names ASC MHL tools leave out by default; a checksum-file check leaves them out too unless listed. */
const DEFAULT_IGNORED = new Set(['.DS_Store', 'ascmhl']);
/** Warnings kept per check (the rest are counted). */
const MAX_WARNINGS = 50;

/** A listed path as a clean `/`-separated path inside the folder, or null when it points outside it. */
function insidePath(path: string): string | null {
  if (path.startsWith('/')) return null;
  const normal = posix.normalize(path);
  if (normal === '.' || normal === '..' || normal.startsWith('../')) return null;
  return normal;
}

/** Read the checksum files `names` in `root`. Throws when none holds a single usable line. */
export async function loadChecksumReference(root: string, names: readonly string[]): Promise<ExpectedHashes> {
  const expected = new Map<string, HashValues>();
  const formats = new Set<HashFormat>();
  const warnings: string[] = [];
  let dropped = 0;
  const warn = (text: string): void => {
    if (warnings.length < MAX_WARNINGS) warnings.push(text);
    else dropped++;
  };
  /** Checksum files that held no usable line, with why. */
  const skipped = new Map<string, string>();
  for (const name of names) {
    const { entries, bad } = parseChecksumText(await readFile(join(root, name), 'utf8'), familyOf(name));
    if (entries.length === 0) {
      skipped.set(name, bad[0] ? `line ${bad[0].line}: ${bad[0].why}` : 'empty');
      continue;
    }
    for (const { line, why } of bad) warn(`${name} line ${line} was not read: ${why}.`);
    for (const entry of entries) {
      const path = insidePath(entry.path);
      if (path === null) {
        warn(`${name} lists ${JSON.stringify(entry.path)}, which is outside the folder; it was not checked.`);
        continue;
      }
      const values = expected.get(path) ?? {};
      const earlier = values[entry.format];
      if (earlier !== undefined && earlier !== entry.value) {
        warn(`${path} has two different ${entry.format} values; the first (${earlier}) was used.`);
        continue;
      }
      values[entry.format] = entry.value;
      expected.set(path, values);
      formats.add(entry.format);
    }
  }
  if (expected.size === 0) {
    throw new Error(
      `No checksum file in ${root} could be read: ${[...skipped].map(([name, why]) => `${name} (${why})`).join('; ')}. Expected lines like "<hex>  <path>" (xxhsum, md5sum).`,
    );
  }
  for (const [name, why] of skipped) warn(`${name} holds no checksum line (${why}) and was not used.`);
  if (dropped > 0) warnings.push(`…and ${dropped} more warnings (see the report).`);
  const topNames = new Set(names);
  return {
    source: 'checksum-file',
    sourceFiles: names.filter((name) => !skipped.has(name)),
    formats: HASH_FORMATS.filter((format) => formats.has(format)),
    lookup: (rel) => expected.get(rel) ?? null,
    paths: () => expected.keys(),
    ignores: (rel) => DEFAULT_IGNORED.has(posix.basename(rel)),
    sidecars: topNames,
    warnings,
  };
}
