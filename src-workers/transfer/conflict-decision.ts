/**
 * What to do with one file or symlink whose name may already be taken at the destination: one pure
 * function, like rclone's NeedTransfer, so every rule has a unit test.
 */
import type { ConflictPolicy } from '../../src-shared/jobs';
import { EntryKind, nameText, type FsName } from './fs-backend';

/** The facts of an entry the decision needs (a source, or what is at the destination). */
export interface EntryFacts {
  kind: EntryKind;
  size: number;
  mtimeS: number;
  mtimeNs: number;
  dev: number;
  ino: number;
  /** A symlink's target text (read only when both sides are symlinks). */
  linkTarget?: FsName;
}

export interface DecideInput {
  policy: ConflictPolicy;
  /** The source: a file or a symlink. */
  source: EntryFacts;
  /** The source's name, which is also the name it would get. */
  name: FsName;
  /** What holds that name at the destination now, or null. */
  existing: EntryFacts | null;
  /** The name was written by this job (another source landed on it): never skip or overwrite it. */
  justCreated: boolean;
  /** Modified times closer than this (ns) are the same: the destination filesystem's precision. */
  windowNs: number;
  /** Identical-looking files are hashed before they count as done. */
  verify: boolean;
  /** Whether a candidate name is taken in the destination folder (for policy rename). */
  isTaken(candidate: FsName): boolean;
}

export type Decision =
  /** Write the source under `name`; `replace` renames it over what is there. */
  | { action: 'write'; name: FsName; replace: boolean; renamed: boolean }
  /** Leave it: it is already there (or the policy keeps the destination). */
  | { action: 'skip'; why: string; identical: boolean }
  /** Looks identical by size and time: hash both; equal counts as done, different is a conflict. */
  | { action: 'compare' }
  /** Do not touch it; report why. */
  | { action: 'refuse'; code: 'CONFLICT' | 'SAME_PATH'; why: string };

/** Source time minus destination time, in ns (exact enough: only small differences matter). */
export function timeDelta(
  a: Pick<EntryFacts, 'mtimeS' | 'mtimeNs'>,
  b: Pick<EntryFacts, 'mtimeS' | 'mtimeNs'>,
): number {
  return (a.mtimeS - b.mtimeS) * 1e9 + (a.mtimeNs - b.mtimeNs);
}

/** Same size and modified time within the window: counts as already copied. */
function looksIdentical(source: EntryFacts, existing: EntryFacts, windowNs: number): boolean {
  if (source.kind === EntryKind.Symlink) {
    return (
      existing.kind === EntryKind.Symlink &&
      source.linkTarget !== undefined &&
      existing.linkTarget !== undefined &&
      nameText(source.linkTarget) === nameText(existing.linkTarget)
    );
  }
  return (
    existing.kind === EntryKind.File &&
    existing.size === source.size &&
    Math.abs(timeDelta(source, existing)) < windowNs
  );
}

/** Decide for one entry. */
export function decide(input: DecideInput): Decision {
  const { policy, source, name, existing } = input;
  if (existing !== null && existing.dev === source.dev && existing.ino === source.ino) {
    return {
      action: 'refuse',
      code: 'SAME_PATH',
      why: 'The destination already holds this very file (the same file reached by another path)',
    };
  }
  // What this job wrote itself is never skipped or replaced, whether or not it was there at the start.
  if (!input.justCreated && existing === null)
    return { action: 'write', name, replace: false, renamed: false };
  if (input.justCreated || existing?.kind === EntryKind.Dir) {
    if (policy === 'rename')
      return { action: 'write', name: freeName(name, input.isTaken), replace: false, renamed: true };
    const why = input.justCreated
      ? 'Will not overwrite just-created: another source of this job has the same name here'
      : 'A folder of the same name is in the way';
    return { action: 'refuse', code: 'CONFLICT', why };
  }
  if (existing === null) return { action: 'write', name, replace: false, renamed: false };
  switch (policy) {
    case 'overwrite':
      return { action: 'write', name, replace: true, renamed: false };
    case 'rename':
      return { action: 'write', name: freeName(name, input.isTaken), replace: false, renamed: true };
    case 'newer':
      if (timeDelta(source, existing) >= input.windowNs)
        return { action: 'write', name, replace: true, renamed: false };
      return { action: 'skip', why: 'The destination has it as new or newer', identical: false };
    case 'skip':
      if (!looksIdentical(source, existing, input.windowNs)) {
        return {
          action: 'refuse',
          code: 'CONFLICT',
          why: 'A different file of this name already exists at the destination (size, date or kind differ)',
        };
      }
      if (input.verify && source.kind === EntryKind.File) return { action: 'compare' };
      return { action: 'skip', why: 'Already there', identical: true };
  }
}

/** "name (1).ext", "name (2).ext", …: the first that is not taken. Dotfiles keep their dot; bytes are kept. */
export function freeName(name: FsName, isTaken: (candidate: FsName) => boolean): FsName {
  // latin1 maps every byte to one character and back, so names that are not UTF-8 survive.
  const text = typeof name === 'string' ? name : name.toString('latin1');
  const dot = text.lastIndexOf('.');
  const hasExtension = dot > 0;
  const stem = hasExtension ? text.slice(0, dot) : text;
  const extension = hasExtension ? text.slice(dot) : '';
  for (let n = 1; ; n++) {
    const candidateText = `${stem} (${n})${extension}`;
    const candidate = typeof name === 'string' ? candidateText : Buffer.from(candidateText, 'latin1');
    if (!isTaken(candidate)) return candidate;
  }
}
