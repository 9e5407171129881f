/** Reading an ASC MHL history and the ones nested below it, each checked against its chain: readHistory(). */
import { loadHashing } from '../hashing/hasher';
import { MhlHistory } from './mhl-history';
import { loadTree } from './nested-histories';

export { MhlHistory } from './mhl-history';
export type { MhlDirectoryHashes, MhlFileRecord, MhlGeneration, MhlNestedHistory } from './mhl-history';

export interface ReadHistoryOptions {
  /**
   * Index every file and folder record for lookup(), paths() and directoryHash() (default true). false
   * still checks every chain and reference and reads each generation's details, in far less memory: what
   * HistoryWriter.open needs.
   */
  records?: boolean;
}

/**
 * Read the history at `root/ascmhl/` and every history nested below root (found by walking the tree;
 * a folder holding an `ascmhl` folder is a nested history's root). Throws MhlChainError when a chain and
 * its manifests disagree, or a file is malformed. No history at all gives an empty MhlHistory
 * (`exists` false).
 *
 * The checks (spec 5.3, 5.4 and implementation guidelines 2.7): every manifest the chain lists must be
 * there and hash (C4 of its bytes) to what the chain records; every manifest in the folder must be listed
 * (history-chain.ts); a nested manifest a parent references must hash to the reference's C4
 * (nested-histories.ts). Any failure throws MhlChainError naming the file, why, and what to do. Nothing
 * here writes.
 */
export async function readHistory(root: string, options: ReadHistoryOptions = {}): Promise<MhlHistory> {
  await loadHashing();
  const history = new MhlHistory(root);
  history.recordsRead = options.records !== false;
  await loadTree(history, history.recordsRead);
  return history;
}
