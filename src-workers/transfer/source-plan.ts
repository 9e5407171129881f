/**
 * The counting pass: walk the sources (never following symlinks) and keep one row per folder, with how many
 * files and bytes it holds, and how much of that would be written where the destination already has a
 * folder (for the space check). File rows are not kept: the copying pass lists each folder again, so memory
 * follows the number of folders, not files.
 */
import {
  EntryKind,
  STAT_FIELDS,
  Stat,
  joinNames,
  nameKey,
  nameText,
  type FsBackend,
  type FsName,
  type Listing,
  type Times,
} from './fs-backend';
import type { OutcomeLedger } from './outcome-ledger';
import { errnoName, isPermissionErrno } from '../../src-node/errno';
import { retriesFile, retriesFolder, type RetryFilter } from './retry-filter';

/** Entries whose counting-pass listing is kept for the copying pass (about 15 MB). */
const LISTINGS_KEPT = 100_000;

/** Folder rows, in walk order (a folder always before its contents). */
export class FolderList {
  readonly parent: number[] = [];
  readonly name: FsName[] = [];
  readonly source: number[] = [];
  readonly mode: number[] = [];
  readonly times: Times[] = [];
  readonly dev: number[] = [];
  readonly ino: number[] = [];
  /** Files (and symlinks) and bytes found in the counting pass. */
  readonly files: number[] = [];
  readonly bytes: number[] = [];
  /** Retry: 1 when the whole folder is wanted, 0 when only some entries below it are. */
  readonly whole: number[] = [];
  /**
   * Listings kept from the counting pass, so the copying pass need not list those folders again: up to
   * LISTINGS_KEPT entries in all (about 15 MB); folders beyond it are listed again.
   */
  private readonly listings = new Map<number, Listing>();
  private listed = 0;

  /** Keep a folder's listing for the copying pass, while the budget allows. */
  keepListing(row: number, listing: Listing): void {
    if (this.listed + listing.names.length > LISTINGS_KEPT) return;
    this.listed += listing.names.length;
    this.listings.set(row, listing);
  }

  /** The listing kept for a folder, handed over once (and freed), or undefined. */
  takeListing(row: number): Listing | undefined {
    const listing = this.listings.get(row);
    this.listings.delete(row);
    return listing;
  }

  get length(): number {
    return this.name.length;
  }

  add(
    parent: number,
    name: FsName,
    source: number,
    stat: Float64Array,
    offset: number,
    whole: boolean,
  ): number {
    this.parent.push(parent);
    this.name.push(name);
    this.source.push(source);
    this.mode.push(stat[offset + Stat.mode] ?? 0o755);
    this.times.push(timesOf(stat, offset));
    this.dev.push(stat[offset + Stat.dev] ?? 0);
    this.ino.push(stat[offset + Stat.ino] ?? 0);
    this.files.push(0);
    this.bytes.push(0);
    this.whole.push(whole ? 1 : 0);
    return this.name.length - 1;
  }

  /** The folder's path relative to its source's parent (its first part is the source's own name). */
  relative(index: number): FsName {
    const parts: FsName[] = [];
    for (let row = index; row >= 0; row = this.parent[row] ?? -1) parts.unshift(this.name[row] ?? '');
    return joinNames(parts);
  }
}

/** A stat row's times. */
export function timesOf(stat: Float64Array, offset = 0): Times {
  return {
    atimeS: stat[offset + Stat.atimeS] ?? 0,
    atimeNs: stat[offset + Stat.atimeNs] ?? 0,
    mtimeS: stat[offset + Stat.mtimeS] ?? 0,
    mtimeNs: stat[offset + Stat.mtimeNs] ?? 0,
  };
}

/** One source as the walk sees it. */
export interface PlannedSource {
  /** Its place among the job's sources. */
  index: number;
  path: string;
  name: string;
  /** Its parent folder, open for the whole job. */
  parentFd: number;
  stat: Float64Array;
  /** Its folder row when it is a folder; -1 otherwise. */
  row: number;
  /** A same-filesystem move renamed it whole (nothing below it is walked). */
  renamed: boolean;
}

/** Totals of the counting pass. */
export interface PlanTotals {
  files: number;
  bytes: number;
  /** Bytes the copy would write (files the destination already has, identical, are left out). */
  bytesToWrite: number;
  /** Entries the copy would create (files, symlinks and folders). */
  entriesToCreate: number;
}

interface PlanContext {
  backend: FsBackend;
  ledger: OutcomeLedger;
  /** Destination root (or null when it does not exist yet: then nothing below it exists either). */
  destRootFd: number | null;
  blockBytes: number;
  filter: RetryFilter | null;
  /** Called between folders: lets the event loop run, honours pause, throws on cancel. */
  checkpoint(totals: PlanTotals): Promise<void>;
}

