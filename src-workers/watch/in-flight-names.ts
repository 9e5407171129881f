/**
 * Names of files still being written or kept aside: hidden names, editor backups and temporary or partial
 * downloads. Renderers and copy tools write frames under such a name and rename them when complete, so these
 * never form sequences while watching; the frame counts once, under its final name.
 */

/** Endings of temporary and partial files (compared in lower case). */
const IN_FLIGHT_ENDINGS: readonly string[] = [
  '~',
  '.tmp',
  '.temp',
  '.part',
  '.partial',
  '.crdownload',
  '.download',
  '.swp',
];

/** True for a hidden name (`.frame.1001.exr.tmp`, Wrangle's own `.name.wrangle-part-…`) or a temporary one. */
export function isInFlightName(name: string): boolean {
  if (name.startsWith('.') || name.startsWith('~') || name.startsWith('#')) return true;
  const lower = name.toLowerCase();
  return IN_FLIGHT_ENDINGS.some((ending) => lower.endsWith(ending));
}
