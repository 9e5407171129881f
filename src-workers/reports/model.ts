/**
 * The neutral model of a handover report: what any job that copies or checks files (copy, move, verify) tells
 * the people it hands over to. A job builds one HandoverModel (the facts, known at its end) and streams its
 * rows (one per file); the renderer (render.ts) turns both into the HTML and the CSV.
 */
import type { CacheBypass, FailureGroup } from '../../src-shared/jobs';
import type { HashFormat, HashValues } from '../../src-shared/hash-formats';

/** Which job the report is about. */
export type HandoverKind = 'copy' | 'move' | 'verify';

/** How the job ended. */
export type HandoverState = 'completed' | 'cancelled' | 'failed';

/** A copy's or move's file status (the JSON report's `status`). */
export type TransferFileStatus =
  'copied' | 'renamed' | 'skipped' | 'failed' | 'moved' | 'left_in_place' | 'cancelled';

/** A verify job's file status: the folder checked against what it should hold. */
export type VerifyFileStatus = 'verified' | 'changed' | 'missing' | 'new' | 'unreadable';

/** Any row status; unknown ones are shown as they are, as neither good nor bad. */
export type HandoverStatus = TransferFileStatus | VerifyFileStatus | (string & {});

/** What one destination (for verify: the folder checked) did with one file. */
export interface HandoverOut {
  status: HandoverStatus;
  /** Why, when it went wrong. */
  cause?: string;
}

/** One file of the report. */
export interface HandoverRow {
  /** Relative to the source's parent (so it starts with the source folder's name), `/`-separated. */
  path: string;
  size: number;
  /** The overall outcome (for one destination, that destination's). */
  status: HandoverStatus;
  /** The name it landed under, relative like `path`, when the conflict policy renamed it. */
  destination?: string;
  /** Hashes by format, lowercase hex (c4: its `c4…` id). */
  hashes?: HashValues;
  /** Why, when the overall status is a problem and `outs` does not say (one destination, or verify). */
  cause?: string;
  /** One entry per destination, index-aligned with HandoverModel.destinations; absent for one destination. */
  outs?: HandoverOut[];
}

/** One destination of a copy or move, or the folder a verify job checked. Null: not known, column left out. */
export interface HandoverDestination {
  path: string;
  /** How its files were read back; null when the job did not record it (then `verify` decides the words). */
  read_back: CacheBypass | null;
  /** Files copied there (verify: files checked). */
  files: number | null;
  bytes: number | null;
  /** Files read back and found equal. */
  verified: number | null;
  /** Files that failed there (verify: changed, missing or unreadable). */
  failed: number | null;
  /** Why the whole destination stopped taking files (full, unplugged), or null. */
  stopped: string | null;
  /** ASC MHL manifests written there; null when the job does not write any. */
  mhl_manifests: string[] | null;
  /** The checksum file written there, or null. */
  checksum_file: string | null;
}

/** One more line of the facts table: kind-specific things (conflict policy, retry of, manifest checked). */
export interface HandoverFact {
  label: string;
  /** A list is shown one item per line. */
  value: string | string[];
}

/** Everything the report says besides the files. */
export interface HandoverModel {
  kind: HandoverKind;
  batch_id: string;
  state: HandoverState;
  /** Why the job failed, or null. */
  error: string | null;
  /** Copy and move: the sources. Verify: what the folder was checked against (a manifest, the source). */
  sources: string[];
  /** Copy and move: every destination, in order (rows' `outs` follow it). Verify: the one folder checked. */
  destinations: HandoverDestination[];
  /** The hash formats computed: one CSV column each, in this order. */
  hashes: readonly HashFormat[];
  /** Whether files were read back and compared (always true for verify). */
  verify: boolean;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
  /** Bytes read or written, for the average speed; null leaves the speed out. */
  bytes: number | null;
  /** Files not handled because of a failure (a failed folder counts the files it held). */
  failed_count: number;
  /** The failures by cause, biggest first. */
  failure_groups: FailureGroup[];
  /** Shown after the common facts. */
  facts: HandoverFact[];
}

/** How a status reads: good, worth knowing, worth a look, or wrong. */
export type StatusTone = 'ok' | 'note' | 'warn' | 'problem';

const STATUS_WORDS: Record<string, { label: string; tone: StatusTone; order: number }> = {
  copied: { label: 'copied', tone: 'ok', order: 0 },
  moved: { label: 'moved', tone: 'ok', order: 1 },
  verified: { label: 'verified', tone: 'ok', order: 2 },
  renamed: { label: 'copied under a new name', tone: 'note', order: 3 },
  skipped: { label: 'skipped', tone: 'note', order: 4 },
  new: { label: 'new (not in the manifest)', tone: 'note', order: 5 },
  left_in_place: { label: 'left in place', tone: 'warn', order: 6 },
  changed: { label: 'changed', tone: 'problem', order: 7 },
  missing: { label: 'missing from the folder', tone: 'problem', order: 8 },
  unreadable: { label: 'unreadable', tone: 'problem', order: 9 },
  failed: { label: 'failed', tone: 'problem', order: 10 },
  cancelled: { label: 'not done (cancelled)', tone: 'problem', order: 11 },
};

/** The words for a status ("left in place"); an unknown status reads as itself. */
export function statusLabel(status: string): string {
  return STATUS_WORDS[status]?.label ?? status;
}

export function statusTone(status: string): StatusTone {
  return STATUS_WORDS[status]?.tone ?? 'note';
}

/** Good statuses first, problems last; unknown ones after the known, by name. */
export function compareStatuses(a: string, b: string): number {
  const oa = STATUS_WORDS[a]?.order ?? 100;
  const ob = STATUS_WORDS[b]?.order ?? 100;
  if (oa !== ob) return oa - ob;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** How a destination's files were read back, in words. */
export function readBackWords(readBack: CacheBypass | null, verify: boolean): string {
  switch (readBack) {
    case 'held':
      return 'Read back from storage, page cache dropped';
    case 'partly':
      return 'Read back; page cache dropped for some files only (the others may have been read from memory)';
    case 'not_held':
      return 'Read back (cache bypass not held)';
    case 'not_verified':
      return 'Not read back';
    default:
      return verify ? 'Read back (cache bypass not recorded)' : 'Not read back';
  }
}
