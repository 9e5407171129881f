/** Finding the histories nested below a root, reading each, and checking the parent's references to them. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { MhlChainError, NOTHING_WRITTEN } from './errors';
import { loadOwnHistory } from './history-chain';
import { ASCMHL_FOLDER } from './manifest-names';
import { MhlHistory } from './mhl-history';

/** Folders below `root` (not root itself) that hold an `ascmhl` folder; not looking inside those. */
async function findNestedRoots(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(rel === '' ? root : join(root, rel), { withFileTypes: true });
    } catch {
      return; // unreadable: the copy reports those files; nothing nested can be read there anyway
    }
    const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name);
    if (rel !== '' && dirs.includes(ASCMHL_FOLDER)) {
      found.push(rel);
      return;
    }
    for (const name of dirs.sort()) {
      if (rel === '' && name === ASCMHL_FOLDER) continue;
      await walk(rel === '' ? name : `${rel}/${name}`);
    }
  };
  await walk('');
  return found;
}

export async function loadTree(history: MhlHistory, records: boolean): Promise<void> {
  await loadOwnHistory(history, records);
  for (const rel of await findNestedRoots(history.root)) {
    const child = new MhlHistory(join(history.root, rel), `${history.displayPrefix}${rel}/`);
    child.recordsRead = records;
    await loadTree(child, records);
    history.addNested(rel, child);
  }
  checkReferences(history);
}

/** Each reference to a nested manifest must find it, with the C4 it records. */
function checkReferences(history: MhlHistory): void {
  const nested = new Map(history.allNested().map((n) => [n.path, n.history]));
  for (const generation of history.generations) {
    for (const reference of generation.references) {
      const parts = reference.path.split('/');
      const fileName = parts.pop() ?? '';
      if (parts.pop() !== ASCMHL_FOLDER || parts.length === 0) continue; // not a nested history's manifest
      const childRoot = parts.join('/');
      const child = nested.get(childRoot);
      const shown = `${history.displayPrefix}${reference.path}`;
      const by = `${history.displayPrefix}${ASCMHL_FOLDER}/${generation.fileName}`;
      if (!child || !child.ascmhlExists) {
        if (!history.missingReferences.some((m) => m.path === childRoot))
          history.missingReferences.push({
            path: childRoot,
            reason: `${by} references ${shown}, but ${history.displayPrefix}${childRoot} has no ASC MHL history any more`,
          });
        continue;
      }
      const target = child.generations.find((g) => g.fileName === fileName);
      if (!target)
        throw new MhlChainError(
          shown,
          'missing-manifest',
          `${shown}: ${by} references this nested manifest but it is not in that folder's history ` +
            '(deleted, or the ascmhl folder was replaced by an older copy). Restore it from another copy.' +
            NOTHING_WRITTEN,
        );
      if (target.c4 !== reference.c4)
        throw new MhlChainError(
          shown,
          'hash-mismatch',
          `${shown}: its C4 hash is ${target.c4} but ${by} references it as ${reference.c4} (the nested ` +
            'history was changed after it was referenced). Restore the folder from another copy.' +
            NOTHING_WRITTEN,
        );
    }
  }
}
