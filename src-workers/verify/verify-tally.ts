/** Compares a file's hashes with the expected ones, and keeps the counts and (capped) lists of a verification. */
import { HASH_FORMATS, type HashFormat, type HashValues } from '../../src-shared/hash-formats';
import {
  MAX_VERIFY_PATHS,
  type VerifyCacheBypass,
  type VerifyChanged,
  type VerifyUnreadable,
} from '../../src-shared/verify';

/** What a verification found for one file. */
export type FileStatus = 'verified' | 'changed' | 'missing' | 'new' | 'unreadable';

/** A format whose value differs. */
export interface HashMismatch {
  format: HashFormat;
  expected: string;
  actual: string;
}

/** The first format (in schema order) whose value differs, or null when every shared format agrees. */
export function firstMismatch(expected: HashValues, actual: HashValues): HashMismatch | null {
  for (const format of HASH_FORMATS) {
    const want = expected[format];
    const got = actual[format];
    if (want === undefined || got === undefined) continue;
    // Hex is compared without regard to case; a C4 id is base58, where case matters.
    const wanted = format === 'c4' ? want : want.toLowerCase();
    if (wanted !== (format === 'c4' ? got : got.toLowerCase()))
      return { format, expected: wanted, actual: got };
  }
  return null;
}

/** The formats to compute for a file: those it is expected in, or (for a new file being recorded) `fallback`. */
export function formatsFor(expected: HashValues | null, fallback: readonly HashFormat[]): HashFormat[] {
  if (!expected) return [...fallback];
  return HASH_FORMATS.filter((format) => expected[format] !== undefined);
}

/** Counts, bytes and the first MAX_VERIFY_PATHS of each list. */
export class VerifyTally {
  verified = 0;
  changedCount = 0;
  missingCount = 0;
  newCount = 0;
  unreadableCount = 0;
  /** Files read to the end. */
  checked = 0;
  bytesChecked = 0;
  readonly changed: VerifyChanged[] = [];
  readonly missing: string[] = [];
  readonly added: string[] = [];
  readonly unreadable: VerifyUnreadable[] = [];
  private cacheDropped = 0;
  private cacheKept = 0;

  /** A file was read to the end (`dropped`: its cached pages were dropped first). */
  read(bytes: number, dropped: boolean): void {
    this.checked++;
    this.bytesChecked += bytes;
    if (dropped) this.cacheDropped++;
    else this.cacheKept++;
  }

  verifiedFile(): void {
    this.verified++;
  }

  changedFile(path: string, size: number, mismatch: HashMismatch): void {
    this.changedCount++;
    if (this.changed.length < MAX_VERIFY_PATHS) this.changed.push({ path, size, ...mismatch });
  }

  missingFile(path: string): void {
    this.missingCount++;
    if (this.missing.length < MAX_VERIFY_PATHS) this.missing.push(path);
  }

  newFile(path: string): void {
    this.newCount++;
    if (this.added.length < MAX_VERIFY_PATHS) this.added.push(path);
  }

  unreadableEntry(entry: VerifyUnreadable): void {
    this.unreadableCount++;
    if (this.unreadable.length < MAX_VERIFY_PATHS) this.unreadable.push(entry);
  }

  /** Changed, missing and unreadable: what fails a verification. New files alone do not. */
  get failed(): number {
    return this.changedCount + this.missingCount + this.unreadableCount;
  }

  /** Whether every read bypassed the page cache. */
  get cacheBypass(): VerifyCacheBypass {
    if (this.cacheDropped + this.cacheKept === 0) return 'not_verified';
    if (this.cacheKept === 0) return 'held';
    return this.cacheDropped === 0 ? 'not_held' : 'partly';
  }
}
