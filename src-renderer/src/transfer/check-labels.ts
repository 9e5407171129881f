/** Pure helpers for the options dialog's preflight: what is wrong with a destination, and what it has room for. */
import type { TransferCheck } from '../../../src-shared/ipc-channels';
import { formatBytes } from '../../../src-shared/format';

/** A refusal from the preflight (the `ok: false` side of TransferCheck). */
export type TransferRefusal = Extract<TransferCheck, { ok: false }>;

/** Trim trailing separators so "/a/b/" and "/a/b" compare equal (a bare root stays as it is). */
function trimPath(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '');
  return trimmed || path;
}

/** Split "/a/b/c" into the parent "/a/b" and the name "c". */
function splitLast(path: string): { parent: string; name: string } {
  const trimmed = trimPath(path);
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  if (cut < 0) return { parent: '', name: trimmed };
  return { parent: cut === 0 ? trimmed.slice(0, 1) : trimmed.slice(0, cut), name: trimmed.slice(cut + 1) };
}

/**
 * The folders a confirmed "create the missing folders" makes, as the folder they go in and the chain below
 * it: missing "/mnt/x/new", destination "/mnt/x/new/a/dest" → { inside: "/mnt/x", chain: "new/a/dest" }.
 */
export function missingChain(missing: string, destination: string): { inside: string; chain: string } {
  const first = trimPath(missing);
  const dest = trimPath(destination);
  const { parent, name } = splitLast(first);
  const below = dest.startsWith(first) ? dest.slice(first.length).replace(/^[\\/]+/, '') : '';
  return { inside: parent, chain: below ? `${name}/${below}` : name };
}

/** The checkbox's words: "Create the missing folders (new/a/dest in /mnt/x)". */
export function createFoldersLabel(missing: string, destination: string): string {
  const { inside, chain } = missingChain(missing, destination);
  return `Create the missing folders (${chain} in ${inside})`;
}

/**
 * The problem to show for a refusal, naming the path. A missing parent is said in the app's words (the
 * engine's mentions the CLI's --parents); anything else is the engine's own message.
 */
export function refusalText(refusal: TransferRefusal): string {
  if (refusal.code === 'DESTINATION_PARENT_MISSING') {
    const missing = refusal.missing ?? refusal.path;
    return `The folder ${missing} does not exist. Check the path, or confirm below to create the missing folders.`;
  }
  return refusal.error;
}

/** "1.2 TB free on the destination", when the free space is known; else null. */
export function freeSpaceText(check: TransferCheck | null): string | null {
  if (!check?.ok || check.free_bytes === null) return null;
  return `${formatBytes(check.free_bytes)} free on the destination`;
}

/** What Start will do with a destination that passed the checks: "The folder … will be created." when it is new. */
export function destinationNote(check: TransferCheck | null, destination: string): string | null {
  if (!check?.ok || check.destination_exists) return null;
  return `The folder ${trimPath(destination)} will be created.`;
}

/** Why Start must wait: an empty destination needs typing, a refusal needs fixing. */
export function emptyDestinationText(destination: string): string | null {
  return destination.trim() === '' ? 'Type a destination folder, or choose one.' : null;
}
