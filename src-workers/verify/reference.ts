/** Chooses what a folder is verified against: its ASC MHL history when it has one, else its checksum files. */
import { noReferenceMessage } from '../../src-shared/verify';
import { JobError } from '../../src-node/job-error';
import { preflightVerify, VerifyRefusal } from '../../src-node/preflight/verify-preflight';
import { loadChecksumReference } from './checksum-reference';
import type { ExpectedHashes } from './expected-hashes';
import { loadMhlReference } from './mhl-reference';

/**
 * The absolute folder and its expected hashes. Throws a JobError naming the path: SOURCE_NOT_FOUND or
 * NOT_A_DIRECTORY, NO_VERIFY_REFERENCE when there is nothing to verify against, MHL_HISTORY_INVALID (naming
 * the file and why) when the history does not hold together.
 */
export async function loadReference(folder: string): Promise<{ root: string; reference: ExpectedHashes }> {
  let checked;
  try {
    checked = await preflightVerify(folder);
  } catch (error) {
    if (error instanceof VerifyRefusal) throw new JobError(error.message, error.code);
    throw error;
  }
  const { root } = checked;
  if (checked.hasHistory) {
    const history = await loadMhlReference(root);
    if (history) return { root, reference: history };
    // An ascmhl folder with no generation in it yet: the checksum files, if any, are the reference.
    if (checked.checksumFiles.length === 0)
      throw new JobError(noReferenceMessage(root), 'NO_VERIFY_REFERENCE');
  }
  try {
    return { root, reference: await loadChecksumReference(root, checked.checksumFiles) };
  } catch (error) {
    throw new JobError((error as Error).message, 'NO_VERIFY_REFERENCE');
  }
}
