/**
 * The checks a copy or move passes before anything is written. The CLI and the app run them before a job
 * starts (the app as the dialog is filled in); the worker runs them again. Sources and destinations are
 * compared by identity (st_dev, st_ino), never as path strings, so a bind mount, a symlinked alias or a hard
 * link is recognised as the same place.
 */
import { lstat, realpath, stat, statfs } from 'node:fs/promises';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import type { ErrorCode, TransferRequest } from '../../src-shared/jobs';
import { virtualFilesystem } from './virtual-filesystems';
import { errnoCodeOf } from '../errno';

/** A copy or move that cannot start, with the path it is about. */
export class PreflightRefusal extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode,
    readonly path: string,
    /** For a missing parent: the first missing folder (`create_parents` would make it). */
    readonly missing: string | null = null,
  ) {
    super(message);
  }
}

/** One checked source. */
export interface CheckedSource {
  path: string;
  name: string;
  dev: number;
  ino: number;
  isDir: boolean;
}

/** One destination that passed its checks. */
export interface CheckedDestination {
  destination: string;
  destinationExists: boolean;
  /** Folders to create before the job writes, outermost first (the destination's missing parents and itself). */
  toCreate: string[];
  /** Free bytes on the destination's filesystem (for an unprivileged writer). */
  freeBytes: number;
}

/** The outcome of passing every check: the first destination's facts, and every destination's. */
export interface PreflightResult extends CheckedDestination {
  sources: CheckedSource[];
  /** The first destination, then each `also` one. */
  destinations: CheckedDestination[];
}

interface Identity {
  dev: number;
  ino: number;
  rest?: string;
}

const same = (a: Identity, b: Identity): boolean => a.dev === b.dev && a.ino === b.ino;

/** The destination's nearest folder that exists, and what is missing below it (outermost first). */
async function nearestExisting(destination: string): Promise<{ existing: string; missing: string[] }> {
  const missing: string[] = [];
  let path = destination;
  for (;;) {
    try {
      await stat(path);
      return { existing: path, missing };
    } catch (error) {
      if (errnoCodeOf(error, 'UNKNOWN') !== 'ENOENT' && errnoCodeOf(error, 'UNKNOWN') !== 'ENOTDIR')
        throw error;
      missing.unshift(path);
      const parent = dirname(path);
      if (parent === path) return { existing: path, missing };
      path = parent;
    }
  }
}

/** Identities of `path` and every folder above it, along the path as given and along its real path. */
async function ancestry(path: string): Promise<Identity[]> {
  const found: Identity[] = [];
  const climb = async (start: string): Promise<void> => {
    for (let current = start; ; current = dirname(current)) {
      try {
        const st = await stat(current);
        found.push({ dev: st.dev, ino: st.ino });
      } catch {
        // Missing or unreadable: nothing to compare.
      }
      if (dirname(current) === current) return;
    }
  };
  await climb(path);
  try {
    await climb(await realpath(path));
  } catch {
    // The given path is all there is.
  }
  return found;
}

async function checkSource(given: string): Promise<CheckedSource> {
  const path = resolve(given);
  const name = basename(path);
  if (name === '')
    throw new PreflightRefusal(
      `Cannot copy the root folder ${path} itself: name a folder inside it.`,
      'SOURCE_NOT_FOUND',
      path,
    );
  try {
    // lstat: a symlink is copied as a link, so a dangling one is a valid source.
    const st = await lstat(path);
    return { path, name, dev: st.dev, ino: st.ino, isDir: st.isDirectory() };
  } catch (error) {
    const errno = errnoCodeOf(error, 'UNKNOWN');
    const message =
      errno === 'ENOENT' || errno === 'ENOTDIR'
        ? `${path} does not exist. Check the path.`
        : `${path} cannot be read (${errno}). Check its permissions.`;
    throw new PreflightRefusal(message, 'SOURCE_NOT_FOUND', path);
  }
}

/** Check a request; resolves with what the job needs, or rejects with a PreflightRefusal. Writes nothing. */
export async function preflightTransfer(
  kind: 'copy' | 'move',
  request: TransferRequest,
): Promise<PreflightResult> {
  const sources = await Promise.all(request.sources.map(checkSource));
  const destinations: CheckedDestination[] = [];
  const places: Identity[] = [];
  for (const path of [request.destination, ...(request.also ?? [])]) {
    const checked = await checkDestination(kind, request, sources, path);
    // The same place twice (also through another path: a bind mount, a symlink) would be one copy, not two.
    const place = await placeOf(checked);
    const twice = places.findIndex((other) => same(other, place) && other.rest === place.rest);
    if (twice >= 0) {
      const first = destinations[twice] as CheckedDestination;
      throw new PreflightRefusal(
        `${checked.destination} is the same destination as ${first.destination}: each copy needs a place of its own. Remove one of them or choose another folder.`,
        'SAME_PATH',
        checked.destination,
      );
    }
    places.push(place);
    destinations.push(checked);
  }
  const first = destinations[0] as CheckedDestination;
  return { ...first, sources, destinations };
}

