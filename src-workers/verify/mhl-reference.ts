/**
 * Expected hashes from a folder's ASC MHL history (the MHL library's readHistory: the chain checked against
 * every manifest first, nested histories included): per file the newest trustworthy hash of each format, per
 * folder the newest recorded directory hashes, and the ignore patterns of each history.
 */
import { HASH_FORMATS, type HashFormat } from '../../src-shared/hash-formats';
import { JobError } from '../../src-node/job-error';
import { MhlChainError } from '../mhl/errors';
import { readHistory, type MhlHistory } from '../mhl/history';
import { isIgnored } from '../mhl/ignore-patterns';
import type { ExpectedHashes, RecordedDirectoryHashes } from './expected-hashes';

/** Every history in the tree (the top one first), with its root relative to the verified folder. */
function allHistories(history: MhlHistory): { path: string; history: MhlHistory }[] {
  return [{ path: '', history }, ...history.allNested()];
}

/** The manifests read, relative to the folder. */
function manifestsOf(histories: { path: string; history: MhlHistory }[]): string[] {
  const files: string[] = [];
  for (const { path, history } of histories)
    for (const generation of history.generations)
      files.push(`${path === '' ? '' : `${path}/`}ascmhl/${generation.fileName}`);
  return files;
}

/**
 * The history of `root`, as ExpectedHashes; null when its ascmhl folder holds no generation yet (then the
 * checksum files, if any, are the reference). Throws a JobError (MHL_HISTORY_INVALID) that names the file at
 * fault and why when the chain and the manifests disagree, or a manifest cannot be read.
 */
export async function loadMhlReference(root: string): Promise<ExpectedHashes | null> {
  let history: MhlHistory;
  try {
    history = await readHistory(root);
  } catch (error) {
    if (error instanceof MhlChainError)
      throw new JobError(
        `The ASC MHL history of ${root} does not hold together, so no file was checked: ${error.message}`,
        'MHL_HISTORY_INVALID',
      );
    throw error;
  }
  const histories = allHistories(history);
  if (histories.every((entry) => !entry.history.exists)) return null;
  // Deepest first, so a path is judged by the patterns of the history that holds it.
  const byDepth = histories
    .filter((entry) => entry.path !== '')
    .sort((a, b) => b.path.length - a.path.length)
    .map((entry) => ({ prefix: `${entry.path}/`, patterns: entry.history.ignorePatterns }));
  const rootPatterns = history.ignorePatterns;

  const paths = history.paths();
  const fileFormats = new Set<HashFormat>();
  for (const path of paths)
    for (const format of Object.keys(history.lookup(path) ?? {}) as HashFormat[]) fileFormats.add(format);
  const dirFormats = new Set<HashFormat>();
  for (const dir of history.directoryPaths()) {
    const hashes = history.directoryHash(dir);
    for (const format of HASH_FORMATS)
      if (hashes?.content[format] !== undefined || hashes?.structure[format] !== undefined)
        dirFormats.add(format);
  }
  const warnings = histories.flatMap((entry) =>
    entry.history.missingReferences.map((missing) => `${missing.reason}.`),
  );

  return {
    source: 'ascmhl',
    sourceFiles: manifestsOf(histories),
    formats: HASH_FORMATS.filter((format) => fileFormats.has(format)),
    lookup: (rel) => history.lookup(rel) ?? null,
    paths: () => paths,
    ignores: (rel, isDir) => {
      if (isIgnored(rel, isDir, rootPatterns)) return true;
      const nested = byDepth.find((entry) => rel.startsWith(entry.prefix));
      return nested ? isIgnored(rel.slice(nested.prefix.length), isDir, nested.patterns) : false;
    },
    warnings,
    directories: {
      formats: HASH_FORMATS.filter((format) => dirFormats.has(format)),
      lookup: (relDir) => {
        const hashes = history.directoryHash(relDir);
        if (!hashes) return null;
        const out: RecordedDirectoryHashes = {};
        for (const format of HASH_FORMATS) {
          const content = hashes.content[format];
          const structure = hashes.structure[format];
          if (content === undefined && structure === undefined) continue;
          out[format] = {
            ...(content === undefined ? {} : { content }),
            ...(structure === undefined ? {} : { structure }),
          };
        }
        return out;
      },
    },
  };
}
