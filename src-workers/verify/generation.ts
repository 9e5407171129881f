/**
 * `--record`: a verification generation appended to the folder's ASC MHL history (a new history when it has
 * none), written by the MHL library's HistoryWriter: process `in-place`, each file `verified`, `failed` or
 * `original` (new), directory hashes when every file was read. The manifest appears complete or not at all.
 */
import { hostname } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { HashFormat, HashValues } from '../../src-shared/hash-formats';
import { HistoryWriter } from '../mhl/writer';

declare const __WRANGLE_VERSION__: string | undefined;

/** One file of the generation. */
export interface GenerationEntry {
  path: string;
  size: number;
  mtimeMs: number;
  hashes: HashValues;
  action: 'verified' | 'failed' | 'original';
}

/** What the generation is made of. */
export interface GenerationInput {
  /** Formats every entry carries (the folder hashes are made in these). */
  formats: HashFormat[];
  entries: readonly GenerationEntry[];
  /** Every folder found (so empty ones count in their parents' hashes), relative to the root. */
  dirs: readonly string[];
  /** Every file below the root was read: only then are directory hashes written. */
  complete: boolean;
}

/** Write the generation; resolves with the top manifest's path relative to `root`. Throws, writing nothing. */
export async function recordGeneration(root: string, input: GenerationInput): Promise<string> {
  const writer = await HistoryWriter.open(root, {
    processType: 'in-place',
    formats: input.formats,
    createdAt: new Date(),
    hostname: hostname(),
    tool: { name: 'wrangle', version: typeof __WRANGLE_VERSION__ === 'string' ? __WRANGLE_VERSION__ : 'dev' },
    directoryHashes: input.complete,
  });
  try {
    for (const dir of input.dirs) writer.addDirectory({ path: dir });
    for (const entry of input.entries)
      writer.add({
        path: entry.path,
        size: entry.size,
        mtime: new Date(entry.mtimeMs),
        hashes: entry.hashes,
        action: entry.action,
      });
    const { manifests } = await writer.finish();
    const top = manifests.find((manifest) => dirname(manifest) === join(root, 'ascmhl')) ?? manifests[0];
    if (top === undefined) throw new Error('The history writer wrote no manifest.');
    return relative(root, top);
  } catch (error) {
    await writer.discard();
    throw error;
  }
}