/** Where a destination is, by identity: its nearest existing folder and the names still to be created. */
async function placeOf(checked: CheckedDestination): Promise<Identity & { rest: string }> {
  const existing =
    checked.toCreate.length === 0 ? checked.destination : dirname(checked.toCreate[0] as string);
  const st = await stat(existing);
  const rest = checked.destination.slice(existing.length);
  return { dev: st.dev, ino: st.ino, rest };
}

/** One destination's checks. */
async function checkDestination(
  kind: 'copy' | 'move',
  request: TransferRequest,
  sources: CheckedSource[],
  given: string,
): Promise<CheckedDestination> {
  if (!isAbsolute(given)) {
    throw new PreflightRefusal(
      `The destination must be an absolute path: ${given}`,
      'NOT_A_DIRECTORY',
      given,
    );
  }
  const destination = resolve(given);

  let place: { existing: string; missing: string[] };
  try {
    place = await nearestExisting(destination);
  } catch (error) {
    throw new PreflightRefusal(
      `${destination} cannot be used (${errnoCodeOf(error, 'UNKNOWN')}). Check its permissions.`,
      'NOT_A_DIRECTORY',
      destination,
    );
  }
  const existing = await stat(place.existing);
  if (!existing.isDirectory()) {
    const what = place.existing === destination ? 'the destination' : 'where the destination would go';
    throw new PreflightRefusal(
      `${place.existing} is a file, not a folder; ${what} must be a folder. Choose a folder.`,
      'DESTINATION_NOT_A_FOLDER',
      place.existing,
    );
  }
  const fs = await statfs(place.existing);
  const virtual = virtualFilesystem(fs.type);
  if (virtual) {
    throw new PreflightRefusal(
      `${destination} is on a virtual filesystem (${virtual}) that holds no files. Choose a folder on a disk or a network share.`,
      'VIRTUAL_FILESYSTEM',
      destination,
    );
  }
  if (place.missing.length > 1 && !request.create_parents) {
    const first = place.missing[0] as string;
    throw new PreflightRefusal(
      `The folder ${first} does not exist, so ${destination} cannot be created in it. Check the path, or have the missing folders created too.`,
      'DESTINATION_PARENT_MISSING',
      first,
      first,
    );
  }

  await checkIdentities(kind, sources, destination, place.existing);
  checkNames(sources, destination, request.policy);
  return {
    destination,
    destinationExists: place.missing.length === 0,
    toCreate: place.missing,
    freeBytes: fs.bavail * fs.bsize,
  };
}

/** Refuse a destination that is a source or inside one, and a source whose target is itself. */
async function checkIdentities(
  kind: 'copy' | 'move',
  sources: CheckedSource[],
  destination: string,
  existing: string,
): Promise<void> {
  const above = await ancestry(existing);
  const destinationItself = existing === destination ? (above[0] ?? null) : null;
  for (const source of sources) {
    if (source.isDir) {
      if (destinationItself && same(destinationItself, source)) {
        throw new PreflightRefusal(
          `The destination ${destination} is the source ${source.path} itself.`,
          'SAME_PATH',
          destination,
        );
      }
      if (above.some((identity) => same(identity, source))) {
        throw new PreflightRefusal(
          `Cannot ${kind} ${source.path} into ${destination}: the destination is inside the source.`,
          'DESTINATION_INSIDE_SOURCE',
          destination,
        );
      }
    }
    const target = `${destination}/${source.name}`;
    try {
      const st = await lstat(target);
      if (same(st, source)) {
        throw new PreflightRefusal(
          `${source.path} and ${target} are the same file (one place reached by two paths): nothing to ${kind}.`,
          'SAME_PATH',
          target,
        );
      }
    } catch (error) {
      if (error instanceof PreflightRefusal) throw error;
    }
  }
}

/** Two sources landing on one name: folders merge; anything else needs policy rename, or is refused. */
function checkNames(sources: CheckedSource[], destination: string, policy: TransferRequest['policy']): void {
  const byName = new Map<string, CheckedSource[]>();
  for (const source of sources) byName.set(source.name, [...(byName.get(source.name) ?? []), source]);
  for (const [name, group] of byName) {
    if (group.length < 2) continue;
    const [first, second] = group as [CheckedSource, CheckedSource];
    if (same(first, second)) {
      throw new PreflightRefusal(
        `${first.path} is given twice (as ${second.path}).`,
        'SAME_PATH',
        second.path,
      );
    }
    if (policy === 'rename' || group.every((source) => source.isDir)) continue;
    throw new PreflightRefusal(
      `Two sources have the same name ${name}: ${first.path} and ${second.path}. Both would land on ${destination}/${name}. ` +
        `Keep both with the rename policy ("${name} (1)"), or copy them separately.`,
      'NAME_COLLISION',
      second.path,
    );
  }
}
