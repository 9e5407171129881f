/** Text helpers shared by the handover HTML's sections: times in a zone, and a tally of files by status. */
import { formatCount } from '../../src-shared/format';
import { markup, type Part, type Safe } from './html-markup';
import { compareStatuses, statusLabel, statusTone } from './model';
import type { StatusTally } from './status-tally';

export function timeCell(iso: string | null, timeZone: string | undefined): Part {
  if (iso === null) return markup`<span class="muted">not recorded</span>`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return markup`<time datetime="${date.toISOString()}">${formatTime(date, timeZone)}</time>`;
}

/** "2025-05-13 16:02:11 UTC+02:00", in the given zone (the machine's by default). */
export function formatTime(date: Date, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const offset = Math.round((wall - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
  const zone =
    offset === 0
      ? 'UTC'
      : `UTC${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${get('year')}-${pad(get('month'))}-${pad(get('day'))} ${pad(get('hour'))}:${pad(get('minute'))}:${pad(get('second'))} ${zone}`;
}

export function tallyText(tally: StatusTally): Safe {
  const entries = [...tally.byStatus.entries()].sort(([a], [b]) => compareStatuses(a, b));
  if (entries.length === 0) return markup`<span class="muted">no files</span>`;
  return markup`${entries.map(
    ([status, { files }], i) =>
      markup`${i > 0 ? ' · ' : ''}<span class="${statusTone(status)}">${formatCount(files)} ${statusLabel(status)}</span>`,
  )}`;
}
