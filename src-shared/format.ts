/** Human formatting shared by the CLI and the renderer. */

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** 1234567 → "1.2 MB" (decimal units, as file managers and drives use). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${BYTE_UNITS[unit]}`;
}

/** 1234567 → "1,234,567". */
export function formatCount(count: number): string {
  return Math.round(count).toLocaleString('en-US');
}

/** 83_000 → "1m 23s"; 900 → "0.9s". */
export function formatDuration(ms: number): string {
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)}s`;
  const seconds = Math.round(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h}h ${m}m`;
  return m > 0 ? `${m}m ${s}s` : `${s}s`;
}

/** Shorten a path to `width` characters by cutting its middle, keeping the file name readable. */
export function middleEllipsis(text: string, width: number): string {
  if (text.length <= width) return text;
  if (width <= 1) return '…'.slice(0, width);
  const tail = Math.ceil((width - 1) * 0.6);
  const head = width - 1 - tail;
  return `${text.slice(0, head)}…${text.slice(text.length - tail)}`;
}

/** 1 → "1 file", 2 → "2 files"; irregular plurals are passed in. */
export function countOf(count: number, noun: string, plural = `${noun}s`): string {
  return `${formatCount(count)} ${count === 1 ? noun : plural}`;
}

/** 1 → "1 file/s", 12345.4 → "12,345 files/s": a rate, singular only when it shows as 1. */
export function formatRate(perSecond: number, noun: string, plural = `${noun}s`): string {
  return `${countOf(Math.round(perSecond), noun, plural)}/s`;
}

/** `text` with every control character (newline, carriage return, escape, C1) shown as "?": safe on one line. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}
