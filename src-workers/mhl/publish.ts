/** Pass 3 of a write: each manifest linked to its final name, then its chain rewritten atomically. */
import { randomBytes } from 'node:crypto';
import { link, lstat, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { createHasher } from '../hashing/hasher';
import { MhlChainError, NOTHING_WRITTEN } from './errors';
import { ASCMHL_FOLDER, CHAIN_FILE } from './manifest-names';
import { CHAIN_NS } from './parse';
import type { ChainEntry } from './parse';
import { outOf } from './writer-scopes';
import type { Scope } from './writer-scopes';
import { escapeText } from './xml-text';

/** fsync a folder so a rename in it survives a crash (not every file system allows it; best effort). */
async function syncFolder(path: string): Promise<void> {
  try {
    const handle = await open(path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // exFAT, SMB and others refuse; the rename is still done
  }
}

export async function pathExists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

function chainXml(entries: ChainEntry[]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<ascmhldirectory xmlns="${CHAIN_NS}">\n` +
    entries
      .map(
        (entry) =>
          `  <hashlist${entry.sequence === undefined ? '' : ` sequencenr="${entry.sequence}"`}>\n` +
          `    <path>${escapeText(entry.path)}</path>\n` +
          `    <c4>${entry.c4}</c4>\n` +
          '  </hashlist>\n',
      )
      .join('') +
    '</ascmhldirectory>\n'
  );
}

/**
 * Put each manifest under its name and its chain beside it, nested histories first. `temps` holds the
 * temporary files not yet renamed, for the writer to remove when this throws.
 */
export async function publish(scopes: Scope[], temps: Set<string>): Promise<string[]> {
  const written: string[] = [];
  const order = scopes
    .map((scope, index) => ({ scope, index }))
    .filter(({ scope }) => scope.out !== undefined)
    .sort((a, b) => b.scope.depth - a.scope.depth || a.index - b.index);
  for (const { scope } of order) {
    const out = outOf(scope);
    const folder = join(scope.history.root, ASCMHL_FOLDER);
    const chainPath = join(folder, CHAIN_FILE);
    const shownChain = `${scope.relRoot === '' ? '' : `${scope.relRoot}/`}${ASCMHL_FOLDER}/${CHAIN_FILE}`;
    const changed = (why: string): MhlChainError =>
      new MhlChainError(
        shownChain,
        'changed-meanwhile',
        `${shownChain}: ${why} while this generation was being written (another tool or job added a ` +
          'generation). Run the job again to write on top of it.' +
          NOTHING_WRITTEN,
      );
    // The chain must be the one read at open(): otherwise two writers would each drop the other's entry.
    let current: string | undefined;
    try {
      const bytes = await readFile(chainPath);
      const hasher = createHasher(['c4']);
      hasher.update(bytes);
      current = hasher.digest().c4;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (current !== scope.history.chainC4) throw changed('the chain changed');

    // Publish the manifest without ever replacing a file of that name.
    try {
      await link(out.tempPath, out.finalPath);
      await unlink(out.tempPath);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw changed(`a manifest named ${out.fileName} appeared`);
      if (await pathExists(out.finalPath)) throw changed(`a manifest named ${out.fileName} appeared`);
      await rename(out.tempPath, out.finalPath); // no hard links here (exFAT, FAT, some SMB)
    }
    temps.delete(out.tempPath);

    try {
      const entries: ChainEntry[] = [
        ...scope.history.chain,
        { sequence: out.generation, path: out.fileName, c4: out.c4 ?? '' },
      ];
      const temp = join(folder, `.${CHAIN_FILE}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
      temps.add(temp);
      const handle = await open(temp, 'wx', 0o644);
      try {
        const bytes = Buffer.from(chainXml(entries), 'utf8');
        let done = 0;
        while (done < bytes.length)
          done += (await handle.write(bytes, done, bytes.length - done)).bytesWritten;
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, chainPath);
      temps.delete(temp);
    } catch (error) {
      // A manifest the chain does not list would break the history: take it back.
      await unlink(out.finalPath).catch(() => undefined);
      throw error;
    }
    await syncFolder(folder);
    written.push(out.finalPath);
  }
  return written;
}
