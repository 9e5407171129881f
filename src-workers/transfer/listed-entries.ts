/**
 * What the one-destination and several-destination passes share about a listed folder: its files and
 * symlinks one by one (folders are walked apart; entries a retry does not run are left out), and the queue
 * that hands them to the copy threads in batches.
 */
import type { ErrorCode } from '../../src-shared/jobs';
import { errnoName } from '../../src-node/errno';
import type { EntryFacts } from './conflict-decision';
import { EntryKind, STAT_FIELDS, Stat, nameText, type FsName, type Listing } from './fs-backend';
import { BIG_FILE_BYTES } from './lane-file';
import type { LaneDispatcher } from './lane-dispatcher';
import { codeFor, factsOf, type FolderWork, type Pending } from './pass-types';
import { retriesFile, type RetryFilter } from './retry-filter';

/** Small files per batch, and bytes: a batch is one thread's work for a few tens of milliseconds. */
const BATCH_FILES = 256;
const BATCH_BYTES = 16 * 1024 * 1024;

/** One listed file or symlink. */
export interface ListedEntry {
  name: FsName;
  rel: string;
  path: string;
  /** Data bytes (0 for anything but a regular file). */
  size: number;
  facts: EntryFacts;
  /** Its stats' offset in the listing. */
  offset: number;
  /** Why it cannot be copied at all (its stat failed; a FIFO, socket or device), or null. */
  problem: { code: ErrorCode; errno: string; cause: string } | null;
}

/** The files and symlinks of `listing`, below `rel`, as paths under `base`. */
export function* listedEntries(
  listing: Listing,
  rel: string,
  base: string,
  whole: boolean,
  filter: RetryFilter | null,
): Generator<ListedEntry> {
  for (let entry = 0; entry < listing.names.length; entry++) {
    const offset = entry * STAT_FIELDS;
    const kind = listing.stats[offset + Stat.kind];
    if (kind === EntryKind.Dir) continue;
    const name = listing.names[entry] as FsName;
    const entryRel = rel === '' ? nameText(name) : `${rel}/${nameText(name)}`;
    if (!retriesFile(filter, entryRel, whole)) continue;
    const facts = factsOf(listing.stats, offset);
    let problem: ListedEntry['problem'] = null;
    if (kind === EntryKind.Error) {
      // A failed stat keeps its errno in the mode field.
      const errnoNumber = listing.stats[offset + Stat.mode] ?? 5;
      const errno = errnoName(errnoNumber);
      problem = { code: codeFor(1, errnoNumber), errno, cause: `Cannot read it (${errno})` };
    } else if (kind === EntryKind.Other) {
      problem = {
        code: 'COPY_IO_ERROR',
        errno: 'ENOTSUP',
        cause: 'Not a file, folder or symlink (a FIFO, socket or device): not copied',
      };
    }
    const size = kind === EntryKind.File ? facts.size : 0;
    yield { name, rel: entryRel, path: `${base}${entryRel}`, size, facts, offset, problem };
  }
}

/** Entries on their way to the copy threads, a batch at a time. */
export class BatchQueue {
  private pending: Pending[] = [];
  private bytes = 0;

  constructor(
    private readonly lanes: LaneDispatcher,
    private readonly work: FolderWork,
  ) {}

  /** Queue one lane item; a big file, or a full batch, goes at once. */
  async add(item: Pending): Promise<void> {
    this.pending.push(item);
    this.bytes += item.size;
    if (item.size >= BIG_FILE_BYTES || this.pending.length >= BATCH_FILES || this.bytes >= BATCH_BYTES)
      await this.flush();
  }

  /** Hand what is queued to the copy threads (resolves once the queue has room). */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.bytes = 0;
    await this.lanes.dispatch(this.work, batch);
  }
}