/** Walk every source not already renamed whole; fills `folders` and returns the totals. */
export async function planSources(
  sources: PlannedSource[],
  folders: FolderList,
  context: PlanContext,
): Promise<PlanTotals> {
  const totals: PlanTotals = { files: 0, bytes: 0, bytesToWrite: 0, entriesToCreate: 0 };
  // Loose files and symlinks given as sources land in the destination root.
  const loose = context.destRootFd === null ? null : listed(context.backend, context.destRootFd);
  for (const source of sources) {
    const index = source.index;
    if (source.renamed) continue;
    const kind = source.stat[Stat.kind];
    if (kind === EntryKind.Dir) {
      const reach = retriesFolder(context.filter, source.name, false);
      if (reach === 'skip') continue;
      source.row = folders.add(-1, source.name, index, source.stat, 0, reach === 'whole');
      totals.entriesToCreate++;
      await walk(source, folders, totals, context);
    } else if (kind === EntryKind.File || kind === EntryKind.Symlink) {
      if (!retriesFile(context.filter, source.name, false)) continue;
      count(totals, source.stat, 0, loose, source.name, context.blockBytes);
    }
  }
  return totals;
}

async function walk(
  source: PlannedSource,
  folders: FolderList,
  totals: PlanTotals,
  context: PlanContext,
): Promise<void> {
  const { backend, filter } = context;
  const stack = [source.row];
  while (stack.length > 0) {
    const row = stack.pop() as number;
    await context.checkpoint(totals);
    const rel = folders.relative(row);
    const relText = nameText(rel);
    const fd = backend.openBeneath(source.parentFd, rel);
    if (fd < 0) {
      failFolder(context, `${source.path.slice(0, -source.name.length)}${relText}`, -fd);
      folders.whole[row] = 0;
      continue;
    }
    const listing = backend.listAt(fd);
    backend.close(fd);
    if (typeof listing === 'number') {
      failFolder(context, `${source.path.slice(0, -source.name.length)}${relText}`, listing);
      continue;
    }
    folders.keepListing(row, listing);
    const existing = context.destRootFd === null ? null : destListing(backend, context.destRootFd, rel);
    const whole = folders.whole[row] === 1;
    const subfolders: number[] = [];
    listing.names.forEach((name, entry) => {
      const base = entry * STAT_FIELDS;
      const kind = listing.stats[base + Stat.kind];
      const childRel = filter ? `${relText}/${nameText(name)}` : '';
      if (kind === EntryKind.Dir) {
        const reach = retriesFolder(filter, childRel, whole);
        if (reach === 'skip') return;
        subfolders.push(folders.add(row, name, source.index, listing.stats, base, reach === 'whole'));
        if (!existing?.has(nameKey(name))) totals.entriesToCreate++;
        return;
      }
      if (!retriesFile(filter, childRel, whole)) return;
      if (kind === EntryKind.File || kind === EntryKind.Symlink) {
        folders.files[row] = (folders.files[row] ?? 0) + 1;
        folders.bytes[row] =
          (folders.bytes[row] ?? 0) + (kind === EntryKind.File ? (listing.stats[base + Stat.size] ?? 0) : 0);
        count(totals, listing.stats, base, existing, name, context.blockBytes);
      }
    });
    // Reversed so folders come off the stack in listing order.
    for (const child of subfolders.reverse()) stack.push(child);
  }
}

/** The destination folder matching `rel`, listed, or null when there is none. */
function destListing(backend: FsBackend, root: number, rel: FsName): Map<string, Float64Array> | null {
  const fd = backend.openBeneath(root, rel);
  if (fd < 0) return null;
  try {
    return listed(backend, fd);
  } finally {
    backend.close(fd);
  }
}

function listed(backend: FsBackend, fd: number): Map<string, Float64Array> | null {
  const listing: Listing | number = backend.listAt(fd);
  if (typeof listing === 'number') return null;
  const map = new Map<string, Float64Array>();
  listing.names.forEach((name, row) =>
    map.set(nameKey(name), listing.stats.subarray(row * STAT_FIELDS, (row + 1) * STAT_FIELDS)),
  );
  return map;
}

/** Count one file or symlink, and what copying it would take at the destination. */
function count(
  totals: PlanTotals,
  stats: Float64Array,
  base: number,
  existing: Map<string, Float64Array> | null,
  name: FsName,
  blockBytes: number,
): void {
  const kind = stats[base + Stat.kind];
  const size = kind === EntryKind.File ? (stats[base + Stat.size] ?? 0) : 0;
  totals.files++;
  totals.bytes += size;
  const there = existing?.get(nameKey(name));
  // Same size and about the same time (the precision is not known yet): most likely skipped.
  if (
    there &&
    there[Stat.kind] === kind &&
    there[Stat.size] === stats[base + Stat.size] &&
    Math.abs((there[Stat.mtimeS] ?? 0) - (stats[base + Stat.mtimeS] ?? 0)) <= 2
  )
    return;
  const allocated = Math.min(size, (stats[base + Stat.blocks] ?? 0) * 512);
  totals.bytesToWrite += Math.ceil(allocated / blockBytes) * blockBytes;
  if (!there) totals.entriesToCreate++;
}

function failFolder(context: PlanContext, path: string, errno: number): void {
  const name = errnoName(errno);
  const permission = isPermissionErrno(errno);
  context.ledger.fail(
    {
      path,
      code: permission ? 'COPY_PERMISSION_ERROR' : 'COPY_IO_ERROR',
      errno: name,
      cause: `Cannot read the folder (${name})`,
    },
    { folder: true },
  );
}
