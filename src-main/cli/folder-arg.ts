/** The folder a command works on (scan, watch), checked before any worker starts. */
import { checkRoot } from '../../src-node/check-root';

/**
 * `dir` as an absolute, existing folder; null once stderr has said why it cannot be `verb`ed (missing, a file,
 * unreadable), naming the path and what to do. The caller exits with the usage code.
 */
export async function folderArg(dir: string, verb: string): Promise<string | null> {
  try {
    return await checkRoot(dir);
  } catch (error) {
    process.stderr.write(`wrangle: cannot ${verb}: ${(error as Error).message}\n`);
    return null;
  }
}
