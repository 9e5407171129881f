/** How a watch is described to people, alike in the CLI and the app. */
import { countOf, formatDuration } from './format';
import type { WatchCoverage } from './watch-shapes';

/** "last frame 12s ago", or that none was seen landing since the watch started. */
export function landedLabel(landedAt: number | null, now: number): string {
  if (landedAt === null) return 'no frame landed yet';
  return `last frame ${formatDuration(Math.max(0, now - landedAt))} ago`;
}

/**
 * "watching 42 of 42 folders with inotify (budget 96,268 watches)", or "polling 12 of 12 folders every 3.0s
 * (nfs)", with the folders over the budget named.
 */
export function coverageLabel(coverage: WatchCoverage): string {
  const folders = `${coverage.folders_watched} of ${countOf(coverage.folders_found, 'folder')}`;
  const over =
    coverage.folders_watched < coverage.folders_found
      ? `; the rest is over the budget of ${countOf(coverage.budget, 'folder')}`
      : '';
  if (coverage.mode === 'polling') {
    const why = coverage.poll_reason === 'forced' ? 'WRANGLE_WATCH_POLL' : (coverage.poll_reason ?? 'forced');
    return `polling ${folders} every ${formatDuration(coverage.poll_interval_ms)} (${why})${over}`;
  }
  return `watching ${folders} with inotify (budget ${countOf(coverage.budget, 'watch', 'watches')})${over}`;
}
