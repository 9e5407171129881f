/** Reading one history's own ascmhl folder (not its nested ones): its chain and manifests, checked. */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MhlChainError, NOTHING_WRITTEN } from './errors';
import { ASCMHL_FOLDER, CHAIN_FILE, looksLikeManifest, manifestGeneration } from './manifest-names';
import type { MhlHistory } from './mhl-history';
import { parseChain, parseManifest } from './parse';

/** Names in `dir`, or undefined when it does not exist (or is not a folder). */
async function listFolder(dir: string): Promise<string[] | undefined> {
  try {
    return await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Read one history (not its nested ones) into `history`. */
export async function loadOwnHistory(history: MhlHistory, records: boolean): Promise<void> {
  const folder = join(history.root, ASCMHL_FOLDER);
  const shown = (name: string): string => `${history.displayPrefix}${ASCMHL_FOLDER}/${name}`;
  const names = await listFolder(folder);
  if (names === undefined) return;
  history.ascmhlExists = true;
  const manifests = names.filter(looksLikeManifest).sort();
  if (!names.includes(CHAIN_FILE)) {
    if (manifests.length === 0) return; // an ascmhl folder with no history in it (yet)
    throw new MhlChainError(
      shown(CHAIN_FILE),
      'missing-chain',
      `${shown(CHAIN_FILE)} is missing, so the ${manifests.length} manifest(s) beside it (${manifests[0]}…) ` +
        'cannot be checked. Restore the chain file from another copy of this folder.' +
        NOTHING_WRITTEN,
    );
  }
  const chain = await parseChain(join(folder, CHAIN_FILE), shown(CHAIN_FILE));
  history.chain = chain.entries;
  history.chainC4 = chain.c4;

  const listed = new Set<string>();
  for (const entry of chain.entries) {
    if (entry.path.startsWith('/') || entry.path.split('/').includes('..'))
      throw new MhlChainError(
        shown(CHAIN_FILE),
        'malformed',
        `${shown(CHAIN_FILE)} lists "${entry.path}", which is not a file inside the ascmhl folder. ` +
          'Restore the chain file from another copy of this folder.' +
          NOTHING_WRITTEN,
      );
    listed.add(entry.path);
    if (!(await exists(join(folder, entry.path))))
      throw new MhlChainError(
        shown(entry.path),
        'missing-manifest',
        `${shown(entry.path)}: ${CHAIN_FILE} lists this manifest but the file is missing ` +
          '(deleted or never copied). Restore it from another copy of this folder.' +
          NOTHING_WRITTEN,
      );
  }
  for (const name of manifests)
    if (!listed.has(name))
      throw new MhlChainError(
        shown(name),
        'unlisted-manifest',
        `${shown(name)}: this manifest is in the ascmhl folder but ${CHAIN_FILE} does not list it ` +
          '(added by hand, or its writer stopped before updating the chain). Move it out of the ascmhl ' +
          'folder, or restore the folder from another copy.' +
          NOTHING_WRITTEN,
      );

  const sorted = [...chain.entries].sort(
    (a, b) =>
      (manifestGeneration(a.path) ?? a.sequence ?? 0) - (manifestGeneration(b.path) ?? b.sequence ?? 0),
  );
  for (const entry of sorted) {
    const number = manifestGeneration(entry.path.split('/').pop() ?? '') ?? entry.sequence ?? 0;
    // Entries are folded in as they stream by; generations are in order, so the newest wins.
    const { info, c4 } = await parseManifest(
      join(folder, entry.path),
      shown(entry.path),
      records ? (record) => history.absorb(number, record) : () => undefined,
      (actual) =>
        actual === entry.c4
          ? undefined
          : new MhlChainError(
              shown(entry.path),
              'hash-mismatch',
              `${shown(entry.path)}: its C4 hash is ${actual} but ${CHAIN_FILE} records ${entry.c4} ` +
                '(the manifest was changed after it was written). Restore the original manifest from ' +
                'another copy of this folder; manifests must never be edited.' +
                NOTHING_WRITTEN,
            ),
    );
    if (info.rootHash && records) history.absorbRoot(number, info.rootHash);
    const createdAt = new Date(info.creationDate);
    history.generations.push({
      ...info,
      number,
      fileName: entry.path,
      c4,
      createdAt: Number.isNaN(createdAt.getTime()) ? undefined : createdAt,
    });
  }
}
