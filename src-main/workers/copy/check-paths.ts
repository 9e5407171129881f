/** Refusals before anything is written: missing sources, same paths, a destination inside a source. */
import { lstatSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import type { TransferJobSpec } from '../../../src-shared/worker-protocol';
import { JobError } from '../job-error';

/** One source as the job sees it: where it is, and its real (symlink-free) location. */
export interface CheckedSource {
  /** The path as given (normalized). */
  path: string;
  name: string;
  /** The source's parent resolved through symlinks, plus its own name (the source itself is not followed). */
  real: string;
  dev: number;
}

/** Checked sources and the destination's real path (its missing tail appended to its nearest real parent). */
export interface CheckedPaths {
  sources: CheckedSource[];
  destination: string;
  realDestination: string;
}

/** Validate `spec`'s paths, or throw a JobError naming them. Writes nothing. */
export function checkTransferPaths(spec: TransferJobSpec): CheckedPaths {
  const destination = resolve(spec.destination);
  if (!isAbsolute(spec.destination)) {
    throw new JobError(`The destination must be an absolute path: ${spec.destination}`, 'NOT_A_DIRECTORY');
  }
  const realDestination = realPathOfMaybeMissing(destination);
  const sources: CheckedSource[] = [];
  for (const given of spec.sources) {
    const path = resolve(given);
    let dev: number;
    try {
      dev = lstatSync(path).dev;
    } catch {
      throw new JobError(`The source does not exist: ${path}`, 'SOURCE_NOT_FOUND');
    }
    const name = basename(path);
    // Resolve the parent only: a source that is itself a symlink is copied as a link, never followed.
    const real = name === '' ? path : join(realpathSync(dirname(path)), name);
    if (real === realDestination) {
      throw new JobError(`The destination is the source itself: ${path}`, 'SAME_PATH');
    }
    if (realDestination.startsWith(real.endsWith(sep) ? real : real + sep)) {
      throw new JobError(
        `Cannot ${spec.kind} ${path} into ${destination}: the destination is inside the source.`,
        'DESTINATION_INSIDE_SOURCE',
      );
    }
    if (join(realDestination, name) === real) {
      throw new JobError(
        `Cannot ${spec.kind} ${path} into ${destination}: it is already there (same path).`,
        'SAME_PATH',
      );
    }
    sources.push({ path, name, real, dev });
  }
  return { sources, destination, realDestination };
}

/** realpath of `path`, where the missing tail (folders not yet created) is kept as written. */
function realPathOfMaybeMissing(path: string): string {
  let existing = path;
  const tail: string[] = [];
  for (;;) {
    try {
      return join(realpathSync(existing), ...tail.reverse());
    } catch {
      const parent = dirname(existing);
      if (parent === existing) return path;
      tail.push(basename(existing));
      existing = parent;
    }
  }
}
