/** How a watch is described to people, alike in the CLI and the app. */
import { countOf, formatDuration } from './format';
import type { WatchCoverage } from './watch-shapes';

/** "last frame 12s ago", or that none was seen landing since the watch started. */
export function landedLabel(landedAt: number | null, now: number): string {
  if (landedAt === null) return 'no frame landed yet';
  return `last frame ${formatDuration(Math.max(0, now - landedAt))} ago`;
}

/**
 * "watching 42 of 42 folders with inotify (budget 96,268 watches)", or "polling the root and 3 open folders
 * every 3.0s (nfs); the other 38 are re-read every 1m", with the folders over the budget named. `focus` names
 * what a polled watch polls besides the root: the app's open folders, the CLI's folders with sequences.
 */
export function coverageLabel(
  coverage: WatchCoverage,
  focus: FocusName = ['open folder', 'open folders'],
): string {
  const folders = `${coverage.folders_watched} of ${countOf(coverage.folders_found, 'folder')}`;
  const over =
    coverage.folders_watched < coverage.folders_found
      ? `; the rest is over the budget of ${countOf(coverage.budget, 'folder')}`
      : '';
  if (coverage.mode === 'polling') {
    const why = coverage.poll_reason === 'forced' ? 'WRANGLE_WATCH_POLL' : (coverage.poll_reason ?? 'forced');
    const every = `every ${formatDuration(coverage.poll_interval_ms)} (${why})`;
    if (coverage.folders_polled === undefined) return `polling ${folders} ${every}${over}`;
    return `${pollingLabel(coverage.folders_polled, coverage.folders_watched, focus)} ${every}${reconcileNote(coverage)}${over}`;
  }
  return `watching ${folders} with inotify (budget ${countOf(coverage.budget, 'watch', 'watches')})${over}`;
}

/** What a polled watch polls besides the root, one and many: ['open folder', 'open folders']. */
export type FocusName = readonly [one: string, many: string];

/** "polling the root and 3 open folders", or "polling the root" alone. */
function pollingLabel(polled: number, watched: number, [one, many]: FocusName): string {
  const others = Math.max(0, Math.min(polled, watched) - 1);
  return others === 0 ? 'polling the root' : `polling the root and ${countOf(others, one, many)}`;
}

/** "; the other 38 are re-read every 1m": the folders not polled still follow, at the reconcile. */
function reconcileNote(coverage: WatchCoverage): string {
  const rest = coverage.folders_watched - (coverage.folders_polled ?? 0);
  if (rest <= 0 || coverage.reconcile_interval_ms === undefined) return '';
  const folders = rest === 1 ? 'the other folder is' : `the other ${rest.toLocaleString('en-US')} are`;
  return `; ${folders} re-read every ${formatDuration(coverage.reconcile_interval_ms)}`;
}
