/**
 * Whether a scan's results are out of date: a copy or move that ended after the scan began and changed the
 * scanned folder (moved something out of it or into it, or moved or replaced the folder itself). Derived from
 * the job list (and a transfer's result or this window's destinations when known), never stored.
 */
import type { AppState } from './app-state';

/** `path` without trailing separators (but "/" stays "/"). */
function trimmed(path: string): string {
  const out = path.replace(/[\\/]+$/, '');
  return out === '' ? path.slice(0, 1) : out;
}

/** True when `path` is `folder` or lies inside it (either separator). */
export function isSameOrInside(path: string, folder: string): boolean {
  const p = trimmed(path);
  const f = trimmed(folder);
  if (p === f) return true;
  if (f === '/' || f === '\\') return p.startsWith(f);
  return p.startsWith(`${f}/`) || p.startsWith(`${f}\\`);
}

function overlaps(a: string, b: string): boolean {
  return isSameOrInside(a, b) || isSameOrInside(b, a);
}

/** Only an absolute path names a place; a multi-source listing's root reads "3 items". */
function isAbsolute(path: string): boolean {
  return path.startsWith('/') || path.startsWith('\\\\') || /^[A-Za-z]:[\\/]/.test(path);
}

function baseName(path: string): string {
  return trimmed(path).split(/[\\/]/).pop() ?? path;
}

function joined(folder: string, name: string): string {
  const base = trimmed(folder);
  const separator = base.includes('\\') && !base.includes('/') ? '\\' : '/';
  return base.endsWith(separator) ? `${base}${name}` : `${base}${separator}${name}`;
}

/**
 * The places transfer `batchId` changed, each standing for itself and everything in it: for each destination,
 * the folder each source landed as (the destination itself when the sources are not known), and a move's
 * sources. A copy's sources are only read, so they are not listed. Null for a job that is not a transfer.
 */
export function changedPlaces(state: AppState, batchId: string): string[] | null {
  const listing = state.jobs[batchId];
  if (!listing || (listing.kind !== 'copy' && listing.kind !== 'move')) return null;
  const result = state.results[batchId];
  const transfer = result && result.kind === listing.kind ? result : undefined;
  const sources = transfer?.sources ?? (isAbsolute(listing.root) ? [listing.root] : null);
  const fromResult = transfer?.destinations.map((destination) => destination.path) ?? [];
  const destinations =
    fromResult.length > 0
      ? fromResult
      : (state.destinations[batchId] ?? (listing.destination ? [listing.destination] : []));
  const places: string[] = [];
  for (const destination of destinations) {
    if (sources) for (const source of sources) places.push(joined(destination, baseName(source)));
    else places.push(destination);
  }
  if (listing.kind === 'move' && sources) places.push(...sources);
  return places;
}

/**
 * The transfer that made scan `scanId`'s results out of date (the one that ended last), or null when they are
 * fresh: it ended after the scan began, and something it changed overlaps the scanned folder.
 */
export function outOfDateBecause(state: AppState, scanId: string): string | null {
  const scan = state.jobs[scanId];
  if (!scan || scan.kind !== 'scan') return null;
  const scanBegan = scan.started_at ?? scan.created_at;
  let culprit: string | null = null;
  let latest = '';
  for (const id of state.jobOrder) {
    const job = state.jobs[id];
    const ended = job?.finished_at;
    if (!ended || ended <= scanBegan || ended <= latest) continue;
    const places = changedPlaces(state, id);
    if (places?.some((place) => overlaps(place, scan.root))) {
      culprit = id;
      latest = ended;
    }
  }
  return culprit;
}
