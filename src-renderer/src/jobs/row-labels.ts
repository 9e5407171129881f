/** Pure helpers for the words of a row in the jobs panel. */
import { formatBytes } from '../../../src-shared/format';
import type { JobInfo, ProgressSnapshot } from '../../../src-shared/jobs';

/** "14:02" today, else "12 Mar 14:02". */
export function shortTime(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  const time = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  if (date.toDateString() === new Date().toDateString()) return time;
  return `${date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })} ${time}`;
}

/** An ended job's meta line: the parts that are known, then when it finished, joined by " · ". */
export function endedMeta(
  parts: readonly (string | null)[],
  listing: Pick<JobInfo, 'finished_at' | 'created_at'>,
): string {
  return [...parts, shortTime(listing.finished_at ?? listing.created_at)].filter(Boolean).join(' · ');
}

/** A running copy's or verification's row: "42%" and "1.2 GB of 3.0 GB" (or the bytes so far, before the total is known). */
export function byteProgressParts(
  percent: number,
  snapshot: Pick<ProgressSnapshot, 'bytes_processed' | 'bytes_total'>,
): string[] {
  const done = formatBytes(snapshot.bytes_processed);
  return [
    `${percent}%`,
    snapshot.bytes_total !== null ? `${done} of ${formatBytes(snapshot.bytes_total)}` : done,
  ];
}
