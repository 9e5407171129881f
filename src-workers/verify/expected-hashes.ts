/** What a verification compares against, whichever source it came from (ASC MHL history, checksum files). */
import type { HashFormat, HashValues } from '../../src-shared/hash-formats';
import type { VerifySourceKind } from '../../src-shared/verify';

/** The expected hashes of a folder's files, by path relative to the folder (`/`-separated). */
export interface ExpectedHashes {
  source: VerifySourceKind;
  /** The manifests or checksum files read, relative to the folder. */
  sourceFiles: string[];
  /** Every format some file is expected in. */
  formats: HashFormat[];
  /** The newest trustworthy hashes of `rel`, or null when it is not listed. */
  lookup(rel: string): HashValues | null;
  /** Every listed file. */
  paths(): Iterable<string>;
  /** True when a found entry is to be left out (ASC MHL ignore patterns; the checksum files themselves). */
  ignores(rel: string, isDir: boolean): boolean;
  /** Problems worth telling that do not stop the check (unreadable lines, conflicting values). */
  warnings: string[];
  /**
   * The reference's own files found in the folder (the checksum files): neither checked nor reported as new;
   * a recorded generation states them as original.
   */
  sidecars?: ReadonlySet<string>;
  /** Directory hashes the source recorded (ASC MHL); absent for checksum files. */
  directories?: RecordedDirectories;
}

/** One folder's recorded content and structure hashes, per format. */
export type RecordedDirectoryHashes = Partial<Record<HashFormat, { content?: string; structure?: string }>>;

/** The directory hashes a history recorded, newest trustworthy per folder. */
export interface RecordedDirectories {
  /** Formats some folder hash is recorded in: every file is hashed in these too, to recompute them. */
  formats: HashFormat[];
  /** The recorded hashes of a folder ('' for the root), or null when none. */
  lookup(relDir: string): RecordedDirectoryHashes | null;
}
